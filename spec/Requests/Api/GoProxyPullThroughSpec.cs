using System.Net;
using GitLabLite.Golang;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Requests.Api;

/// <summary>
/// Public modules through the instance and group Go proxy endpoints (the same URL as private modules): a path outside
/// the instance's host is pulled through, verified and answered with the upstream's exact bytes; a path under the host
/// is never sent upstream; who may pull, group rules, and a tampered upstream over HTTP.
/// </summary>
[TestClass]
public sealed class GoProxyPullThroughSpec : RequestSpec
{
    private const string Org = "github.com/glt-fixtures";
    private const string Instance = "/api/v4/packages/go";
    private static GoModuleUpstream? _upstream;
    private static GoSumDbServer? _sumdb;
    private static PullThroughApp? _app;

    [ClassInitialize]
    public static async Task StartServers(TestContext _)
    {
        _upstream = await GoModuleUpstream.StartAsync([
            UpstreamModule.Simple($"{Org}/hotel", "v1.0.0"),
            UpstreamModule.Simple($"{Org}/hotel", "v1.1.0"),
            UpstreamModule.Simple($"{Org}/india", "v0.2.0"),
        ]);
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

    private static async Task<HttpClient> ClientAsync(PullThroughApp? app = null)
    {
        var (_, token) = await CreateUserWithTokenAsync("puller", scopes: ["read_api"]);
        var client = (app ?? _app!).CreateClient();
        client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", token);
        return client;
    }

    private static byte[] Truth(string module, string file) => File.ReadAllBytes(Path.Combine(_upstream!.TruthDir, CaseEncoding.EscapePath(module)!, "@v", file));

    [TestMethod]
    public async Task Instance_PublicModule_IsAnsweredWithTheUpstreamsVerifiedBytes()
    {
        var client = await ClientAsync();
        var module = $"{Org}/hotel";

        var list = await client.GetAsync($"{Instance}/{module}/@v/list");
        Assert.AreEqual(HttpStatusCode.OK, list.StatusCode, await list.Content.ReadAsStringAsync());
        CollectionAssert.AreEquivalent(new[] { "v1.0.0", "v1.1.0" }, (await list.Content.ReadAsStringAsync()).Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.IsNull(list.Headers.CacheControl, "a list may change");
        foreach (var (file, type) in new[] { ("v1.1.0.info", "application/json"), ("v1.1.0.mod", "text/plain"), ("v1.1.0.zip", "application/zip") })
        {
            var response = await client.GetAsync($"{Instance}/{module}/@v/{file}");
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, $"{file}: {await response.Content.ReadAsStringAsync()}");
            Assert.AreEqual(type, response.Content.Headers.ContentType?.MediaType, file);
            CollectionAssert.AreEqual(Truth(module, file), await response.Content.ReadAsByteArrayAsync(), file);
            Assert.IsTrue(response.Headers.CacheControl?.ToString().Contains("immutable", StringComparison.Ordinal), file);
        }
        // A static GOPROXY tree has no @latest: its 404 is passed on, and go falls back to the list.
        Assert.AreEqual(HttpStatusCode.NotFound, (await client.GetAsync($"{Instance}/{module}/@latest")).StatusCode);
        Assert.IsTrue(_sumdb!.Requests.Contains($"200 /lookup/{module}@v1.1.0"), "the zip was verified against the database");
    }

    [TestMethod]
    public async Task Instance_Anonymous_IsChallengedUnlessAnAdminAllowsAnonymousPullThrough()
    {
        var path = $"{Instance}/{Org}/india/@v/v0.2.0.info";
        var asked = _upstream!.Requests.Count;
        var anonymous = await _app!.CreateClient().GetAsync(path);
        Assert.AreEqual(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.AreEqual("Basic realm=\"GitLab\"", anonymous.Headers.WwwAuthenticate.ToString());
        StringAssert.StartsWith(await anonymous.Content.ReadAsStringAsync(), "unauthorized: public modules through this server need credentials");
        Assert.AreEqual(asked, _upstream.Requests.Count, "nothing was fetched for a refused caller");

        await using var open = new PullThroughApp(_upstream, _sumdb!, new Dictionary<string, string?> { ["GitLab:GoProxy:AnonymousPullThrough"] = "true" });
        var allowed = await open.CreateClient().GetAsync(path);
        Assert.AreEqual(HttpStatusCode.OK, allowed.StatusCode, await allowed.Content.ReadAsStringAsync());
        CollectionAssert.AreEqual(Truth($"{Org}/india", "v0.2.0.info"), await allowed.Content.ReadAsByteArrayAsync());
    }

    [TestMethod]
    public async Task Instance_PathUnderTheInstancesHost_IsNeverSentUpstream()
    {
        var client = await ClientAsync();
        var host = new Uri(AppFactory.ExternalUrl).Host;
        foreach (var path in new[] { $"{host}/acme/nothing/@v/list", $"{host}/acme/nothing/@v/v1.0.0.zip", $"{host}/x/@latest" })
        {
            var response = await client.GetAsync($"{Instance}/{path}");
            Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode, path);
            StringAssert.StartsWith(await response.Content.ReadAsStringAsync(), "not found: ", path);
        }
        Assert.IsFalse(_upstream!.Received(host));
    }

    [TestMethod]
    public async Task Group_DenyRule_RefusesThroughThatGroupsEndpointOnly()
    {
        var (admin, adminToken) = await CreateUserWithTokenAsync("boss", admin: true);
        await ProjectFactory.CreateGroupAsync(Services, admin, "acme");
        var created = await _app!.CreateClient().SendAsync(new HttpRequestMessage(HttpMethod.Post, "/api/v4/groups/acme/packages/go/rules")
        {
            Headers = { { "PRIVATE-TOKEN", adminToken } },
            Content = new FormUrlEncodedContent([KeyValuePair.Create("action", "deny"), KeyValuePair.Create("module_pattern", $"{Org}/hotel"), KeyValuePair.Create("version_pattern", "v1.0.*")]),
        });
        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, await created.Content.ReadAsStringAsync());
        var client = _app.CreateClient();
        client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", adminToken);

        var denied = await client.GetAsync($"/api/v4/groups/acme/-/packages/go/{Org}/hotel/@v/v1.0.0.mod");
        Assert.AreEqual(HttpStatusCode.Forbidden, denied.StatusCode);
        Assert.AreEqual("text/plain", denied.Content.Headers.ContentType?.MediaType);
        StringAssert.Contains(await denied.Content.ReadAsStringAsync(), $"{Org}/hotel@v1.0.0 is denied by rule");
        var list = await client.GetAsync($"/api/v4/groups/acme/-/packages/go/{Org}/hotel/@v/list");
        Assert.AreEqual("v1.1.0\n", await list.Content.ReadAsStringAsync(), "a denied version is left out of the group's list");
        Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync($"{Instance}/{Org}/hotel/@v/v1.0.0.mod")).StatusCode, "the instance has no such rule");
    }

    [TestMethod]
    public async Task Instance_TamperedUpstreamZip_Is403SecurityErrorInPlainText()
    {
        var client = await ClientAsync();
        const string escaped = "github.com/glt-fixtures/india";
        _upstream!.TamperZip(escaped, "v0.2.0", "lib.go", "package india\n\nconst Backdoor = true\n");
        try
        {
            var response = await client.GetAsync($"{Instance}/{Org}/india/@v/v0.2.0.zip");
            Assert.AreEqual(HttpStatusCode.Forbidden, response.StatusCode);
            Assert.AreEqual("text/plain", response.Content.Headers.ContentType?.MediaType);
            var body = await response.Content.ReadAsStringAsync();
            StringAssert.Contains(body, "SECURITY ERROR");
            StringAssert.Contains(body, $"{_sumdb!.Name}: " + DirHash.HashZip(new MemoryStream(Truth($"{Org}/india", "v0.2.0.zip"))));
        }
        finally
        {
            File.Copy(Path.Combine(_upstream.TruthDir, escaped, "@v/v0.2.0.zip"), Path.Combine(_upstream.ServedDir, escaped, "@v/v0.2.0.zip"), overwrite: true);
        }
        Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync($"{Instance}/{Org}/india/@v/v0.2.0.zip")).StatusCode, "the refusal was not kept");
    }
}
