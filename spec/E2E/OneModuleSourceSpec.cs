using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Services.Users;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.E2E;

/// <summary>
/// Issue 13 with the real go command over HTTPS: three private modules in three groups at depths two, three and four
/// (corp/base, corp/tools/mid, corp/tools/deep/top) import each other, and top also imports a public module that only
/// a local static GOPROXY (playing proxy.golang.org) has. One GOPROXY entry (the instance URL, then that proxy) and a
/// ~/.netrc line fetch and build them all, with the h1: hashes git gives under GOPROXY=direct; so does the group
/// URL, and so does a deploy token. GOPROXY=direct with GOPRIVATE and only a read_repository token finds the true
/// root four levels deep through ?go-get=1. No request for a path under this host ever reaches the public proxy.
/// </summary>
[TestClass]
public sealed class OneModuleSourceSpec : RequestSpec
{
    private const string Public = "github.com/glt-fixtures/hotel";
    private static GoModuleUpstream? _upstream;
    private static string _caBundle = null!;
    private static string _user = null!;
    private static string _readApi = null!;
    private static string _readRepository = null!;
    private static (string Username, string Token) _deployToken;
    private static Namespace _corp = null!;
    private static string _base = null!;
    private static string _mid = null!;
    private static string _top = null!;

    private static LiveServer Server => LiveServer.Secure;

    protected override bool CleanDatabaseBeforeEachSpec => false;

    [ClassInitialize]
    public static async Task BuildFixtures(TestContext _)
    {
        _upstream = await GoModuleUpstream.StartAsync([UpstreamModule.Simple(Public, "v1.0.0")]);
        _caBundle = Path.Combine(Path.GetDirectoryName(_upstream.CaFile)!, "ca-bundle.pem");
        await File.WriteAllTextAsync(_caBundle, await File.ReadAllTextAsync(Server.CaFile!) + await File.ReadAllTextAsync(_upstream.CaFile));

        await LiveFeatures.ResetAsync(Services, Server);
        var (admin, adminToken) = await CreateUserWithTokenAsync("one-admin", admin: true);
        var developer = await CreateUserAsync("one-dev");
        (_user, _readApi, _readRepository) = (developer.Username, await CreateTokenAsync(developer, [TokenScopes.ReadApi]),
            await CreateTokenAsync(developer, [TokenScopes.ReadRepository]));
        _corp = await ProjectFactory.CreateGroupAsync(Services, admin, "corp");
        // A Reporter of the top group, so of every project below it (and of the group, for the group endpoint).
        await Get<GitLabLite.Repositories.Projects.MemberRepository>().CreateAsync("Namespace", _corp.Id, developer.Id, AccessLevel.Reporter, null, CancellationToken.None);
        var tools = await ProjectFactory.CreateGroupAsync(Services, admin, "tools", _corp);
        var deep = await ProjectFactory.CreateGroupAsync(Services, admin, "deep", tools);
        var host = Server.Host;
        (_base, _mid, _top) = ($"{host}/corp/base", $"{host}/corp/tools/mid", $"{host}/corp/tools/deep/top");

        await PushAsync(admin, "base", _corp, "v1.0.0", new()
        {
            ["go.mod"] = $"module {_base}\n\ngo 1.19\n",
            ["base.go"] = "package base\n\nfunc Name() string { return \"base\" }\n",
        });
        await PushAsync(admin, "mid", tools, "v1.1.0", new()
        {
            ["go.mod"] = $"module {_mid}\n\ngo 1.19\n\nrequire {_base} v1.0.0\n",
            ["mid.go"] = $"package mid\n\nimport \"{_base}\"\n\nfunc Name() string {{ return \"mid+\" + base.Name() }}\n",
        });
        await PushAsync(admin, "top", deep, "v1.2.0", new()
        {
            ["go.mod"] = $"module {_top}\n\ngo 1.19\n\nrequire (\n\t{_base} v1.0.0 // indirect\n\t{_mid} v1.1.0\n\t{Public} v1.0.0\n)\n",
            ["pkg/pkg.go"] = $"package pkg\n\nimport (\n\t\"{_mid}\"\n\t\"{Public}\"\n)\n\nfunc Name() string {{ return \"top+\" + mid.Name() + \"+\" + hotel.Version }}\n",
        });
        await LiveFeatures.SetAsync(Server, adminToken, "go_proxy", "value=true&project=corp/base,corp/tools/mid,corp/tools/deep/top");
        var created = await Get<CreateDeployTokenService>().ExecuteAsync(
            DeployTokenOwner.Group(_corp.Id), "ci", null, [DeployTokenScopes.ReadPackageRegistry], null, admin, CancellationToken.None);
        _deployToken = (created.Token.Username, created.PlainToken);
    }

