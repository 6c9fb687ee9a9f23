using GitLabLite.Git;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Lib.Git;

/// <summary>
/// The refs read straight from the files equal git's and libgit2's for every layout git writes: loose and packed refs, packed
/// refs with and without peeled lines, a loose ref overriding a packed one, deleted, nested and symbolic refs,
/// annotated tags (of tags, trees and blobs), detached and unborn HEADs, lock files.
/// </summary>
[TestClass]
public sealed class GitRefFilesSpec
{
    private GitCli _git = null!;
    private string _bare = null!;
    private string _work = null!;

    [TestInitialize]
    public async Task CreateRepository()
    {
        _git = new GitCli();
        _bare = new RepositoryStorage(Path.Combine(_git.Home, "storage")).CreateBare("group/project", "main");
        _work = await _git.NewWorkingCopyAsync("work", ("go.mod", "module example.com/m\n"), ("a.go", "package m\n"), ("b.go", "package m\n"));
        await _git.MustAsync(_work, "branch", "feature/x", "HEAD~1");
        await _git.MustAsync(_work, "tag", "v1.0.0", "HEAD~2");
        await _git.MustAsync(_work, "tag", "-a", "v1.1.0", "-m", "annotated", "HEAD~1");
        await _git.MustAsync(_work, "tag", "-a", "v1.2.0-outer", "-m", "tag of a tag", "v1.1.0");
        await _git.MustAsync(_work, "tag", "sub/v0.1.0", "HEAD");
        await _git.MustAsync(_work, "tag", "tree-tag", "HEAD^{tree}");
        await _git.MustAsync(_work, "tag", "-a", "blob-tag", "-m", "a blob", "HEAD:go.mod");
        await _git.MustAsync(_work, "push", "-q", _bare, "main", "feature/x", "--tags");
    }

    [TestCleanup]
    public void RemoveRepository() => _git.Dispose();

    private Task GitAsync(params string[] args) => _git.MustAsync(_bare, args);

    private Task<string> RevParseAsync(string rev) => _git.MustAsync(_bare, "rev-parse", rev);

    [TestMethod]
    public async Task Read_LooseRefs_EqualsLibgit2() => await AssertEqualAsync();

    [TestMethod]
    public async Task Read_PackedRefsFullyPeeled_EqualsLibgit2()
    {
        await GitAsync("pack-refs", "--all");
        StringAssert.Contains(await File.ReadAllTextAsync(Path.Combine(_bare, "packed-refs")), "fully-peeled");
        await AssertEqualAsync();
    }

    [TestMethod]
    public async Task Read_LooseRefOverridingAPackedOneAndADeletedTag_EqualsLibgit2()
    {
        await GitAsync("pack-refs", "--all");
        await GitAsync("update-ref", "refs/tags/v1.0.0", "main");
        await GitAsync("tag", "-d", "sub/v0.1.0");
        await GitAsync("branch", "-D", "feature/x");
        await GitAsync("tag", "v2.0.0", "main~1");
        await AssertEqualAsync();
    }

    [TestMethod]
    public async Task Read_PackedRefsWithoutPeeledLines_EqualsLibgit2()
    {
        // An old git's packed-refs: no traits, no peeled lines, so every object has to be looked at.
        await GitAsync("pack-refs", "--all");
        var path = Path.Combine(_bare, "packed-refs");
        var lines = (await File.ReadAllLinesAsync(path)).Where(l => !l.StartsWith('#') && !l.StartsWith('^'));
        await File.WriteAllLinesAsync(path, lines);
        await AssertEqualAsync();
    }

    [TestMethod]
    public async Task Read_PackedRefsPeeledButNotFullyPeeled_EqualsLibgit2()
    {
        await GitAsync("pack-refs", "--all");
        var path = Path.Combine(_bare, "packed-refs");
        var lines = await File.ReadAllLinesAsync(path);
        lines[0] = "# pack-refs with: peeled ";
        await File.WriteAllLinesAsync(path, lines);
        await AssertEqualAsync();
    }

