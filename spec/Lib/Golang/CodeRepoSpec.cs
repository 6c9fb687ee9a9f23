using System.Globalization;
using System.Text;
using GitLabLite.Git;
using GitLabLite.Golang;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Lib.Golang;

/// <summary>
/// coderepo.go's rules table by table, on two real repositories built once with the git CLI (no server):
/// <c>example.com/g/p</c> (go.mod at the root, a sub-directory module, a v2 branch, non-canonical and
/// pseudo-version-shaped tags) and <c>example.com/g/l</c> (no go.mod anywhere, so its v2 tag is +incompatible).
/// Expected answers are what `go list -m -json` prints in direct mode (cmd/go/internal/modfetch/coderepo.go);
/// "{sha:N}" and "{time:N}" stand for commit N's 12-digit short id and pseudo-version timestamp.
/// </summary>
[TestClass]
public sealed class CodeRepoSpec
{
    private const string Root = "example.com/g/p";
    private const string Legacy = "example.com/g/l";

    private static string _dir = null!;
    private static readonly Dictionary<string, string> Repositories = new();
    private static readonly List<string> Commits = [];

    [ClassInitialize]
    public static async Task BuildRepositories(TestContext _)
    {
        _dir = Directory.CreateTempSubdirectory("coderepo-spec-").FullName;
        using (var p = await GitFixture.CreateAsync())
        {
            Commits.Add(await p.CommitAsync(new Dictionary<string, string?> { ["go.mod"] = $"module {Root}\n", ["a.go"] = "package p\n" }));
            await p.TagAsync("v1.0.0");
            await p.TagAsync("v1.0");
            await p.TagAsync("v1.0.0+meta");
            Commits.Add(await p.CommitAsync("b.go", "package p\n"));
            await p.TagAsync("v1.1.0-rc.1", "annotated");
            Commits.Add(await p.CommitAsync(new Dictionary<string, string?> { ["sub/go.mod"] = $"module {Root}/sub\n", ["sub/s.go"] = "package sub\n" }));
            await p.TagAsync("v1.1.0");
            await p.TagAsync("sub/v0.1.0");
            Commits.Add(await p.CommitAsync("c.go", "package p\n"));
            // A tag shaped like a pseudo-version is never a version (coderepo.go Versions and convert's tagToVersion).
            await p.TagAsync($"v1.1.1-0.{Time(3)}-aaaaaaaaaaaa");
            await p.GitAsync("checkout", "-q", "-b", "v2");
            Commits.Add(await p.CommitAsync("go.mod", $"module {Root}/v2\n"));
            await p.TagAsync("v2.0.0");
            await p.GitAsync("checkout", "-q", "main");
            await p.PushToAsync(Repositories[Root] = Path.Combine(_dir, "p.git"));
        }
        using (var l = await GitFixture.CreateAsync())
        {
            Commits.Add(await l.CommitAsync("a.go", "package l\n"));
            await l.TagAsync("v1.0.0");
            Commits.Add(await l.CommitAsync("b.go", "package l\n"));
            await l.TagAsync("v2.0.0");
            await l.PushToAsync(Repositories[Legacy] = Path.Combine(_dir, "l.git"));
        }
    }

    [ClassCleanup]
    public static void DeleteRepositories() => Directory.Delete(_dir, recursive: true);

    [TestMethod]
    [DataRow(Root, Root, "", "", "")]
    [DataRow(Root, Root + "/sub", Root + "/sub", "sub", "")]
    [DataRow(Root, Root + "/sub/v3", Root + "/sub", "sub", "/v3")]
    [DataRow(Root, Root + "/v2", Root, "", "/v2")]
    [DataRow(Root, Root + "/a/b/c", Root + "/a/b/c", "a/b/c", "")]
    public void Locate_BelowTheRoot_SplitsDirectoryAndMajor(string codeRoot, string modulePath, string prefix, string codeDir, string pathMajor)
    {
        var location = CodeRepo.Locate(codeRoot, modulePath);
        Assert.IsNotNull(location);
        Assert.AreEqual(prefix.Length == 0 ? codeRoot : prefix, location.Prefix);
        Assert.AreEqual(codeDir, location.CodeDir);
        Assert.AreEqual(pathMajor, location.PathMajor);
    }

    [TestMethod]
    [DataRow(Root + "p", "a sibling sharing the prefix is another repository")]
    [DataRow("example.com/g", "above the root")]
    [DataRow(Root + "/v1", "v0 and v1 have no path suffix (module.SplitPathVersion)")]
    [DataRow(Root + "/v0", "v0 and v1 have no path suffix (module.SplitPathVersion)")]
    [DataRow(Root + "/sub/v2.1", "a major suffix is a whole number")]
    [DataRow(Root + "/.hidden", "path elements do not start with a dot (module.CheckPath)")]
    [DataRow(Root + "/sub//x", "no empty path elements")]
    [DataRow(Root + "/", "no trailing slash")]
    public void Locate_NotAModuleOfTheRepository_IsNull(string modulePath, string why) =>
        Assert.IsNull(CodeRepo.Locate(Root, modulePath), why);

