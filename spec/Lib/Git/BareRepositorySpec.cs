using GitLabLite.Git;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Lib.Git;

[TestClass]
public sealed class BareRepositorySpec
{
    private GitCli _git = null!;
    private string _bare = null!;

    [TestInitialize]
    public void CreateRepository()
    {
        _git = new GitCli();
        _bare = new RepositoryStorage(Path.Combine(_git.Home, "storage")).CreateBare("group/project", "main");
    }

    [TestCleanup]
    public void RemoveRepository() => _git.Dispose();

    [TestMethod]
    public async Task IsEmpty_UntilABranchExistsWhetherLooseOrPacked()
    {
        Assert.IsTrue(BareRepository.IsEmpty(_bare), "fresh");
        Assert.IsTrue(BareRepository.IsEmpty(Path.Combine(_git.Home, "missing.git")), "no repository");
        var work = await _git.NewWorkingCopyAsync("work", ("go.mod", "module example.com/m\n"));
        await _git.MustAsync(work, "tag", "v1.0.0");
        await _git.MustAsync(work, "push", "-q", _bare, "v1.0.0");
        Assert.IsTrue(BareRepository.IsEmpty(_bare), "tags alone are not visible content (GitLab's has_visible_content?)");
        await _git.MustAsync(_bare, "pack-refs", "--all");
        Assert.IsTrue(BareRepository.IsEmpty(_bare), "a packed tag alone");

        await _git.MustAsync(work, "push", "-q", _bare, "HEAD:refs/heads/feature/x");
        Assert.IsFalse(BareRepository.IsEmpty(_bare), "a loose branch in a sub-directory of refs/heads");

        await _git.MustAsync(_bare, "pack-refs", "--all");
        Assert.IsFalse(File.Exists(Path.Combine(_bare, "refs", "heads", "feature", "x")), "the branch is packed");
        Assert.IsFalse(BareRepository.IsEmpty(_bare), "a packed branch");

        await _git.MustAsync(_bare, "branch", "-D", "feature/x");
        Assert.IsTrue(File.Exists(Path.Combine(_bare, "packed-refs")));
        Assert.IsTrue(BareRepository.IsEmpty(_bare), "packed-refs with the tag only");
    }
}