    [TestMethod]
    public async Task Read_SymbolicTags_EqualsGit()
    {
        await GitAsync("symbolic-ref", "refs/tags/v9.9.9", "refs/tags/v1.1.0");
        await GitAsync("symbolic-ref", "refs/tags/dangling", "refs/tags/none");
        // libgit2 lists no tag at all once one dangles; git (and the go command) skip that one only.
        await AssertEqualAsync(libgit2: false);
    }

    [TestMethod]
    public async Task Read_LockFileBesideTheRefs_EqualsLibgit2()
    {
        await File.WriteAllTextAsync(Path.Combine(_bare, "refs", "tags", "v3.0.0.lock"), await File.ReadAllTextAsync(Path.Combine(_bare, "refs", "heads", "main")));
        await AssertEqualAsync();
    }

    [TestMethod]
    public async Task Read_DetachedHead_EqualsLibgit2()
    {
        await GitAsync("update-ref", "--no-deref", "HEAD", "feature/x");
        await AssertEqualAsync();
    }

    [TestMethod]
    public async Task Read_UnbornHead_EqualsLibgit2()
    {
        await GitAsync("symbolic-ref", "HEAD", "refs/heads/never");
        await AssertEqualAsync();
    }

    [TestMethod]
    public async Task Read_ThousandsOfPackedTags_ReadsObjectsOnlyForTargetsNotSeenBefore()
    {
        var commits = new[] { await RevParseAsync("main"), await RevParseAsync("main~1"), await RevParseAsync("main~2") };
        Directory.CreateDirectory(Path.Combine(_bare, "refs", "tags", "v1"));
        for (var i = 0; i < 2000; i++)
            await File.WriteAllTextAsync(Path.Combine(_bare, "refs", "tags", "v1", $"{i / 100}.{i % 100}"), commits[i % 3] + "\n");
        await GitAsync("pack-refs", "--all");
        var facts = new CommitFacts();
        var reads = 0;
        using var git = GitRepositoryReader.OpenOrNull(_bare)!;
        GitPeel Peel(string id) => facts.Peel(id, () => { reads++; return git.Peel(id); });
        Assert.IsNotNull(GitRefFiles.ReadOrNull(_bare, Peel));
        var first = reads;
        await GitAsync("tag", "v9.0.0", "feature/x");
        var snapshot = GitRefFiles.ReadOrNull(_bare, Peel)!;
        Assert.AreEqual(first, reads, "objects of known targets were read again");
        Assert.IsNotNull(snapshot.FindTag("v9.0.0"));
        await AssertEqualAsync();
    }

    [TestMethod]
    public async Task PeelBatch_EveryKindOfTarget_EqualsLibgit2()
    {
        using var git = GitRepositoryReader.OpenOrNull(_bare)!;
        var ids = new List<string>();
        foreach (var rev in new[] { "main", "refs/tags/v1.1.0", "refs/tags/v1.2.0-outer", "refs/tags/tree-tag", "refs/tags/blob-tag", "main:go.mod" })
            ids.Add(await RevParseAsync(rev));
        var missing = new string('0', 39) + "1";
        var peels = GitPeelBatch.Read(_bare, [.. ids, missing, "main", ids[0]]);
        foreach (var id in ids) Assert.AreEqual(git.Peel(id), peels[id], id);
        Assert.AreEqual(GitPeel.Commit(ids[0]), peels[ids[0]]);
        Assert.AreEqual(new GitPeel(false, await RevParseAsync("main~1")), peels[ids[2]], "a tag of a tag ends at its commit");
        Assert.HasCount(ids.Count, peels, "a missing object and a name that is not an id are left out");
    }