    [TestMethod]
    [DataRow(Root, "v1.0.0 v1.1.0-rc.1 v1.1.0", "non-canonical (v1.0, v1.0.0+meta), pseudo-shaped, sub/ and v2 tags left out")]
    [DataRow(Root + "/sub", "v0.1.0", "only tags with the directory's prefix")]
    [DataRow(Root + "/v2", "v2.0.0", "only the path's major")]
    [DataRow(Root + "/other", "", "no tag with the prefix")]
    [DataRow(Legacy, "v1.0.0 v2.0.0+incompatible", "no go.mod in the latest compatible version: higher majors are +incompatible")]
    public void Versions_ListsWhatGoListsInDirectMode(string modulePath, string expected, string why) =>
        Assert.AreEqual(expected, string.Join(' ', Open(modulePath).Versions()), why);

    [TestMethod]
    [DataRow(Root, "v1.0.0", "v1.0.0", "refs/tags/v1.0.0")]
    [DataRow(Root, "v1.1.0-rc.1", "v1.1.0-rc.1", "refs/tags/v1.1.0-rc.1")]
    [DataRow(Root, "v1.0", "v1.0.0", "refs/tags/v1.0.0")]
    [DataRow(Root, "latest", "v1.1.0", "refs/tags/v1.1.0")]
    [DataRow(Root, "{sha:2}", "v1.1.0", "refs/tags/v1.1.0")]
    [DataRow(Root, "main", "v1.1.1-0.{time:3}-{sha:3}", null)]
    [DataRow(Root, "HEAD", "v1.1.1-0.{time:3}-{sha:3}", null)]
    [DataRow(Root, "{sha:0}", "v1.0.0", "refs/tags/v1.0.0")]
    [DataRow(Root, "{sha:1}", "v1.1.0-rc.1", "refs/tags/v1.1.0-rc.1")]
    [DataRow(Root, "v1.0.1-0.{time:3}-{sha:3}", "v1.0.1-0.{time:3}-{sha:3}", null)]
    [DataRow(Root, "v0.0.0-{time:3}-{sha:3}", "v0.0.0-{time:3}-{sha:3}", null)]
    [DataRow(Root + "/sub", "v0.1.0", "v0.1.0", "refs/tags/sub/v0.1.0")]
    [DataRow(Root + "/sub", "main", "v0.1.1-0.{time:3}-{sha:3}", null)]
    [DataRow(Root + "/v2", "v2.0.0", "v2.0.0", "refs/tags/v2.0.0")]
    [DataRow(Legacy, "v2.0.0", "v2.0.0+incompatible", "refs/tags/v2.0.0")]
    [DataRow(Legacy, "v2.0.0+incompatible", "v2.0.0+incompatible", "refs/tags/v2.0.0")]
    [DataRow(Legacy, "latest", "v2.0.0+incompatible", "refs/tags/v2.0.0")]
    public void Stat_ResolvesTheQuery(string modulePath, string query, string version, string? tagRef)
    {
        var info = Open(modulePath).Stat(Expand(query));
        Assert.IsNull(info.Error, info.Error);
        Assert.AreEqual(Expand(version), info.Value!.Version);
        Assert.AreEqual(tagRef, info.Value.Ref);
    }

    [TestMethod]
    [DataRow(Root, "v1.2.0", "example.com/g/p@v1.2.0: invalid version: unknown revision v1.2.0")]
    [DataRow(Root, "nosuchbranch", "unknown revision nosuchbranch")]
    [DataRow(Root, "v2.0.0", "example.com/g/p@v2.0.0: invalid version: go.mod has post-v2 module path \"example.com/g/p/v2\" at revision {sha:4}")]
    [DataRow(Root + "/v2", "v1.0.0",
        "example.com/g/p/v2@v1.0.0: invalid version: go.mod has non-.../v2 module path \"example.com/g/p\" (and .../v2/go.mod does not exist) at revision {sha:0}")]
    [DataRow(Root + "/sub", "v1.0.0", "example.com/g/p/sub@v1.0.0: invalid version: unknown revision sub/v1.0.0")]
    [DataRow(Root, "v1.0.0-{time:3}-{sha:3}", "invalid pseudo-version: major version without preceding tag must be v0, not v1")]
    [DataRow(Root, "v1.1.1-0.{time:2}-{sha:3}", "invalid pseudo-version: does not match version-control timestamp (expected {time:3})")]
    [DataRow(Root, "v1.1.1-0.{time:3}-{sha13:3}", "invalid pseudo-version: revision is longer than canonical (expected {sha:3})")]
    [DataRow(Root, "v1.1.1-0.{time:2}-{sha:2}", "invalid pseudo-version: tag (v1.1.0) found on revision {sha:2} is already canonical")]
    [DataRow(Root, "v1.2.1-0.{time:3}-{sha:3}", "invalid pseudo-version: preceding tag (v1.2.0) not found")]
    [DataRow(Root + "/other", "latest", "missing example.com/g/p/other/go.mod at revision {sha:3}")]
    [DataRow(Root, "v2.0.0+incompatible", "example.com/g/p@v2.0.0: invalid version: go.mod has post-v2 module path")]
    public void Stat_RefusesWithGosWords(string modulePath, string query, string error)
    {
        var info = Open(modulePath).Stat(Expand(query));
        Assert.IsNotNull(info.Error, $"resolved to {info.Value?.Version}");
        StringAssert.Contains(info.Error, Expand(error));
    }

