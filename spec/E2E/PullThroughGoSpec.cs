using GitLabLite.Git;
using GitLabLite.Golang;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.E2E;

/// <summary>
/// The real go command with this server's instance endpoint as its only GOPROXY (no `direct`, no public proxy) and
/// GOSUMDB set to a local checksum database (Go's own sumdb code) that it has no route to (its name does not
/// resolve): private modules of the instance and public modules of a local upstream come through the one URL, and the
/// public ones verify through this server's checksum-database proxy alone. A tampered upstream zip is refused with
/// SECURITY ERROR; a stopped upstream still leaves what was cached; no private path ever reaches the upstream or the
/// database.
/// </summary>
[TestClass]
public sealed class PullThroughGoSpec : RequestSpec
{
    private const string Org = "github.com/glt-fixtures";
    private static GoModuleUpstream? _upstream;
    private static GoSumDbServer? _sumdb;
    private static LiveServer? _server;
    private static string _user = null!;
    private static string _token = null!;

    protected override bool CleanDatabaseBeforeEachSpec => false;

    [ClassInitialize]
    public static async Task StartServers(TestContext _)
    {
        _upstream = await GoModuleUpstream.StartAsync([
            UpstreamModule.Simple($"{Org}/foxtrot", "v1.0.0"),
            UpstreamModule.Simple($"{Org}/foxtrot", "v1.1.0"),
            UpstreamModule.Simple($"{Org}/golf", "v0.1.0"),
            UpstreamModule.Simple($"{Org}/juliet", "v1.0.0"),
            UpstreamModule.Simple($"{Org}/kilo", "v1.0.0"),
            UpstreamModule.Simple($"{Org}/kilo", "v1.1.0"),
        ]);
        _sumdb = await GoSumDbServer.StartAsync(_upstream.TruthDir);
        // Lists are asked for again on every request, so that a stopped upstream shows the stale one at once.
        var settings = PullThroughApp.Settings(_upstream, _sumdb, new Dictionary<string, string?> { ["GitLab:GoProxy:ListTtlSeconds"] = "0" });
        _server = LiveServer.StartSecure(settings, s => PullThroughApp.TrustUpstream(s, _upstream));

        await LiveFeatures.ResetAsync(Services, _server);
        var (admin, adminToken) = await CreateUserWithTokenAsync("pull-admin", admin: true);
        var developer = await CreateUserAsync("pull-dev");
        (_user, _token) = (developer.Username, await CreateTokenAsync(developer, [TokenScopes.ReadApi]));
        var group = await ProjectFactory.CreateGroupAsync(Services, admin, "acme");
        var project = await ProjectFactory.CreateProjectAsync(Services, admin, "lib", group);
        await ProjectFactory.AddMemberAsync(Services, project, developer, AccessLevel.Developer);
        // A private module that depends on a public one: go needs both through the one URL.
        using var git = await GitFixture.CreateAsync();
        await git.CommitAsync(new Dictionary<string, string?>
        {
            ["go.mod"] = $"module {_server.Host}/acme/lib\n\ngo 1.19\n\nrequire {Org}/foxtrot v1.1.0\n",
            ["lib.go"] = "package lib\n\nimport \"github.com/glt-fixtures/foxtrot\"\n\n// Foxtrot is the public dependency's version.\nfunc Foxtrot() string { return foxtrot.Version }\n",
        });
        await git.TagAsync("v1.0.0");
        await git.PushToAsync(Get<RepositoryStorage>().PathFor(project.FullPath));
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

    /// <summary>The single-line setup of the help page, with the test database's key instead of sum.golang.org's.</summary>
    private static Dictionary<string, string> Env(string goNoSumDb) => new()
    {
        ["GOPROXY"] = Instance,
        // No URL: go would connect to https://sum.gitlablite.test, which does not resolve; only the proxy can answer.
        ["GOSUMDB"] = _sumdb!.VerifierKey,
        ["GONOSUMDB"] = goNoSumDb,
        ["GOPRIVATE"] = "",
    };

    private static GoCli Go()
    {
        var go = new GoCli(_server!);
        go.UseCredentials(_user, _token);
        return go;
    }

    /// <summary>The h1 of a published zip, read into memory (a file left open would stop a spec restoring it).</summary>
    private static string? TruthH1(string zip) => DirHash.HashZip(new MemoryStream(File.ReadAllBytes(zip)));

    private static void AssertNoPrivatePathLeft()
    {
        Assert.IsFalse(_upstream!.Received(_server!.Host), "no private path reached the upstream: " + string.Join("\n", _upstream.Requests));
        Assert.IsFalse(_sumdb!.Requests.Any(r => r.Contains(_server.Host, StringComparison.Ordinal)), "nor the checksum database");
    }

    [TestMethod]
    public async Task ModTidy_GraphOfPrivateAndPublicModules_ComesThroughTheInstanceAloneAndVerifies()
    {
        using var go = Go();
        var app = go.NewDirectory("app");
        await File.WriteAllTextAsync(Path.Combine(app, "go.mod"), "module example.com/app\n\ngo 1.19\n");
        await File.WriteAllTextAsync(Path.Combine(app, "main.go"),
            $"package main\n\nimport (\n\t\"fmt\"\n\n\t\"github.com/glt-fixtures/golf\"\n\t\"{_server!.Host}/acme/lib\"\n)\n\nfunc main() {{ fmt.Println(lib.Foxtrot(), golf.Version) }}\n");

        var tidy = await go.RunAsync(app, Env(_server.Host), "mod", "tidy");
        Assert.IsTrue(tidy.Ok, tidy.Stderr);
        var run = await go.RunAsync(app, Env(_server.Host), "run", ".");
        Assert.IsTrue(run.Ok, run.Stderr);
        Assert.AreEqual("v1.1.0 v0.1.0", run.Stdout.Trim());
        var verify = await go.RunAsync(app, Env(_server.Host), "mod", "verify");
        Assert.IsTrue(verify.Ok, verify.Stderr);
        StringAssert.Contains(verify.Stdout, "all modules verified");

        // go.sum holds the hashes of the bytes the upstream published (which the database recorded).
        var sums = await File.ReadAllLinesAsync(Path.Combine(app, "go.sum"));
        foreach (var (module, version) in new[] { ($"{Org}/foxtrot", "v1.1.0"), ($"{Org}/golf", "v0.1.0") })
        {
            var truth = Path.Combine(_upstream!.TruthDir, CaseEncoding.EscapePath(module)!, "@v", version);
            CollectionAssert.Contains(sums, $"{module} {version} {TruthH1(truth + ".zip")}");
            CollectionAssert.Contains(sums, $"{module} {version}/go.mod {DirHash.HashGoMod(await File.ReadAllBytesAsync(truth + ".mod"))}");
            Assert.IsTrue(_server.Requests.Lines.Any(l => l.StartsWith($"GET /api/v4/packages/go/{module}/@v/{version}.zip", StringComparison.Ordinal)), "pulled through this server");
        }
        var proxied = _server.Requests.Lines.Where(l => l.StartsWith("GET /api/v4/packages/go/sumdb/", StringComparison.Ordinal)).ToList();
        Assert.IsTrue(proxied.Any(p => p.Contains($"/lookup/{Org}/golf@v0.1.0", StringComparison.Ordinal)), string.Join("\n", proxied));
        Assert.IsTrue(_sumdb!.Requests.Any(r => r == $"200 /lookup/{Org}/golf@v0.1.0"), "the lookup reached the database through this server");
        AssertNoPrivatePathLeft();
    }

    [TestMethod]
    public async Task ModDownload_TamperedUpstreamZip_IsRefusedWithSecurityErrorAndNeverCached()
    {
        const string module = $"{Org}/juliet";
        _upstream!.TamperZip(module, "v1.0.0", "lib.go", "package juliet\n\nconst Backdoor = true\n");
        try
        {
            using var go = Go();
            var refused = await go.RunAsync(null, Env(_server!.Host), "mod", "download", "-json", $"{module}@v1.0.0");
            Assert.IsFalse(refused.Ok);
            StringAssert.Contains(refused.Stdout, "403 Forbidden");
            StringAssert.Contains(refused.Stdout, "SECURITY ERROR");
            var recorded = TruthH1(Path.Combine(_upstream.TruthDir, module, "@v/v1.0.0.zip"));
            StringAssert.Contains(refused.Stdout, $"{_sumdb!.Name}: {recorded}");
        }
        finally
        {
            File.Copy(Path.Combine(_upstream.TruthDir, module, "@v/v1.0.0.zip"), Path.Combine(_upstream.ServedDir, module, "@v/v1.0.0.zip"), overwrite: true);
        }
        // Nothing was kept: once the upstream serves the published bytes, they come through and verify.
        using var again = Go();
        var result = (await again.DownloadAsync(Env(_server.Host), [$"{module}@v1.0.0"])).Single();
        Assert.IsNull(result.Error, result.Error);
        Assert.AreEqual(TruthH1(Path.Combine(_upstream.TruthDir, module, "@v/v1.0.0.zip")), result.Sum);
    }

    [TestMethod]
    public async Task ModDownload_AfterTheUpstreamStops_ServesCachedModulesAndTheStaleList()
    {
        const string module = $"{Org}/kilo";
        using (var first = Go())
        {
            var downloaded = (await first.DownloadAsync(Env(_server!.Host), [$"{module}@v1.0.0"])).Single();
            Assert.IsNull(downloaded.Error, downloaded.Error);
            Assert.AreEqual("v1.0.0 v1.1.0", string.Join(' ', (await first.ListAsync(Env(_server.Host), true, [module])).Single().Versions ?? []));
        }
        await _upstream!.StopAsync();
        try
        {
            using var go = Go();
            var cached = (await go.DownloadAsync(Env(_server.Host), [$"{module}@v1.0.0"])).Single();
            Assert.IsNull(cached.Error, cached.Error);
            Assert.AreEqual(TruthH1(Path.Combine(_upstream.TruthDir, module, "@v/v1.0.0.zip")), cached.Sum);
            var listed = (await go.ListAsync(Env(_server.Host), true, [module])).Single();
            Assert.IsNull(listed.Error?.Err, listed.Error?.Err);
            Assert.AreEqual("v1.0.0 v1.1.0", string.Join(' ', listed.Versions ?? []), "the list of before, served stale");
            // What was never fetched cannot be served: go is told the upstream is down.
            var missing = await go.RunAsync(null, Env(_server.Host), "mod", "download", "-json", $"{module}@v1.1.0");
            Assert.IsFalse(missing.Ok);
            StringAssert.Contains(missing.Stdout, "is unavailable");
        }
        finally
        {
            await _upstream.StartServingAsync();
        }
    }

    [TestMethod]
    public async Task ModDownload_PrivateModuleWithoutGoNoSumDb_ShowsThePrivateModuleAdvice()
    {
        using var go = Go();

        // The module comes from its project through the instance endpoint; its checksum lookup goes to the same
        // endpoint's database proxy, which refuses it with advice instead of forwarding it.
        var result = await go.RunAsync(null, Env(""), "mod", "download", "-json", $"{_server!.Host}/acme/lib@v1.0.0");

        Assert.IsFalse(result.Ok);
        StringAssert.Contains(result.Stdout, $"private module: add {_server.Host} to GONOSUMDB or GOPRIVATE");
        AssertNoPrivatePathLeft();
    }
}
