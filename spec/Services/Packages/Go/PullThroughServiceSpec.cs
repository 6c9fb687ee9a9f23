using System.Text;
using GitLabLite.Finders.Packages.Go;
using GitLabLite.Golang;
using GitLabLite.Models.Packages.Go;
using GitLabLite.Repositories.Packages.Go;
using GitLabLite.Services.Packages.Go;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Services.Packages.Go;

/// <summary>
/// Pull-through against a local upstream (a GOPROXY tree made by go mod download, served over HTTPS) and a local
/// checksum database built from Go's own sumdb code: verification, SECURITY ERROR, storage, single flight, stale
/// lists, offline, allow/deny rules, NoSumDb, private paths.
/// </summary>
[TestClass]
public sealed class PullThroughServiceSpec : RequestSpec
{
    private const string Org = "github.com/glt-fixtures";
    private static GoModuleUpstream? _upstream;
    private static GoSumDbServer? _sumdb;
    private PullThroughApp? _app;

    [ClassInitialize]
    public static async Task StartServers(TestContext _)
    {
        _upstream = await GoModuleUpstream.StartAsync([
            UpstreamModule.Simple($"{Org}/alpha", "v1.0.0"),
            UpstreamModule.Simple($"{Org}/alpha", "v1.1.0"),
            UpstreamModule.Simple($"{Org}/alpha", "v1.2.0-rc.1"),
            UpstreamModule.Simple($"{Org}/bravo", "v1.0.0"),
            UpstreamModule.Simple($"{Org}/charlie", "v0.3.0", string.Concat(Enumerable.Repeat("// padding so the zip is not tiny\n", 2000))),
        ]);
        _sumdb = await GoSumDbServer.StartAsync(_upstream!.TruthDir);
    }

    [ClassCleanup]
    public static void StopServers()
    {
        _sumdb?.Dispose();
        _upstream?.Dispose();
    }

    [TestCleanup]
    public async Task StopApp()
    {
        if (_app is not null) await _app.DisposeAsync();
        await _upstream!.StartServingAsync();
    }

    private PullThroughApp App(Dictionary<string, string?>? settings = null) => _app = new PullThroughApp(_upstream!, _sumdb!, settings);

    private static Task<PullThroughResult> ServeAsync(PullThroughApp app, string module, PulledFile file, string? version = null, IReadOnlyList<GoProxyRule>? rules = null) =>
        app.Get<PullThroughService>().ServeAsync(module, file, version, new PullThroughScope(rules ?? [], null, null), CancellationToken.None);

    private static byte[] Truth(string module, string file) => File.ReadAllBytes(Path.Combine(_upstream!.TruthDir, CaseEncoding.EscapePath(module)!, "@v", file));

    private static byte[] Stored(PullThroughResult result)
    {
        Assert.AreEqual(200, result.Status, result.Text);
        return File.ReadAllBytes(result.Stored!.Path!);
    }

    private static int UpstreamRequests(string path) => _upstream!.Requests.Count(r => r == "/" + path);

