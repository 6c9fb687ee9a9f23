using System.Text;
using GitLabLite.Git;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Lib.Git;

[TestClass]
public sealed class GitRepositoryReaderSpec
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

    private async Task<string> PushFixtureAsync()
    {
        var work = await _git.NewWorkingCopyAsync("work", ("go.mod", "module example.com/m\n"), ("cmd/tool/main.go", "package main\n"));
        await File.WriteAllTextAsync(Path.Combine(work, "run.sh"), "#!/bin/sh\n");
        File.CreateSymbolicLink(Path.Combine(work, "link"), "go.mod");
        await _git.MustAsync(work, "add", "run.sh", "link");
        await _git.MustAsync(work, "update-index", "--chmod=+x", "run.sh");
        await _git.MustAsync(work, "update-index", "--add", "--cacheinfo", "160000,1111111111111111111111111111111111111111,cmd/vendored");
        await _git.MustAsync(work, "commit", "-q", "-m", "Tools\n\nWith a body.");
        await _git.MustAsync(work, "tag", "v1.0.0", "HEAD~1");
        await _git.MustAsync(work, "tag", "-a", "v1.1.0", "-m", "Release 1.1");
        await _git.MustAsync(work, "push", "-q", _bare, "main", "--tags");
        return work;
    }

    [TestMethod]
    public void Open_FreshRepository_HasUnbornHead()
    {
        using var repo = GitRepositoryReader.OpenOrNull(_bare)!;
        Assert.AreEqual("main", repo.HeadBranch);
        Assert.IsNull(repo.DefaultBranch);
        Assert.AreEqual(0, repo.ListTags().Count);
        Assert.AreEqual(0, repo.ListBranches().Count);
    }

    [TestMethod]
    public void OpenOrNull_WithoutRepository_ReturnsNull() =>
        Assert.IsNull(GitRepositoryReader.OpenOrNull(Path.Combine(_git.Home, "missing.git")));

    [TestMethod]
    public async Task ListTags_PeelsAnnotatedTagsToTheirCommit()
    {
        var work = await PushFixtureAsync();
        using var repo = GitRepositoryReader.OpenOrNull(_bare)!;
        Assert.AreEqual("main", repo.DefaultBranch);
        var tags = repo.ListTags().ToDictionary(t => t.Name);
        var head = await _git.MustAsync(work, "rev-parse", "HEAD");
        var annotated = tags["v1.1.0"];
        Assert.AreEqual(head, annotated.Commit.Id);
        Assert.AreNotEqual(head, annotated.TargetId);
        Assert.AreEqual("Release 1.1\n", annotated.Message);
        Assert.AreEqual("Spec Committer", annotated.Tagger!.Name);
        Assert.AreEqual("Tools", annotated.Commit.Title);
        var lightweight = tags["v1.0.0"];
        Assert.IsFalse(lightweight.Annotated);
        Assert.AreEqual(await _git.MustAsync(work, "rev-parse", "HEAD~1"), lightweight.TargetId);
        Assert.AreEqual(lightweight.TargetId, lightweight.Commit.Id);
        Assert.AreEqual(new DateTimeOffset(2024, 1, 2, 12, 0, 0, TimeSpan.Zero), lightweight.Commit.Committer.When);
        Assert.AreEqual(lightweight.Commit.Id, annotated.Commit.ParentIds.Single());
        Assert.AreEqual("v1.1.0", repo.FindTag("v1.1.0")!.Name);
        Assert.IsNull(repo.FindTag("v9"));
    }

    [TestMethod]
    public async Task FindCommit_TakesFullOrShortIdsOnly()
    {
        var work = await PushFixtureAsync();
        var head = await _git.MustAsync(work, "rev-parse", "HEAD");
        using var repo = GitRepositoryReader.OpenOrNull(_bare)!;
        Assert.AreEqual(head, repo.FindCommit(head[..12])!.Id);
        Assert.IsNull(repo.FindCommit("HEAD"));
        Assert.IsNull(repo.FindCommit("main~1"));
        Assert.IsNull(repo.FindCommit(new string('0', 40)));
        Assert.AreEqual("main", repo.FindBranch("main")!.Name);
        Assert.IsNull(repo.FindBranch("nope"));
    }

    [TestMethod]
    public async Task EnumerateTreeAndReadBlob_ReportModesSizesAndContent()
    {
        var work = await PushFixtureAsync();
        var head = await _git.MustAsync(work, "rev-parse", "HEAD");
        using var repo = GitRepositoryReader.OpenOrNull(_bare)!;
        var entries = repo.EnumerateTree(head).ToList();
        CollectionAssert.AreEqual(new[] { "cmd/tool/main.go", "cmd/vendored", "go.mod", "link", "run.sh" }, entries.Select(e => e.Path).Order(StringComparer.Ordinal).ToArray());
        var byPath = entries.ToDictionary(e => e.Path);
        Assert.AreEqual(GitTreeEntryKind.Regular, byPath["go.mod"].Kind);
        Assert.AreEqual("module example.com/m\n".Length, byPath["go.mod"].Size);
        Assert.AreEqual(GitTreeEntryKind.Executable, byPath["run.sh"].Kind);
        Assert.AreEqual(GitTreeEntryKind.Symlink, byPath["link"].Kind);
        Assert.AreEqual(GitTreeEntryKind.Submodule, byPath["cmd/vendored"].Kind);

        CollectionAssert.AreEqual(new[] { "cmd/tool/main.go", "cmd/vendored" }, repo.EnumerateTree(head, "cmd/").Select(e => e.Path).ToArray());
        Assert.AreEqual(0, repo.EnumerateTree(head, "nothing").Count());
        Assert.AreEqual("package main\n", Encoding.UTF8.GetString(repo.ReadBlob(head, "cmd/tool/main.go")!));
        Assert.IsNull(repo.ReadBlob(head, "cmd"));
        Assert.IsNull(repo.ReadBlob(head, "missing.txt"));
    }
}
