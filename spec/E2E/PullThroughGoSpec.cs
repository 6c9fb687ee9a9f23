using GitLabLite.Git;
using GitLabLite.Golang;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.E2E;

/// <summary>
/// The real go command with GOSUMDB set to a local checksum database (Go's own sumdb code) that it has no route
/// to (its name does not resolve): it verifies public modules of a local upstream through this server's
/// checksum-database proxy alone, and a lookup of a private path through this server gets the 403 advice.
/// </summary>
[TestClass]
public sealed class PullThroughGoSpec : RequestSpec
{
    private const string Org = "github.com/glt-fixtures";
    private static GoModuleUpstream? _upstream;
    private static GoSumDbServer? _sumdb;
    private static LiveServer? _server;
    private static string _caBundle = null!;
    private static string _user = null!;
    private static string _token = null!;
    private static Project _project = null!;

    protected override bool CleanDatabaseBeforeEachSpec => false;

    [ClassInitialize]
    public static async Task StartServers(TestContext _)
    {
        _upstream = await GoModuleUpstream.StartAsync([
            UpstreamModule.Simple($"{Org}/foxtrot", "v1.0.0"),
            UpstreamModule.Simple($"{Org}/foxtrot", "v1.1.0"),
            UpstreamModule.Simple($"{Org}/golf", "v0.1.0"),
        ]);
        _sumdb = await GoSumDbServer.StartAsync(_upstream.TruthDir);
        _server = LiveServer.StartSecure(PullThroughApp.Settings(_upstream, _sumdb), s => PullThroughApp.TrustUpstream(s, _upstream));
        _caBundle = Path.Combine(Path.GetDirectoryName(_upstream.CaFile)!, "ca-bundle.pem");
        await File.WriteAllTextAsync(_caBundle, await File.ReadAllTextAsync(_server.CaFile!) + await File.ReadAllTextAsync(_upstream.CaFile));

        await LiveFeatures.ResetAsync(Services, _server);
        var (admin, adminToken) = await CreateUserWithTokenAsync("pull-admin", admin: true);
        var developer = await CreateUserAsync("pull-dev");
        (_user, _token) = (developer.Username, await CreateTokenAsync(developer, [TokenScopes.ReadApi]));
        var group = await ProjectFactory.CreateGroupAsync(Services, admin, "acme");
        _project = await ProjectFactory.CreateProjectAsync(Services, admin, "lib", group);
        await ProjectFactory.AddMemberAsync(Services, _project, developer, AccessLevel.Developer);
        using var git = await GitFixture.CreateAsync();
        await git.CommitAsync(new Dictionary<string, string?> { ["go.mod"] = $"module {_server.Host}/acme/lib\n\ngo 1.19\n", ["lib.go"] = "package lib\n" });
        await git.TagAsync("v1.0.0");
        await git.PushToAsync(Get<RepositoryStorage>().PathFor(_project.FullPath));
        await LiveFeatures.SetAsync(_server, adminToken, "go_proxy", "value=true&project=acme/lib");
    }

    [ClassCleanup]
    public static void StopServers()
    {
        _server?.Dispose();
        _sumdb?.Dispose();
        _upstream?.Dispose();
    }

    private static string Instance => $"{_server!.BaseUrl}/api/v4/packages/go";

    private static Dictionary<string, string> Env(string goproxy, string goNoSumDb) => new()
    {
        ["GOPROXY"] = goproxy,
        // No URL: go would connect to https://sum.gitlablite.test, which does not resolve; only the proxy can answer.
        ["GOSUMDB"] = _sumdb!.VerifierKey,
        ["GONOSUMDB"] = goNoSumDb,
        ["GOPRIVATE"] = "",
        ["SSL_CERT_FILE"] = _caBundle,
    };

    [TestMethod]
    public async Task ModDownload_PublicModules_AreVerifiedThroughThisServersChecksumProxy()
    {
        using var go = new GoCli(_server!);
        go.UseCredentials(_user, _token);

        // The instance endpoint comes first: go asks it for /sumdb/<name>/supported and then sends every lookup there.
        var results = await go.DownloadAsync(Env($"{Instance},{_upstream!.BaseUrl}", _server!.Host), [$"{Org}/foxtrot@v1.1.0", $"{Org}/golf@v0.1.0"]);

        foreach (var r in results)
        {
            Assert.IsNull(r.Error, r.Error);
            var truth = Path.Combine(_upstream.TruthDir, CaseEncoding.EscapePath(r.Path)!, "@v", r.Version);
            Assert.AreEqual(DirHash.HashZip(File.OpenRead(truth + ".zip")), r.Sum);
            Assert.AreEqual(DirHash.HashGoMod(await File.ReadAllBytesAsync(truth + ".mod")), r.GoModSum);
        }
        var proxied = _server.Requests.Lines.Where(l => l.StartsWith("GET /api/v4/packages/go/sumdb/", StringComparison.Ordinal)).ToList();
        Assert.IsTrue(proxied.Any(p => p.Contains("/lookup/github.com/glt-fixtures/foxtrot@v1.1.0", StringComparison.Ordinal)), string.Join("\n", proxied));
        Assert.IsTrue(_sumdb!.Requests.Any(r => r == $"200 /lookup/{Org}/foxtrot@v1.1.0"), "the lookup reached the database through this server");
    }

    [TestMethod]
    public async Task ModDownload_PrivateModuleWithoutGoNoSumDb_ShowsThePrivateModuleAdvice()
    {
        using var go = new GoCli(_server!);
        go.UseCredentials(_user, _token);

        // The module comes from its project endpoint (no /sumdb there), its checksum from the instance endpoint's proxy.
        var result = await go.RunAsync(null, Env($"{go.ProxyFor(_project.Id)},{Instance}", ""), "mod", "download", "-json", $"{_server!.Host}/acme/lib@v1.0.0");

        Assert.IsFalse(result.Ok);
        StringAssert.Contains(result.Stdout, $"private module: add {_server.Host} to GONOSUMDB or GOPRIVATE");
        Assert.IsFalse(_sumdb!.Requests.Any(r => r.Contains(_server.Host, StringComparison.Ordinal)), "the private path never reached the database");
        Assert.IsFalse(_upstream!.Received(_server.Host), "nor the upstream");
    }
}