    private static async Task PushAsync(User admin, string path, Namespace group, string tag, Dictionary<string, string?> files)
    {
        var project = await ProjectFactory.CreateProjectAsync(Services, admin, path, group);
        using var git = await GitFixture.CreateAsync();
        await git.CommitAsync(files);
        await git.TagAsync(tag);
        await git.PushToAsync(Get<RepositoryStorage>().PathFor(project.FullPath));
    }

    [ClassCleanup]
    public static void StopUpstream() => _upstream?.Dispose();

    private static string[] Modules => [$"{_base}@v1.0.0", $"{_mid}@v1.1.0", $"{_top}@v1.2.0"];

    /// <summary>The environment a user gets from the help page's line (GONOSUMDB for this host), with the local proxy in place of proxy.golang.org.</summary>
    private static Dictionary<string, string> Env(string goproxy) => new()
    {
        ["GOPROXY"] = goproxy,
        ["GONOSUMDB"] = Server.Host,
        // The public module is not in any checksum database reachable here.
        ["GOSUMDB"] = "off",
        ["SSL_CERT_FILE"] = _caBundle,
    };

    /// <summary>The hashes git itself gives: GOPROXY=direct for this host (GOPRIVATE), a read_repository token only.</summary>
    private static async Task<List<string>> DirectHashesAsync()
    {
        using var go = new GoCli(Server);
        go.UseCredentials(_user, _readRepository);
        var env = Env($"{_upstream!.BaseUrl},direct");
        env["GOPRIVATE"] = Server.Host;
        var results = await go.DownloadAsync(env, Modules);
        foreach (var r in results) Assert.IsNull(r.Error, r.Error);
        return results.Select(r => r.ToString()).ToList();
    }

    /// <summary>Builds a program importing top/pkg (which imports mid, base and the public module) and downloads the three modules.</summary>
    private static async Task<List<string>> BuildAndDownloadAsync(GoCli go, Dictionary<string, string> env)
    {
        var app = go.NewDirectory("app");
        await File.WriteAllTextAsync(Path.Combine(app, "main.go"),
            $"package main\n\nimport (\n\t\"fmt\"\n\n\t\"{_top}/pkg\"\n)\n\nfunc main() {{ fmt.Println(pkg.Name()) }}\n");
        await MustAsync(go.RunAsync(app, env, "mod", "init", "example.com/app"));
        await MustAsync(go.RunAsync(app, env, "get", $"{_top}/pkg@v1.2.0"));
        var run = await MustAsync(go.RunAsync(app, env, "run", "."));
        Assert.AreEqual("top+mid+base+v1.0.0\n", run.Stdout);
        var results = await go.DownloadAsync(env, Modules);
        foreach (var r in results) Assert.IsNull(r.Error, r.Error);
        return results.Select(r => r.ToString()).ToList();
    }

    private int _upstreamBefore;

    [TestInitialize]
    public void MarkUpstreamLog() => _upstreamBefore = _upstream!.Requests.Count;

    /// <summary>Of the requests the public proxy received during this spec, none named a path of this instance.</summary>
    private void AssertNothingOfThisHostReachedThePublicProxy()
    {
        var received = _upstream!.Requests.Skip(_upstreamBefore).ToList();
        Assert.IsFalse(received.Any(r => r.Contains(Server.Host, StringComparison.Ordinal)), string.Join("\n", received));
    }