    /// <summary>GitLab compatibility (API.md): a sub-directory module may be asked for a root tag whose commit holds it; it is never listed.</summary>
    [TestMethod]
    public void Stat_SubdirectoryModuleAtARootTagHoldingIt_ResolvesButIsNotListed()
    {
        var sub = Open(Root + "/sub");
        Assert.AreEqual("v1.1.0", sub.Stat("v1.1.0").Value?.Version);
        CollectionAssert.DoesNotContain(sub.Versions().ToList(), "v1.1.0");
    }

    [TestMethod]
    [DataRow(Root, "v1.0.0", "module example.com/g/p\n")]
    [DataRow(Root + "/sub", "v0.1.0", "module example.com/g/p/sub\n")]
    [DataRow(Root + "/v2", "v2.0.0", "module example.com/g/p/v2\n")]
    [DataRow(Legacy, "v1.0.0", "module example.com/g/l\n")]
    [DataRow(Legacy, "v2.0.0+incompatible", "module example.com/g/l\n")]
    [DataRow(Root, "v1.1.1-0.{time:3}-{sha:3}", "module example.com/g/p\n")]
    public void GoMod_IsTheFileOrTheSynthesisedOne(string modulePath, string version, string expected)
    {
        var mod = Open(modulePath).GoMod(Expand(version));
        Assert.IsNull(mod.Error, mod.Error);
        Assert.AreEqual(expected, Encoding.UTF8.GetString(mod.Value!));
    }

    [TestMethod]
    [DataRow(Root, "v1.0", "example.com/g/p@v1.0: version is not canonical")]
    [DataRow(Root, "main", "example.com/g/p@main: version is not canonical")]
    [DataRow(Root, "v1.0.0+meta", "version is not canonical")]
    [DataRow(Root, "v2.0.0", "example.com/g/p@v2.0.0: invalid version: should be v0 or v1, not v2")]
    [DataRow(Legacy, "v2.0.0", "example.com/g/l@v2.0.0: invalid version: should be v0 or v1, not v2")]
    [DataRow(Root + "/v2", "v1.0.0", "example.com/g/p/v2@v1.0.0: invalid version: should be v2, not v1")]
    [DataRow(Root, "v1.1.1-0.{time:2}-{sha:3}", "does not match version-control timestamp")]
    public void GoMod_RefusesWhatGoRefuses(string modulePath, string version, string error)
    {
        var mod = Open(modulePath).GoMod(Expand(version));
        Assert.IsNotNull(mod.Error);
        StringAssert.Contains(mod.Error, Expand(error));
        Assert.AreEqual(mod.Error.IndexOf(modulePath + "@", StringComparison.Ordinal), mod.Error.LastIndexOf(modulePath + "@", StringComparison.Ordinal),
            $"the module is named once: {mod.Error}");
    }

    [TestMethod]
    [DataRow(Root, "v1.0.0", 0, "")]
    [DataRow(Root + "/sub", "v0.1.0", 2, "sub")]
    [DataRow(Root + "/v2", "v2.0.0", 4, "")]
    public void Source_IsTheModuleDirectoryAtTheVersionsCommit(string modulePath, string version, int commit, string dir)
    {
        var source = Open(modulePath).Source(version);
        Assert.IsNull(source.Error, source.Error);
        Assert.AreEqual(Commits[commit], source.Value!.Commit);
        Assert.AreEqual(dir, source.Value.Subdir);
    }

    private static CodeRepo Open(string modulePath)
    {
        var root = modulePath.StartsWith(Legacy, StringComparison.Ordinal) ? Legacy : Root;
        var reader = GitRepositoryReader.OpenOrNull(Repositories[root])!;
        return CodeRepo.Create(reader, reader.ReadRefs(), CodeRepo.Locate(root, modulePath)!);
    }

    private static string Time(int commit) => GitFixture.TimeOf(commit + 1).UtcDateTime.ToString(PseudoVersion.TimestampFormat, CultureInfo.InvariantCulture);

    private static string Expand(string s)
    {
        for (var i = 0; i < Commits.Count; i++)
            s = s.Replace($"{{sha:{i}}}", PseudoVersion.ShortenSha1(Commits[i]))
                .Replace($"{{sha13:{i}}}", Commits[i][..13])
                .Replace($"{{time:{i}}}", Time(i));
        return s;
    }
}