    [TestMethod]
    public async Task ServeAsync_CanonicalFiles_AreVerifiedStoredAndServedWhenUpstreamStops()
    {
        var app = App();
        var module = $"{Org}/alpha";
        var info = await ServeAsync(app, module, PulledFile.Info, "v1.1.0");
        var mod = await ServeAsync(app, module, PulledFile.Mod, "v1.1.0");
        var zip = await ServeAsync(app, module, PulledFile.Zip, "v1.1.0");
        Assert.AreEqual(200, zip.Status, zip.Text);
        CollectionAssert.AreEqual(Truth(module, "v1.1.0.info"), Stored(info));
        CollectionAssert.AreEqual(Truth(module, "v1.1.0.mod"), Stored(mod));
        CollectionAssert.AreEqual(Truth(module, "v1.1.0.zip"), Stored(zip));
        // All three are entries of the module zip store, each under its own key.
        Assert.AreEqual(PullThroughService.StoreKey(module, "v1.1.0", PulledFile.Info), info.Stored!.Key);
        Assert.AreEqual(DirHash.HashGoMod(Truth(module, "v1.1.0.mod")), mod.Stored!.H1);
        Assert.AreEqual(3, new[] { info, mod, zip }.Select(r => r.Stored!.Key).Distinct().Count());
        Assert.AreEqual(("application/json", "text/plain; charset=utf-8", "application/zip"), (info.ContentType, mod.ContentType, zip.ContentType));

        var row = await Get<PulledModuleRepository>().FindAsync(module, "v1.1.0", CancellationToken.None);
        Assert.IsNotNull(row);
        Assert.AreEqual(DirHash.HashZip(new MemoryStream(Truth(module, "v1.1.0.zip"))), row.ZipH1);
        Assert.AreEqual(DirHash.HashGoMod(Truth(module, "v1.1.0.mod")), row.ModH1);
        Assert.IsGreaterThan(0L, row.VerifiedTreeSize ?? 0);
        Assert.AreEqual(_upstream!.BaseUrl, row.Upstream);
        Assert.Contains($"200 /lookup/{module}@v1.1.0", _sumdb!.Requests);

        await _upstream!.StopAsync();
        foreach (var (file, name) in new[] { (PulledFile.Info, "v1.1.0.info"), (PulledFile.Mod, "v1.1.0.mod") })
            CollectionAssert.AreEqual(Truth(module, name), Stored(await ServeAsync(app, module, file, "v1.1.0")));
        var again = await ServeAsync(app, module, PulledFile.Zip, "v1.1.0");
        Assert.AreEqual(zip.Stored!.Path, again.Stored?.Path);
        // Both zip downloads are counted (in memory, written on the next flush).
        await app.Get<PulledDownloads>().FlushAsync(CancellationToken.None);
        Assert.AreEqual(2, (await Get<PulledModuleRepository>().FindAsync(module, "v1.1.0", CancellationToken.None))!.Downloads);
    }

    [TestMethod]
    public async Task ServeAsync_TamperedZip_Answers403SecurityErrorAndKeepsNothing()
    {
        var app = App();
        var module = $"{Org}/bravo";
        _upstream!.TamperZip("github.com/glt-fixtures/bravo", "v1.0.0", "lib.go", "package bravo\n\nconst Backdoor = true\n");
        try
        {
            var zip = await ServeAsync(app, module, PulledFile.Zip, "v1.0.0");
            Assert.AreEqual(403, zip.Status);
            StringAssert.Contains(zip.Text, "SECURITY ERROR");
            StringAssert.Contains(zip.Text, $"verifying {module}@v1.0.0: checksum mismatch");
            StringAssert.Contains(zip.Text, "downloaded: " + DirHash.HashZip(new MemoryStream(File.ReadAllBytes(Path.Combine(_upstream!.ServedDir, "github.com/glt-fixtures/bravo/@v/v1.0.0.zip")))));
            StringAssert.Contains(zip.Text, $"{_sumdb!.Name}: " + DirHash.HashZip(new MemoryStream(Truth(module, "v1.0.0.zip"))));
            Assert.IsNull((await Get<PulledModuleRepository>().FindAsync(module, "v1.0.0", CancellationToken.None))?.ZipH1);
            Assert.IsNull(app.Get<ModuleZipCache>().FindOrNull(PullThroughService.StoreKey(module, "v1.0.0", PulledFile.Zip)));

            // Never cached: the next request asks the upstream again, and is refused again.
            var before = UpstreamRequests("github.com/glt-fixtures/bravo/@v/v1.0.0.zip");
            Assert.AreEqual(403, (await ServeAsync(app, module, PulledFile.Zip, "v1.0.0")).Status);
            Assert.AreEqual(before + 1, UpstreamRequests("github.com/glt-fixtures/bravo/@v/v1.0.0.zip"));
            // The untouched go.mod still verifies.
            Assert.AreEqual(200, (await ServeAsync(app, module, PulledFile.Mod, "v1.0.0")).Status);
        }
        finally
        {
            File.Copy(Path.Combine(_upstream!.TruthDir, "github.com/glt-fixtures/bravo/@v/v1.0.0.zip"), Path.Combine(_upstream!.ServedDir, "github.com/glt-fixtures/bravo/@v/v1.0.0.zip"), overwrite: true);
        }
    }

