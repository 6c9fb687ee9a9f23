using System.Net;
using GitLabLite.Spec.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;

namespace GitLabLite.Spec.Requests.Web;

/// <summary>
/// X-Forwarded-For and X-Forwarded-Proto are believed only from the proxies of GitLab:TrustedProxies: behind a
/// listed balancer the monitoring allow-list and the invalid-credentials throttle see each client's own address; from
/// anyone else, and from everyone when nothing is listed (loopback included), the headers change nothing.
/// </summary>
[TestClass]
public sealed class ForwardedHeadersSpec : RequestSpec
{
    private const string Proxy = "10.9.9.9";
    private const string Watcher = "203.0.113.9";

    [TestMethod]
    public async Task ForwardedAddress_FromATrustedProxy_IsTheClientsAddress()
    {
        using var app = Behind(Proxy);

        Assert.AreEqual(HttpStatusCode.OK, await MetricsAsync(app, Proxy, Watcher));
        Assert.AreEqual(HttpStatusCode.NotFound, await MetricsAsync(app, Proxy, "198.51.100.1"));
        Assert.AreEqual(HttpStatusCode.NotFound, await MetricsAsync(app, Proxy, null), "the proxy itself is not on the allow-list");
        // nginx appends the address it saw: a client's own X-Forwarded-For is not what the node takes.
        Assert.AreEqual(HttpStatusCode.NotFound, await MetricsAsync(app, Proxy, $"{Watcher}, 198.51.100.1"));
        // Proxies listed as a network, and each listed hop unwrapped: a CDN in front of the balancer.
        using var chained = Behind("10.9.0.0/16");
        Assert.AreEqual(HttpStatusCode.OK, await MetricsAsync(chained, Proxy, $"{Watcher}, 10.9.1.1"));
    }

    [TestMethod]
    public async Task ForwardedHeaders_FromAnAddressNotListed_ChangeNothing()
    {
        using var app = Behind(Proxy);
        Assert.AreEqual(HttpStatusCode.NotFound, await MetricsAsync(app, "10.9.9.10", Watcher));

        using var unlisted = Factory.WithWebHostBuilder(b => b.UseSetting("GitLab:Monitoring:AllowedAddresses:0", Watcher));
        Assert.AreEqual(HttpStatusCode.NotFound, await MetricsAsync(unlisted, "127.0.0.1", Watcher),
            "with no proxies listed not even loopback is believed (ASP.NET's own default)");
        Assert.AreEqual(HttpStatusCode.NotFound, await MetricsAsync(Factory, "10.1.2.3", "127.0.0.1"),
            "the default allow-list (loopback) is not reached by claiming loopback");
        Assert.AreEqual(HttpStatusCode.OK, await MetricsAsync(Factory, "127.0.0.1", "10.1.2.3"));
    }

    [TestMethod]
    public async Task ForwardedProto_FromATrustedProxyOnly_MakesTheRequestHttps()
    {
        using var app = Behind(Proxy);
        Assert.AreEqual("max-age=31536000", (await SendAsync(app, "/-/health", Proxy, Watcher, https: true)).Headers["Strict-Transport-Security"].ToString());
        Assert.AreEqual("", (await SendAsync(app, "/-/health", "10.9.9.10", Watcher, https: true)).Headers["Strict-Transport-Security"].ToString());
        Assert.AreEqual("", (await SendAsync(Factory, "/-/health", "127.0.0.1", Watcher, https: true)).Headers["Strict-Transport-Security"].ToString());
    }

    [TestMethod]
    public async Task InvalidCredentials_ThroughATrustedProxy_AreThrottledPerClient()
    {
        using var app = Factory.WithWebHostBuilder(b => b
            .UseSetting("GitLab:TrustedProxies:0", Proxy)
            .UseSetting("GitLab:AuthThrottle:MaxFailures", "3"));
        for (var i = 0; i < 3; i++)
            Assert.AreEqual(401, (await SendAsync(app, "/api/v4/user", Proxy, "198.51.100.7", token: "glpat-invalid-0000000000")).StatusCode);
        Assert.AreEqual(429, (await SendAsync(app, "/api/v4/user", Proxy, "198.51.100.7", token: "glpat-invalid-0000000000")).StatusCode);
        Assert.AreEqual(401, (await SendAsync(app, "/api/v4/user", Proxy, "198.51.100.8", token: "glpat-invalid-0000000000")).StatusCode,
            "another client behind the same balancer is not throttled with the first");
    }

    private static WebApplicationFactory<Program> Behind(string proxies) => Factory.WithWebHostBuilder(b => b
        .UseSetting("GitLab:TrustedProxies:0", proxies)
        .UseSetting("GitLab:Monitoring:AllowedAddresses:0", Watcher));

    private static async Task<HttpStatusCode> MetricsAsync(WebApplicationFactory<Program> app, string from, string? forwardedFor) =>
        (HttpStatusCode)(await SendAsync(app, "/-/metrics", from, forwardedFor)).StatusCode;

    /// <summary>A request arriving from <paramref name="from"/>, carrying the headers a proxy would add.</summary>
    private static async Task<HttpResponse> SendAsync(WebApplicationFactory<Program> app, string path, string from, string? forwardedFor,
        bool https = false, string? token = null)
    {
        var context = await app.Server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = path;
            c.Connection.RemoteIpAddress = IPAddress.Parse(from);
            if (forwardedFor is not null) c.Request.Headers["X-Forwarded-For"] = forwardedFor;
            if (https) c.Request.Headers["X-Forwarded-Proto"] = "https";
            if (token is not null) c.Request.Headers["PRIVATE-TOKEN"] = token;
        });
        return context.Response;
    }
}
