using System.Net;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Requests.Api;

/// <summary>The checksum-database proxy endpoints (/api/v4/packages/go/sumdb/&lt;name&gt;/...) against a local database.</summary>
[TestClass]
public sealed class SumDbProxySpec : RequestSpec
{
    private static GoModuleUpstream? _upstream;
    private static GoSumDbServer? _sumdb;
    private static PullThroughApp? _app;

    [ClassInitialize]
    public static async Task StartServers(TestContext _)
    {
        _upstream = await GoModuleUpstream.StartAsync([UpstreamModule.Simple("github.com/glt-fixtures/echo", "v1.0.0")]);
        _sumdb = await GoSumDbServer.StartAsync(_upstream.TruthDir);
        _app = new PullThroughApp(_upstream, _sumdb);
    }

    [ClassCleanup]
    public static void StopServers()
    {
        _app?.Dispose();
        _sumdb?.Dispose();
        _upstream?.Dispose();
    }

    private static string Base => $"/api/v4/packages/go/sumdb/{_sumdb!.Name}";

    private static async Task<HttpClient> ClientAsync()
    {
        var (_, token) = await CreateUserWithTokenAsync("puller", scopes: ["read_api"]);
        var client = _app!.CreateClient();
        client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", token);
        return client;
    }

    [TestMethod]
    public async Task Supported_ForTheConfiguredDatabaseOnly()
    {
        var client = await ClientAsync();
        Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync($"{Base}/supported")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await client.GetAsync("/api/v4/packages/go/sumdb/sum.golang.org/supported")).StatusCode);
        var anonymous = await _app!.CreateClient().GetAsync($"{Base}/supported");
        Assert.AreEqual(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.AreEqual("Basic realm=\"GitLab\"", anonymous.Headers.WwwAuthenticate.ToString());
    }

    [TestMethod]
    public async Task Lookup_OfAPrivatePath_Answers403AndIsNeverForwarded()
    {
        var client = await ClientAsync();
        var response = await client.GetAsync($"{Base}/lookup/gitlab.example.com/acme/lib@v1.0.0");
        Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.AreEqual("text/plain; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        Assert.AreEqual("private module: add gitlab.example.com to GONOSUMDB or GOPRIVATE\n", await response.Content.ReadAsStringAsync());
        Assert.IsFalse(_sumdb!.Requests.Any(r => r.Contains("gitlab.example.com", StringComparison.Ordinal)));
    }

    [TestMethod]
    public async Task LookupAndTiles_OfAPublicModule_AreRelayedOnceVerified()
    {
        var client = await ClientAsync();
        var lookup = await client.GetAsync($"{Base}/lookup/github.com/glt-fixtures/echo@v1.0.0");
        Assert.AreEqual(HttpStatusCode.OK, lookup.StatusCode, await lookup.Content.ReadAsStringAsync());
        var body = await lookup.Content.ReadAsStringAsync();
        StringAssert.Contains(body, "github.com/glt-fixtures/echo v1.0.0 h1:");
        StringAssert.Contains(body, "github.com/glt-fixtures/echo v1.0.0/go.mod h1:");
        StringAssert.Contains(body, $"— {_sumdb!.Name} ");

        // The tile the record proof used is served from this server's cache: the database sees no second request.
        var tileRequests = _sumdb.Requests.Count(r => r.Contains("/tile/8/0/000", StringComparison.Ordinal));
        var tile = await client.GetAsync($"{Base}/tile/8/0/000.p/1");
        Assert.AreEqual(HttpStatusCode.OK, tile.StatusCode, await tile.Content.ReadAsStringAsync());
        Assert.HasCount(32, await tile.Content.ReadAsByteArrayAsync());
        Assert.AreEqual(tileRequests, _sumdb.Requests.Count(r => r.Contains("/tile/8/0/000", StringComparison.Ordinal)));

        Assert.AreEqual(HttpStatusCode.BadRequest, (await client.GetAsync($"{Base}/tile/8/0/0000")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await client.GetAsync($"{Base}/lookup/github.com/glt-fixtures/none@v1.0.0")).StatusCode);
    }

    [TestMethod]
    public async Task HostilePaths_AreRefusedWithoutServerErrors()
    {
        var client = await ClientAsync();
        foreach (var path in new[]
                 {
                     "/lookup/github.com/glt-fixtures/echo@v1.0.0.0", "/lookup/GitHub.com/x@v1.0.0", "/lookup/github.com/x@v1.0.0-!!", "/lookup/..%2F..%2Fetc@v1.0.0",
                     "/tile/8/0/x999/x999/x999/x999/x999/x999/x999/000", "/tile/30/62/000", "/tile/8/63/000.p/1",
                     "/tile/8/data/000", "/tile/8/0/999999", "/tile/8/0/x123/456.p/0", "/tile/0/0/000", "/tile/8/0/123", "/latestx",
                 })
        {
            var response = await client.GetAsync(Base + path);
            Assert.IsLessThan(500, (int)response.StatusCode, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    [TestMethod]
    public async Task Supported_Anonymously_OnlyWhenAnAdminAllowsAnonymousPullThrough()
    {
        await using var open = new PullThroughApp(_upstream!, _sumdb!, new Dictionary<string, string?> { ["GitLab:GoProxy:AnonymousPullThrough"] = "true" });
        Assert.AreEqual(HttpStatusCode.OK, (await open.CreateClient().GetAsync($"{Base}/supported")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await _app!.CreateClient().GetAsync($"{Base}/supported")).StatusCode);
    }
}
