using System.Net;
using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using GitLabLite.Golang;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Reliability;

/// <summary>
/// Two app nodes with separate local caches on one database, one repositories path and one bucket, behind the real
/// nginx as the load balancer (TLS at nginx, round-robin to the nodes): the go command downloads through it, the
/// zip is built once for both nodes, a flag change and a token revocation made through the balancer hold on each
/// node's very next request (the change bus), and 64 concurrent clients through the balancer get no error.
/// </summary>
[TestClass]
public sealed class BalancedNodesSpec
{
    private const string Source = "package lib\n\nfunc Answer() int { return 42 }\n";

    private static ObjectStoreCluster _cluster = null!;
    private static NginxBalancer _balancer = null!;
    private static AppProcess _a = null!;
    private static AppProcess _b = null!;
    private static long _id;
    private static string _module = null!;
    private static string _goMod = null!;

    [ClassInitialize]
    public static async Task StartBalancedNodes(TestContext _)
    {
        _cluster = await ObjectStoreCluster.StartAsync("balanced");
        _balancer = new NginxBalancer();
        _a = await _cluster.StartNodeAsync(externalUrl: _balancer.BaseUrl);
        _b = await _cluster.StartNodeAsync(externalUrl: _balancer.BaseUrl);
        await _balancer.StartAsync([_a, _b]);
        (_id, _module) = await _cluster.CreateModuleAsync(_a, "lib", async (git, module) =>
        {
            _goMod = $"module {module}\n\ngo 1.19\n";
            await git.CommitAsync(new Dictionary<string, string?> { ["go.mod"] = _goMod, ["lib.go"] = Source });
            await git.TagAsync("v1.0.0");
        });
    }

    [ClassCleanup]
    public static async Task StopBalancedNodes()
    {
        _balancer?.Dispose();
        if (_cluster is not null) await _cluster.DisposeAsync();
    }

    private static string Proxy(string file) => $"/api/v4/projects/{_id}/packages/go/{_module}/@v/{file}";

    private static async Task<double> GoRequestsAsync(AppProcess node) =>
        (await ObjectStoreCluster.MetricsAsync(node)).Sum("gitlablite_http_request_duration_seconds_count", ("status", "200"));

    [TestMethod]
    public async Task GoModDownload_ThroughTheBalancer_VerifiesAndIsBuiltOnceForBothNodes()
    {
        var before = (A: await GoRequestsAsync(_a), B: await GoRequestsAsync(_b));
        var builds = await ObjectStoreCluster.BuildsAsync(_a) + await ObjectStoreCluster.BuildsAsync(_b);
        using var go = new GoCli("127.0.0.1", _balancer.BaseUrl, _balancer.CaFile);
        go.UseCredentials("root", ObjectStoreCluster.RootToken);

        var result = (await go.DownloadAsync(new Dictionary<string, string> { ["GOPROXY"] = go.ProxyFor(_id) }, [$"{_module}@v1.0.0"])).Single();

        Assert.IsNull(result.Error, result.Error);
        var prefix = $"{_module}@v1.0.0/";
        Assert.AreEqual(DirHash.Hash1([(prefix + "go.mod", Encoding.UTF8.GetBytes(_goMod)), (prefix + "lib.go", Encoding.UTF8.GetBytes(Source))]), result.Sum);
        // go asks .info, .mod and .zip: round-robin hands both nodes some of them.
        Assert.IsGreaterThan(before.A, await GoRequestsAsync(_a), "node A served none of go's requests");
        Assert.IsGreaterThan(before.B, await GoRequestsAsync(_b), "node B served none of go's requests");

        // Each node now fetches the zip itself: the one built zip (if not built before) comes from the bucket.
        using var viaA = _a.Client(ObjectStoreCluster.RootToken);
        using var viaB = _b.Client(ObjectStoreCluster.RootToken);
        CollectionAssert.AreEqual(await viaA.GetByteArrayAsync(Proxy("v1.0.0.zip")), await viaB.GetByteArrayAsync(Proxy("v1.0.0.zip")));
        Assert.AreEqual(Math.Max(builds, 1), await ObjectStoreCluster.BuildsAsync(_a) + await ObjectStoreCluster.BuildsAsync(_b), "the zip was built more than once");
    }