    [TestMethod]
    public async Task ServeAsync_DatabaseWithANewKey_StartsAFreshTreeInsteadOfRefusingEverything()
    {
        var module = $"{Org}/alpha";
        Assert.AreEqual(200, (await ServeAsync(App(), module, PulledFile.Mod, "v1.0.0")).Status);
        await _app!.DisposeAsync();

        // Same name, another key: the tree kept from the first key can never verify under the second.
        using var rekeyed = await GoSumDbServer.StartAsync(_upstream!.TruthDir);
        Assert.AreEqual(_sumdb!.Name, rekeyed.Name);
        Assert.AreNotEqual(_sumdb.VerifierKey, rekeyed.VerifierKey);
        var app = _app = new PullThroughApp(_upstream, rekeyed);
        var mod = await ServeAsync(app, module, PulledFile.Mod, "v1.1.0");
        Assert.AreEqual(200, mod.Status, mod.Text);
        Assert.Contains($"200 /lookup/{module}@v1.1.0", rekeyed.Requests);
    }

    [TestMethod]
    public async Task ServeAsync_ConcurrentZipRequests_ShareOneUpstreamFetch()
    {
        var app = App();
        // Started before the race: WebApplicationFactory does not start its host thread-safely.
        app.Get<PullThroughService>();
        var module = $"{Org}/charlie";
        var results = await Task.WhenAll(Enumerable.Range(0, 8).Select(_ => Task.Run(() => ServeAsync(app, module, PulledFile.Zip, "v0.3.0"))));
        Assert.IsTrue(results.All(r => r.Status == 200), string.Join("\n", results.Select(r => r.Text)));
        Assert.AreEqual(1, results.Select(r => r.Stored!.Path).Distinct().Count());
        Assert.AreEqual(1, UpstreamRequests("github.com/glt-fixtures/charlie/@v/v0.3.0.zip"));
        Assert.AreEqual(1, _sumdb!.Requests.Count(r => r.EndsWith($"/lookup/{module}@v0.3.0", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task ServeAsync_ListWhenUpstreamStops_ServesTheStaleList()
    {
        // A TTL of zero: every request asks the upstream, so only staleness can answer once it is gone.
        var app = App(new() { ["GitLab:GoProxy:ListTtlSeconds"] = "0" });
        var module = $"{Org}/alpha";
        var list = await ServeAsync(app, module, PulledFile.List);
        Assert.AreEqual("v1.0.0\nv1.1.0\nv1.2.0-rc.1\n", string.Join("", Encoding.UTF8.GetString(list.Body!).Split('\n').Where(l => l != "").Order(StringComparer.Ordinal).Select(l => l + "\n")));
        await _upstream!.StopAsync();
        var stale = await ServeAsync(app, module, PulledFile.List);
        Assert.AreEqual(200, stale.Status, stale.Text);
        CollectionAssert.AreEqual(list.Body, stale.Body);
        // Never fetched before: nothing stale to serve, so the failure is reported (502 stops go's fallback).
        var unknown = await ServeAsync(app, $"{Org}/never-listed", PulledFile.List);
        Assert.AreEqual(502, unknown.Status);
        StringAssert.Contains(unknown.Text, "is unavailable");
    }

    [TestMethod]
    public async Task ServeAsync_UnknownModule_Is404AndRememberedForTheTtl()
    {
        var app = App();
        var first = await ServeAsync(app, $"{Org}/missing", PulledFile.List);
        Assert.AreEqual(404, first.Status);
        StringAssert.StartsWith(first.Text, "not found");
        await ServeAsync(app, $"{Org}/missing", PulledFile.List);
        Assert.AreEqual(1, UpstreamRequests("github.com/glt-fixtures/missing/@v/list"));
        // A static tree has no @latest: 404, so go falls back to the list.
        Assert.AreEqual(404, (await ServeAsync(app, $"{Org}/alpha", PulledFile.Latest)).Status);
    }

    [TestMethod]
    public async Task ServeAsync_Offline_ServesOnlyWhatIsCached()
    {
        var module = $"{Org}/alpha";
        var online = App();
        Assert.AreEqual(200, (await ServeAsync(online, module, PulledFile.Zip, "v1.0.0")).Status);
        Assert.AreEqual(200, (await ServeAsync(online, module, PulledFile.List)).Status);
        await online.DisposeAsync();

        var offline = App(new() { ["GitLab:GoProxy:Offline"] = "true" });
        var requests = _upstream!.Requests.Count;
        Assert.AreEqual(200, (await ServeAsync(offline, module, PulledFile.Zip, "v1.0.0")).Status);
        Assert.AreEqual(200, (await ServeAsync(offline, module, PulledFile.List)).Status);
        var missing = await ServeAsync(offline, module, PulledFile.Zip, "v1.2.0-rc.1");
        Assert.AreEqual(404, missing.Status);
        StringAssert.Contains(missing.Text, "offline");
        Assert.AreEqual(requests, _upstream!.Requests.Count, "offline asks no upstream");
    }

    [TestMethod]
    public async Task ServeAsync_DenyAndAllowRules_RefuseWith403NamingTheRule()
    {
        var app = App();
        var repo = Get<GoProxyRuleRepository>();
        var deny = await repo.CreateAsync(null, GoProxyRule.Deny, $"{Org}/bravo", "*", CancellationToken.None);
        var denyRc = await repo.CreateAsync(null, GoProxyRule.Deny, $"{Org}/alpha", "*-rc.*", CancellationToken.None);
        var rules = await repo.ListApplicableAsync([], CancellationToken.None);

        var fetched = UpstreamRequests("github.com/glt-fixtures/bravo/@v/v1.0.0.mod");
        var denied = await ServeAsync(app, $"{Org}/bravo", PulledFile.Mod, "v1.0.0", rules);
        Assert.AreEqual(403, denied.Status);
        Assert.AreEqual($"forbidden: {Org}/bravo@v1.0.0 is denied by rule \"deny {Org}/bravo@* (instance rule #{deny.Id})\"", denied.Text);
        Assert.AreEqual(fetched, UpstreamRequests("github.com/glt-fixtures/bravo/@v/v1.0.0.mod"), "a denied module is never fetched");
        Assert.AreEqual(403, (await ServeAsync(app, $"{Org}/alpha", PulledFile.Zip, "v1.2.0-rc.1", rules)).Status);
        var list = Encoding.UTF8.GetString((await ServeAsync(app, $"{Org}/alpha", PulledFile.List, rules: rules)).Body!);
        Assert.DoesNotContain("v1.2.0-rc.1", list, "a denied version is left out of the list");
        Assert.Contains("v1.1.0", list);

        // An allow list: only what it names passes.
        await repo.DeleteAsync(null, deny.Id, CancellationToken.None);
        await repo.DeleteAsync(null, denyRc.Id, CancellationToken.None);
        await repo.CreateAsync(null, GoProxyRule.Allow, $"{Org}/alpha", "*", CancellationToken.None);
        rules = await repo.ListApplicableAsync([], CancellationToken.None);
        Assert.AreEqual(200, (await ServeAsync(app, $"{Org}/alpha", PulledFile.Mod, "v1.0.0", rules)).Status);
        var outside = await ServeAsync(app, $"{Org}/charlie", PulledFile.Mod, "v0.3.0", rules);
        Assert.AreEqual(403, outside.Status);
        StringAssert.Contains(outside.Text, "no allow rule of the instance matches it");
    }

    [TestMethod]
    public async Task ServeAsync_ModuleTheDatabaseDoesNotKnow_IsRefusedUnlessNoSumDb()
    {
        // Served by the upstream but never recorded by the checksum database (as a private fork would be).
        var served = Path.Combine(_upstream!.ServedDir, "github.com/glt-fixtures/fork/@v");
        Directory.CreateDirectory(served);
        foreach (var ext in new[] { "info", "mod", "zip" })
            File.Copy(Path.Combine(_upstream!.ServedDir, $"github.com/glt-fixtures/bravo/@v/v1.0.0.{ext}"), Path.Combine(served, $"v1.0.0.{ext}"), overwrite: true);

        var verifying = await ServeAsync(App(), $"{Org}/fork", PulledFile.Mod, "v1.0.0");
        Assert.AreEqual(403, verifying.Status);
        StringAssert.Contains(verifying.Text, "has no record of it");
        await _app!.DisposeAsync();

        var lookups = _sumdb!.Requests.Count(r => r.Contains("/fork@", StringComparison.Ordinal));
        var exempt = App(new() { ["GitLab:GoProxy:NoSumDb:0"] = $"{Org}/fork" });
        Assert.AreEqual(200, (await ServeAsync(exempt, $"{Org}/fork", PulledFile.Mod, "v1.0.0")).Status);
        Assert.AreEqual(200, (await ServeAsync(exempt, $"{Org}/fork", PulledFile.Zip, "v1.0.0")).Status);
        var row = await Get<PulledModuleRepository>().FindAsync($"{Org}/fork", "v1.0.0", CancellationToken.None);
        Assert.IsNull(row!.VerifiedTreeSize, "not verified");
        Assert.AreEqual(lookups, _sumdb!.Requests.Count(r => r.Contains("/fork@", StringComparison.Ordinal)), "a NoSumDb path is never looked up");
    }

    [TestMethod]
    public async Task ServeAsync_PathUnderTheInstanceHost_IsNeverSentUpstream()
    {
        var app = App();
        var host = new Uri(AppFactory.ExternalUrl).Host;
        foreach (var file in new[] { PulledFile.List, PulledFile.Latest, PulledFile.Mod, PulledFile.Zip })
        {
            var result = await ServeAsync(app, $"{host}/group/project", file, file is PulledFile.Mod or PulledFile.Zip ? "v1.0.0" : null);
            Assert.AreEqual(404, result.Status);
        }
        Assert.IsFalse(_upstream!.Received(host));
    }

    [TestMethod]
    public async Task ServeAsync_GroupWithItsOwnUpstreams_AsksThoseAndKeepsItsOwnLists()
    {
        var app = App();
        var admin = await CreateUserAsync("boss", admin: true);
        var group = await ProjectFactory.CreateGroupAsync(Services, admin, "acme");
        var sub = await ProjectFactory.CreateGroupAsync(Services, admin, "team", group);
        var off = await ProjectFactory.CreateGroupAsync(Services, admin, "sealed");
        // Port 9 (discard) on loopback refuses connections: an upstream that is down.
        await Get<GoProxyGroupSettingsRepository>().SaveAsync(group.Id, ["http://127.0.0.1:9"], CancellationToken.None);
        await Get<GoProxyGroupSettingsRepository>().SaveAsync(off.Id, [], CancellationToken.None);
        var finder = app.Get<PullThroughScopeFinder>();
        var module = $"{Org}/alpha";

        Assert.AreEqual(200, (await app.Get<PullThroughService>().ServeAsync(module, PulledFile.List, null, await finder.FindAsync(null, CancellationToken.None), CancellationToken.None)).Status);
        var asked = UpstreamRequests("github.com/glt-fixtures/alpha/@v/list");
        var subScope = await finder.FindAsync(sub, CancellationToken.None);
        CollectionAssert.AreEqual(new[] { "http://127.0.0.1:9" }, subScope.Upstreams!.ToList(), "a subgroup inherits its parent's upstreams");
        var viaGroup = await app.Get<PullThroughService>().ServeAsync(module, PulledFile.List, null, subScope, CancellationToken.None);
        Assert.AreEqual(502, viaGroup.Status, "the instance's fresh list is not the group's");
        StringAssert.Contains(viaGroup.Text, "http://127.0.0.1:9");
        Assert.AreEqual(asked, UpstreamRequests("github.com/glt-fixtures/alpha/@v/list"), "the instance upstream is not asked for the group");

        var sealedResult = await app.Get<PullThroughService>().ServeAsync(module, PulledFile.List, null, await finder.FindAsync(off, CancellationToken.None), CancellationToken.None);
        Assert.AreEqual(404, sealedResult.Status);
        StringAssert.Contains(sealedResult.Text, "pull-through of public modules is off");
    }
}
