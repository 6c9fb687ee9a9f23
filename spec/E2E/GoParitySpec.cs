using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.E2E;

/// <summary>
/// Parity with the go command's own direct mode: for repositories covering go's layout rules (root and
/// sub-directory modules, dir/ tags, major subdirectories and branches, +incompatible, no go.mod, vendor/, LICENSE,
/// pseudo-versions, .gitattributes, symlinks, annotated tags, an unusual go.mod), every version list, @latest and
/// the Sum/GoModSum of every version and query through the proxy must equal what `GOPROXY=direct` computes from
/// the same repositories with git alone. The direct pass runs with go_proxy off (with it on, the go-import `mod`
/// entry would route "direct" through the proxy too). The projects are public, so git needs no credentials.
/// </summary>
[TestClass]
public sealed class GoParitySpec : RequestSpec
{
    private static readonly List<string> Modules = [];
    private static readonly List<string> Queries = [];
    private static Pass _direct = null!;
    private static Pass _proxy = null!;

    private static LiveServer Server => LiveServer.Secure;

    private static string H => Server.Host;

    protected override bool CleanDatabaseBeforeEachSpec => false;

    /// <summary>What one go configuration reports: lists, @latest and downloads, and the requests the server saw.</summary>
    private sealed record Pass(
        IReadOnlyList<GoListedModule> Lists, IReadOnlyList<GoListedModule> Latest, IReadOnlyList<GoModuleResult> Downloads,
        IReadOnlyDictionary<string, string> Trees, IReadOnlyList<string> Requests);