    [TestMethod]
    public async Task FlagTurnedOffThroughTheBalancer_HoldsOnBothNodesNextRequest()
    {
        using var viaA = _a.Client(ObjectStoreCluster.RootToken);
        using var viaB = _b.Client(ObjectStoreCluster.RootToken);
        using var balanced = _balancer.Client(ObjectStoreCluster.RootToken);
        foreach (var node in new[] { viaA, viaB })
            for (var i = 0; i < 3; i++) Assert.AreEqual(HttpStatusCode.OK, (await node.GetAsync(Proxy("v1.0.0.info"))).StatusCode);
        try
        {
            Assert.AreEqual(HttpStatusCode.Created, (await balanced.PostAsync("/api/v4/features/go_proxy?value=false", null)).StatusCode);

            Assert.AreEqual(HttpStatusCode.NotFound, (await viaA.GetAsync(Proxy("v1.0.0.info"))).StatusCode, "node A still serves with the flag off");
            Assert.AreEqual(HttpStatusCode.NotFound, (await viaB.GetAsync(Proxy("v1.0.0.info"))).StatusCode, "node B still serves with the flag off");
        }
        finally
        {
            Assert.AreEqual(HttpStatusCode.Created, (await balanced.PostAsync("/api/v4/features/go_proxy?value=true", null)).StatusCode);
        }
        Assert.AreEqual(HttpStatusCode.OK, (await viaA.GetAsync(Proxy("v1.0.0.info"))).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await viaB.GetAsync(Proxy("v1.0.0.info"))).StatusCode);
    }

    [TestMethod]
    public async Task TokenRevokedThroughTheBalancer_IsRefusedByBothNodesNextRequest()
    {
        using var root = _balancer.Client(ObjectStoreCluster.RootToken);
        var user = await root.PostAsync("/api/v4/users?username=leaver&email=leaver@example.com&name=leaver&password=s3cret-passw0rd-leaver", null);
        Assert.AreEqual(HttpStatusCode.Created, user.StatusCode, await user.Content.ReadAsStringAsync());
        var userId = (await user.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt32();
        var created = await root.PostAsync($"/api/v4/users/{userId}/personal_access_tokens?name=go&scopes[]=api", null);
        Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, await created.Content.ReadAsStringAsync());
        var token = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("token").GetString()!;
        using var viaA = _a.Client(token);
        using var viaB = _b.Client(token);
        foreach (var node in new[] { viaA, viaB })
            for (var i = 0; i < 3; i++) Assert.AreEqual(HttpStatusCode.OK, (await node.GetAsync("/api/v4/user")).StatusCode);

        using var self = _balancer.Client(token);
        Assert.AreEqual(HttpStatusCode.NoContent, (await self.DeleteAsync("/api/v4/personal_access_tokens/self")).StatusCode);

        Assert.AreEqual(HttpStatusCode.Unauthorized, (await viaA.GetAsync("/api/v4/user")).StatusCode, "node A still accepts the revoked token");
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await viaB.GetAsync("/api/v4/user")).StatusCode, "node B still accepts the revoked token");
    }

    /// <summary>A browser whose requests the balancer spreads: the form from one node, the sign-in on the other, the page on the first.</summary>
    [TestMethod]
    public async Task SignIn_FormFromOneNodePostedToTheOther_KeepsTheSessionOnBoth()
    {
        using var root = _balancer.Client(ObjectStoreCluster.RootToken);
        Assert.AreEqual(HttpStatusCode.Created, (await root.PostAsync("/api/v4/users?username=browser&email=browser@example.com&name=browser&password=s3cret-passw0rd-browser", null)).StatusCode);
        var cookies = new CookieContainer();
        HttpClient Browser(AppProcess node) => new(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false }) { BaseAddress = new Uri(node.BaseUrl) };
        using var viaA = Browser(_a);
        using var viaB = Browser(_b);
        var form = await viaA.GetStringAsync("/users/sign_in");
        var token = System.Text.RegularExpressions.Regex.Match(form, "name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"");
        Assert.IsTrue(token.Success, "no anti-forgery token");

        var signIn = await viaB.PostAsync("/users/sign_in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["login"] = "browser", ["password"] = "s3cret-passw0rd-browser", ["__RequestVerificationToken"] = WebUtility.HtmlDecode(token.Groups[1].Value),
        }));
        Assert.AreEqual(HttpStatusCode.Redirect, signIn.StatusCode, "node B refused node A's anti-forgery token");

        var page = await viaA.GetAsync("/users/sign_in");
        Assert.AreEqual(HttpStatusCode.Redirect, page.StatusCode, "node A does not know the session node B started");
    }

    /// <summary>No timing claim (bin/bench measures throughput): every answer to 64 concurrent clients is right.</summary>
    [TestMethod]
    public async Task SixtyFourConcurrentClients_ThroughTheBalancer_GetNoError()
    {
        var expected = new Dictionary<string, byte[]>();
        using (var one = _balancer.Client(ObjectStoreCluster.RootToken))
            foreach (var file in new[] { "list", "v1.0.0.info", "v1.0.0.mod", "v1.0.0.zip" })
                expected[file] = await one.GetByteArrayAsync(Proxy(file));
        var files = expected.Keys.ToArray();
        var failures = new System.Collections.Concurrent.ConcurrentBag<string>();
        using var shared = _balancer.Client(ObjectStoreCluster.RootToken);
        await Task.WhenAll(Enumerable.Range(0, 64).Select(client => Task.Run(async () =>
        {
            for (var i = 0; i < 16; i++)
            {
                var file = files[(client + i) % files.Length];
                using var response = await shared.GetAsync(Proxy(file));
                var body = await response.Content.ReadAsByteArrayAsync();
                if (response.StatusCode != HttpStatusCode.OK || !body.AsSpan().SequenceEqual(expected[file]))
                    failures.Add($"{file}: {(int)response.StatusCode} {Encoding.UTF8.GetString(body.AsSpan(0, Math.Min(body.Length, 200)))}");
            }
        })));
        Assert.IsEmpty(failures, string.Join("\n", failures.Take(10)));
    }

    [TestMethod]
    public async Task Metrics_ThroughTheBalancer_AreNotServed()
    {
        using var client = _balancer.Client();
        Assert.AreEqual(HttpStatusCode.NotFound, (await client.GetAsync("/-/metrics")).StatusCode);
    }
}