    [TestMethod]
    public async Task InstanceUrl_OneEntryAndNetrc_BuildsModulesThatImportEachOther_WithDirectsHashes()
    {
        using var go = new GoCli(Server);
        go.UseCredentials(_user, _readApi);
        var before = Server.Requests.Lines.Count;

        var viaInstance = await BuildAndDownloadAsync(go, Env($"{Server.BaseUrl}/api/v4/packages/go,{_upstream!.BaseUrl}"));

        CollectionAssert.AreEqual(await DirectHashesAsync(), viaInstance);
        var requests = Server.Requests.Lines.Skip(before).ToList();
        CollectionAssert.Contains(requests, $"GET /api/v4/packages/go/{_top}/@v/v1.2.0.zip 200", string.Join("\n", requests));
        Assert.IsTrue(_upstream.Received($"{Public}/@v/"), "the public module came from the next GOPROXY entry");
        AssertNothingOfThisHostReachedThePublicProxy();
    }

    [TestMethod]
    public async Task GroupUrl_OneEntryAndNetrc_BuildsTheGroupsModules_WithDirectsHashes()
    {
        using var go = new GoCli(Server);
        go.UseCredentials(_user, _readApi);

        var viaGroup = await BuildAndDownloadAsync(go, Env($"{Server.BaseUrl}/api/v4/groups/{_corp.Id}/-/packages/go,{_upstream!.BaseUrl}"));

        CollectionAssert.AreEqual(await DirectHashesAsync(), viaGroup);
        AssertNothingOfThisHostReachedThePublicProxy();
    }

    [TestMethod]
    public async Task InstanceUrl_WithAGroupDeployTokenInNetrc_BuildsTheModules_WithDirectsHashes()
    {
        using var go = new GoCli(Server);
        go.UseCredentials(_deployToken.Username, _deployToken.Token);

        var viaDeployToken = await BuildAndDownloadAsync(go, Env($"{Server.BaseUrl}/api/v4/packages/go,{_upstream!.BaseUrl}"));

        CollectionAssert.AreEqual(await DirectHashesAsync(), viaDeployToken);
        AssertNothingOfThisHostReachedThePublicProxy();
    }

    [TestMethod]
    public async Task Direct_GoPrivateAndAReadRepositoryToken_FindsTheTrueRootFourLevelsDeepWithGit()
    {
        using var go = new GoCli(Server);
        go.UseCredentials(_user, _readRepository);
        var env = Env($"{_upstream!.BaseUrl},direct");
        env["GOPRIVATE"] = Server.Host;
        var before = Server.Requests.Lines.Count;

        var app = go.NewDirectory("app");
        await File.WriteAllTextAsync(Path.Combine(app, "main.go"),
            $"package main\n\nimport (\n\t\"fmt\"\n\n\t\"{_top}/pkg\"\n)\n\nfunc main() {{ fmt.Println(pkg.Name()) }}\n");
        await MustAsync(go.RunAsync(app, env, "mod", "init", "example.com/app"));
        await MustAsync(go.RunAsync(app, env, "get", $"{_top}/pkg@v1.2.0"));
        Assert.AreEqual("top+mid+base+v1.0.0\n", (await MustAsync(go.RunAsync(app, env, "run", "."))).Stdout);

        var requests = Server.Requests.Lines.Skip(before).ToList();
        var log = string.Join("\n", requests);
        CollectionAssert.Contains(requests, "GET /corp/tools/deep/top/pkg?go-get=1 200", log);
        Assert.IsTrue(requests.Any(r => r.StartsWith("POST /corp/tools/deep/top.git/git-upload-pack 200", StringComparison.Ordinal)), log);
        Assert.IsFalse(requests.Any(r => r.Contains("/packages/go/", StringComparison.Ordinal)), $"a read_repository token gets no proxy entry:\n{log}");
        AssertNothingOfThisHostReachedThePublicProxy();
    }

    [TestMethod]
    public async Task InstanceUrl_WithoutNetrc_IsChallengedAndNeverFallsThroughToThePublicProxy()
    {
        using var go = new GoCli(Server);

        var result = (await go.DownloadAsync(Env($"{Server.BaseUrl}/api/v4/packages/go,{_upstream!.BaseUrl}"), [$"{_mid}@v1.1.0"])).Single();

        Assert.IsNull(result.Sum);
        StringAssert.Contains(result.Error, "401 Unauthorized");
        AssertNothingOfThisHostReachedThePublicProxy();
    }

    private static async Task<ProcessResult> MustAsync(Task<ProcessResult> run)
    {
        var result = await run;
        Assert.IsTrue(result.Ok, $"go failed ({result.ExitCode}): {result.Stderr}");
        return result;
    }
}