    [ClassInitialize]
    public static async Task BuildFixturesAndRunBothPasses(TestContext _)
    {
        await LiveFeatures.ResetAsync(Services, Server);
        var (admin, adminToken) = await CreateUserWithTokenAsync("parity-admin", admin: true);
        var (reader, readerToken) = await CreateUserWithTokenAsync("parity-reader", scopes: [TokenScopes.ReadApi]);
        var group = await ProjectFactory.CreateGroupAsync(Services, admin, "parity", visibility: Visibility.Public);
        var projects = new List<long>();
        async Task<GitFixture> Repo(string name, params string[] modules)
        {
            projects.Add((await ProjectFactory.CreateProjectAsync(Services, admin, name, group, Visibility.Public)).Id);
            Modules.AddRange(modules.Select(m => $"{H}/parity/{m}"));
            return await GitFixture.CreateAsync();
        }
        async Task Push(GitFixture git, string name)
        {
            await git.PushToAsync(Get<RepositoryStorage>().PathFor($"parity/{name}"));
            git.Dispose();
        }
        void Query(string module, string query) => Queries.Add($"{H}/parity/{module}@{query}");

        // Root module with sub-directory modules: sub/ has its own tags, fallback/ only the root's (its list is empty
        // in direct mode, so the proxy must not list the root tags it accepts); a /v2 subdirectory; vendor/
        // directories (top level and nested: x/mod/zip's isVendoredPackage quirk); LICENSE at the root only (copied
        // into sub-directory modules); an annotated tag; untagged commits on main for pseudo-versions.
        var lib = await Repo("lib", "lib", "lib/sub", "lib/fallback", "lib/v2");
        await lib.CommitAsync(new Dictionary<string, string?>
        {
            ["go.mod"] = $"module {H}/parity/lib\n\ngo 1.16\n",
            ["lib.go"] = "package lib\n",
            ["LICENSE"] = "Copyright the parity authors.\n",
            ["vendor/modules.txt"] = "# example.com/dep v1.0.0\n",
            ["vendor/example.com/dep/dep.go"] = "package dep\n",
            ["pkg/p.go"] = "package pkg\n",
            ["pkg/vendor/direct.go"] = "package vendor\n",
            ["pkg/vendor/dep/dep.go"] = "package dep\n",
        });
        await lib.TagAsync("v1.0.0");
        var libSecond = await lib.CommitAsync(new Dictionary<string, string?>
        {
            ["sub/go.mod"] = $"module {H}/parity/lib/sub\n",
            ["sub/sub.go"] = "package sub\n",
            ["fallback/go.mod"] = $"module {H}/parity/lib/fallback\n",
            ["fallback/f.go"] = "package fallback\n",
        });
        await lib.TagAsync("sub/v1.0.0");
        await lib.CommitAsync("lib.go", "package lib\n\nconst Version = 2\n");
        await lib.TagAsync("v1.1.0", "release 1.1.0");
        await lib.CommitAsync(new Dictionary<string, string?> { ["v2/go.mod"] = $"module {H}/parity/lib/v2\n", ["v2/v2.go"] = "package v2\n" });
        await lib.TagAsync("v2.0.0");
        await lib.CommitAsync("sub/more.go", "package sub\n");
        Query("lib", "main");
        Query("lib", libSecond[..12]);
        Query("lib/sub", "main");
        Query("lib/v2", "main");
        await Push(lib, "lib");

        // Major version on a branch of history: the root go.mod declares /v2 from v2.0.0 on.
        var major = await Repo("major", "major", "major/v2");
        await major.CommitAsync(new Dictionary<string, string?> { ["go.mod"] = $"module {H}/parity/major\n", ["m.go"] = "package major\n" });
        await major.TagAsync("v1.0.0");
        await major.CommitAsync("go.mod", $"module {H}/parity/major/v2\n\ngo 1.18\n");
        await major.TagAsync("v2.0.0");
        await major.CommitAsync("m.go", "package major\n\nconst V = 2\n");
        await major.TagAsync("v2.1.0", "release 2.1.0");
        Query("major/v2", "main");
        await Push(major, "major");

        // No go.mod ever: v2+ tags are +incompatible versions of the root module.
        var incompatible = await Repo("incompat", "incompat");
        foreach (var (tag, n) in new[] { ("v1.0.0", 1), ("v1.2.0", 2), ("v2.0.0", 3), ("v3.1.0", 4) })
        {
            await incompatible.CommitAsync("a.go", $"package incompat\n\nconst N = {n}\n");
            await incompatible.TagAsync(tag);
        }
        await incompatible.CommitAsync("b.go", "package incompat\n");
        Query("incompat", "main");
        await Push(incompatible, "incompat");

        // A go.mod only from the latest v1 on: go drops the +incompatible versions then (appendIncompatibleVersions).
        var late = await Repo("late", "late");
        await late.CommitAsync("a.go", "package late\n");
        await late.TagAsync("v1.0.0");
        await late.CommitAsync("b.go", "package late\n");
        await late.TagAsync("v2.0.0");
        await late.CommitAsync("go.mod", $"module {H}/parity/late\n");
        await late.TagAsync("v1.1.0");
        await Push(late, "late");

        // No go.mod at v0/v1: go synthesises "module <path>". A branch off v0.1.0 gives a pseudo-version on v0.1.0.
        var nomod = await Repo("nomod", "nomod");
        await nomod.CommitAsync("a.go", "package nomod\n");
        await nomod.TagAsync("v0.1.0");
        await nomod.CommitAsync("b.go", "package nomod\n");
        await nomod.TagAsync("v1.0.0", "release 1.0.0");
        await nomod.GitAsync("checkout", "-q", "-b", "dev", "v0.1.0");
        await nomod.CommitAsync("c.go", "package nomod\n");
        await nomod.GitAsync("checkout", "-q", "main");
        Query("nomod", "dev");
        await Push(nomod, "nomod");

        // .gitattributes conversions (git archive applies them in direct mode) and symlinks (left out).
        var attrs = await Repo("attrs", "attrs");
        attrs.Symlink("link.go", "a.go");
        attrs.Symlink("docs/up", "../notes.txt");
        await attrs.CommitAsync(new Dictionary<string, string?>
        {
            ["go.mod"] = $"module {H}/parity/attrs\n",
            // go disables export-ignore and export-subst (codehost/git.go ensureGitAttributes); eol still applies.
            [".gitattributes"] = "*.txt eol=crlf\nignored.go export-ignore\nsubst.go export-subst\n",
            ["ignored.go"] = "package attrs\n",
            ["subst.go"] = "package attrs\n\nconst Commit = \"$Format:%H$\"\n",
            ["notes.txt"] = "line one\nline two\n",
            ["docs/more.txt"] = "more\n",
            ["a.go"] = "package attrs\n",
        });
        await attrs.TagAsync("v1.0.0");
        await Push(attrs, "attrs");

        // A go.mod with CRLF line endings, comments and a quoted module path; unusual tags.
        var quirky = await Repo("quirky", "quirky");
        await quirky.CommitAsync(new Dictionary<string, string?>
        {
            ["go.mod"] = $"// The quirky module.\r\nmodule \"{H}/parity/quirky\" // quoted\r\n\r\ngo 1.16\r\n",
            ["q.go"] = "package quirky\n",
        });
        await quirky.TagAsync("v1.0.0");
        // Tags go does not list: non-canonical and build metadata; a prerelease it lists but @latest passes over.
        await quirky.CommitAsync("r.go", "package quirky\n");
        await quirky.TagAsync("v1.0.1-rc.1");
        await quirky.TagAsync("v1.2");
        await quirky.TagAsync("v1.3.0+meta");
        await Push(quirky, "quirky");

        // No tags at all: only pseudo-versions (v0.0.0-...), from @latest, a branch and a commit.
        var fresh = await Repo("fresh", "fresh");
        var freshFirst = await fresh.CommitAsync(new Dictionary<string, string?> { ["go.mod"] = $"module {H}/parity/fresh\n", ["f.go"] = "package fresh\n" });
        await fresh.CommitAsync("g.go", "package fresh\n");
        Query("fresh", "main");
        Query("fresh", freshFirst[..12]);
        await Push(fresh, "fresh");

        using (var direct = new GoCli(Server))
            _direct = await RunPassAsync(direct, direct.Direct);
        await LiveFeatures.SetAsync(Server, adminToken, "go_proxy", "value=true&group=parity");
        using var proxy = new GoCli(Server);
        proxy.UseCredentials(reader.Username, readerToken);
        _proxy = await RunPassAsync(proxy, new Dictionary<string, string> { ["GOPROXY"] = proxy.ProxyFor([.. projects]) });
    }