    [TestMethod]
    public async Task Read_WithEveryTargetPeeledInOneBatch_EqualsGitAndReadsNoObjectOneByOne()
    {
        var commits = new[] { await RevParseAsync("main"), await RevParseAsync("main~1"), await RevParseAsync("main~2") };
        Directory.CreateDirectory(Path.Combine(_bare, "refs", "tags", "v1"));
        for (var i = 0; i < 500; i++)
            await File.WriteAllTextAsync(Path.Combine(_bare, "refs", "tags", "v1", $"{i / 100}.{i % 100}"), commits[i % 3] + "\n");
        await GitAsync("pack-refs", "--all");
        await GitAsync("tag", "-a", "v9.0.0", "-m", "loose and annotated", "feature/x");
        var facts = new CommitFacts();
        var reads = 0;
        using var git = GitRepositoryReader.OpenOrNull(_bare)!;
        var snapshot = GitRefFiles.ReadOrNull(_bare, id => facts.Peel(id, () => { reads++; return git.Peel(id); }),
            ids => facts.RememberPeels(GitPeelBatch.Read(_bare, facts.UnknownPeels(ids))))!;
        Assert.AreEqual(0, reads, "objects read one by one");
        CollectionAssert.AreEquivalent(GitRefFilesReader().Tags.ToArray(), snapshot.Tags.ToArray());
        Assert.AreEqual(new GitRef("v9.0.0", await RevParseAsync("feature/x")), snapshot.FindTag("v9.0.0"));
        await AssertEqualAsync();
    }

    /// <summary>
    /// Compares with git itself (every tag that peels to a commit, by `rev-parse refs/tags/x^{commit}`, which is what
    /// the go command sees) and, unless <paramref name="libgit2"/> is false, with libgit2's reader.
    /// </summary>
    private async Task AssertEqualAsync(bool libgit2 = true)
    {
        var actual = GitRefFilesReader();
        var names = (await _git.MustAsync(_bare, "for-each-ref", "--format=%(refname:lstrip=2)", "refs/tags")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        var expected = new List<GitRef>();
        foreach (var name in names)
        {
            var peeled = await _git.RunAsync(_bare, "rev-parse", "--verify", "-q", $"refs/tags/{name}^{{commit}}");
            if (peeled.ExitCode == 0) expected.Add(new GitRef(name, peeled.Stdout.Trim()));
        }
        CollectionAssert.AreEquivalent(expected, actual.Tags.ToArray(),
            $"git:   [{string.Join(", ", expected.Take(20))}]\nfiles: [{string.Join(", ", actual.Tags.Take(20))}]");
        // The go command sorts tags by name; libgit2 lists loose ones before packed ones.
        CollectionAssert.AreEqual(actual.Tags.Select(t => t.Name).Order(StringComparer.Ordinal).ToArray(), actual.Tags.Select(t => t.Name).ToArray(), "not in name order");
        var head = await _git.RunAsync(_bare, "rev-parse", "--verify", "-q", "HEAD^{commit}");
        Assert.AreEqual(head.ExitCode == 0 ? head.Stdout.Trim() : null, actual.HeadCommitId, "HEAD");
        var branches = (await _git.MustAsync(_bare, "for-each-ref", "--format=%(refname:lstrip=2) %(objectname)", "refs/heads")).Split('\n', StringSplitOptions.RemoveEmptyEntries);
        foreach (var line in branches)
            Assert.AreEqual(line.Split(' ')[1], actual.FindBranch(line.Split(' ')[0]), $"branch {line}");
        Assert.IsNull(actual.FindBranch("never"));
        if (!libgit2) return;
        using var git = GitRepositoryReader.OpenOrNull(_bare)!;
        var byLibgit2 = git.ReadRefs();
        CollectionAssert.AreEquivalent(byLibgit2.Tags.ToArray(), actual.Tags.ToArray(), "libgit2 tags");
        Assert.AreEqual(byLibgit2.HeadCommitId, actual.HeadCommitId, "libgit2 HEAD");
        CollectionAssert.AreEquivalent(byLibgit2.TipIds.ToArray(), actual.TipIds.ToArray(), "libgit2 tips");
    }

    private GitRefSnapshot GitRefFilesReader()
    {
        using var git = GitRepositoryReader.OpenOrNull(_bare)!;
        return GitRefFiles.ReadOrNull(_bare, id => git.Peel(id) ?? GitPeel.None)!;
    }
}
