using System.Text;
using GitLabLite.Git;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Lib.Git;

[TestClass]
public sealed class GitBlobBatchSpec
{
    private GitCli _git = null!;
    private string _bare = null!;
    private Dictionary<string, string> _ids = null!;

    [TestInitialize]
    public async Task CreateRepository()
    {
        _git = new GitCli();
        _bare = new RepositoryStorage(Path.Combine(_git.Home, "storage")).CreateBare("group/project", "main");
        var work = await _git.NewWorkingCopyAsync("work", ("a.txt", "alpha\n"), ("b.txt", ""), ("c.bin", new string('c', 200_000)), ("d.txt", "delta\n"));
        await _git.MustAsync(work, "push", "-q", _bare, "main");
        var head = await _git.MustAsync(work, "rev-parse", "HEAD");
        using var repo = GitRepositoryReader.OpenOrNull(_bare)!;
        _ids = repo.EnumerateTree(head).ToDictionary(e => e.Path, e => e.ObjectId);
    }

    [TestCleanup]
    public void RemoveRepository() => _git.Dispose();

    private static string Read(Stream stream) => new StreamReader(stream, Encoding.UTF8).ReadToEnd();

    [TestMethod]
    public void Open_PrefetchedInOrder_ReturnsEachContent()
    {
        using var batch = new GitBlobBatch(_bare);
        batch.Prefetch([_ids["a.txt"], _ids["b.txt"], _ids["c.bin"], _ids["d.txt"]]);
        Assert.AreEqual("alpha\n", Read(batch.Open(_ids["a.txt"])));
        Assert.AreEqual("", Read(batch.Open(_ids["b.txt"])));
        var c = batch.Open(_ids["c.bin"]);
        Assert.AreEqual(200_000, c.Length);
        Assert.AreEqual(new string('c', 200_000), Read(c));
        Assert.AreEqual("delta\n", Read(batch.Open(_ids["d.txt"])));
    }

    [TestMethod]
    public void Open_PartlyReadOrSkippedBlobs_StayInStep()
    {
        using var batch = new GitBlobBatch(_bare);
        batch.Prefetch([_ids["c.bin"], _ids["a.txt"], _ids["b.txt"], _ids["d.txt"]]);
        var c = batch.Open(_ids["c.bin"]);
        Assert.AreEqual(10, c.Read(new byte[10]));
        // b.txt was requested after a.txt: a.txt is skipped unread; then d.txt, then a blob never prefetched.
        Assert.AreEqual("", Read(batch.Open(_ids["b.txt"])));
        Assert.AreEqual("delta\n", Read(batch.Open(_ids["d.txt"])));
        Assert.AreEqual("alpha\n", Read(batch.Open(_ids["a.txt"])));
        Assert.AreEqual("alpha\n", Read(batch.Open(_ids["a.txt"])));
    }

    [TestMethod]
    public void Open_MissingBlob_ThrowsIOException()
    {
        using var batch = new GitBlobBatch(_bare);
        Assert.ThrowsExactly<IOException>(() => batch.Open(new string('0', 40)));
        Assert.ThrowsExactly<ArgumentException>(() => batch.Open("../../etc/passwd"));
    }

    [TestMethod]
    public void Dispose_WithUnreadPrefetches_DoesNotHang()
    {
        var batch = new GitBlobBatch(_bare);
        batch.Prefetch(Enumerable.Repeat(_ids["c.bin"], 500));
        Assert.AreEqual("c", Read(batch.Open(_ids["c.bin"]))[..1]);
        batch.Dispose();
    }
}