    /// <summary>Three go calls: the lists, @latest of every module, then every listed version and query downloaded at once.</summary>
    private static async Task<Pass> RunPassAsync(GoCli go, IReadOnlyDictionary<string, string> env)
    {
        var before = Server.Requests.Lines.Count;
        var lists = await go.ListAsync(env, versions: true, Modules);
        var latest = await go.ListAsync(env, versions: false, Modules.Select(m => m + "@latest"));
        var versions = lists.SelectMany(l => (l.Versions ?? []).Select(v => $"{l.Path}@{v}"));
        var downloads = await go.DownloadAsync(env, [.. versions, .. Modules.Select(m => m + "@latest"), .. Queries]);
        var trees = downloads.Where(d => d.Dir is not null).DistinctBy(d => $"{d.Path}@{d.Version}")
            .ToDictionary(d => $"{d.Path}@{d.Version}", d => Tree(d.Dir!));
        return new Pass(lists, latest, downloads, trees, Server.Requests.Lines.Skip(before).ToList());
    }

    /// <summary>The files go extracted, one per line, marked when they hold CRLF or an unexpanded $Format$.</summary>
    private static string Tree(string dir) => string.Join("\n", Directory.EnumerateFiles(dir, "*", SearchOption.AllDirectories)
        .Select(f => (Name: Path.GetRelativePath(dir, f), Text: File.ReadAllText(f)))
        .Select(f => f.Name + (f.Text.Contains("\r\n") ? " crlf" : "") + (f.Text.Contains("$Format:") ? " format" : ""))
        .Order(StringComparer.Ordinal));

    private static string Show<T>(IEnumerable<T> items) => string.Join("\n", items);

    [TestMethod]
    public void Passes_DirectUsesGitOnlyAndProxyUsesTheProxyOnly()
    {
        Assert.IsTrue(_direct.Requests.Any(r => r.Contains(".git/info/refs")), Show(_direct.Requests));
        Assert.IsFalse(_direct.Requests.Any(r => r.StartsWith("GET /api/")), Show(_direct.Requests));
        Assert.IsTrue(_proxy.Requests.Any(r => r.Contains("/packages/go/")), Show(_proxy.Requests));
        Assert.IsFalse(_proxy.Requests.Any(r => r.Contains(".git/") || r.Contains("go-get=1")), Show(_proxy.Requests));
    }

    [TestMethod]
    public void VersionLists_EqualDirectMode()
    {
        Assert.AreEqual(Show(_direct.Lists), Show(_proxy.Lists));
        Assert.IsTrue(_direct.Lists.All(l => l.Error is null), Show(_direct.Lists));
        // Sanity: the fixtures exercise what they claim to.
        StringAssert.Contains(Show(_direct.Lists), "v3.1.0+incompatible");
        StringAssert.Contains(Show(_direct.Lists), $"{H}/parity/lib/fallback@ []");
        StringAssert.Contains(Show(_direct.Lists), $"{H}/parity/late@ [v1.0.0 v1.1.0]");
    }

    [TestMethod]
    public void Latest_EqualsDirectMode()
    {
        Assert.AreEqual(Show(_direct.Latest), Show(_proxy.Latest));
        Assert.IsTrue(_direct.Latest.All(l => l.Error is null), Show(_direct.Latest));
    }

    [TestMethod]
    public void Downloads_OfEveryVersionAndQuery_HaveTheSumsOfDirectMode()
    {
        var direct = _direct.Downloads.Select(d => d.ToString()).Order(StringComparer.Ordinal).ToList();
        var proxy = _proxy.Downloads.Select(d => d.ToString()).Order(StringComparer.Ordinal).ToList();
        Assert.IsTrue(_direct.Downloads.All(d => d.Error is null && d.Sum is not null && d.GoModSum is not null), Show(direct));
        Assert.AreEqual(Show(direct), Show(proxy));
    }

    [TestMethod]
    public void ExtractedTrees_EqualDirectModeAndExerciseTheZipRules()
    {
        Assert.AreEqual(Show(_direct.Trees.OrderBy(t => t.Key, StringComparer.Ordinal)), Show(_proxy.Trees.OrderBy(t => t.Key, StringComparer.Ordinal)));
        Assert.AreEqual("LICENSE\ngo.mod\nlib.go\npkg/p.go\nvendor/modules.txt", _direct.Trees[$"{H}/parity/lib@v1.1.0"]);
        Assert.AreEqual("LICENSE\ngo.mod\nsub.go", _direct.Trees[$"{H}/parity/lib/sub@v1.0.0"]);
        Assert.AreEqual(".gitattributes\na.go\ndocs/more.txt crlf\ngo.mod\nignored.go\nnotes.txt crlf\nsubst.go format", _direct.Trees[$"{H}/parity/attrs@v1.0.0"]);
    }
}
