using System.Net;
using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Spec.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.TestHost;

namespace GitLabLite.Spec.Requests.Web;

/// <summary>
/// /-/metrics over a real socket: Prometheus text that parses, counters that move with the requests made, and the
/// monitoring allow-list (loopback by default, configurable networks, everyone else 404).
/// </summary>
[TestClass]
public sealed class MetricsSpec : RequestSpec
{
    [TestMethod]
    public async Task Scrape_AfterGoProxyAndInvalidTokenRequests_CountsThem()
    {
        var (admin, token) = await CreateUserWithTokenAsync("watcher", admin: true);
        var group = await ProjectFactory.CreateGroupAsync(Services, admin, "metered");
        var project = await ProjectFactory.CreateProjectAsync(Services, admin, "lib", group);
        var module = $"{LiveServer.Shared.Host}/metered/lib";
        using (var git = await GitFixture.CreateAsync())
        {
            await git.CommitAsync(new Dictionary<string, string?> { ["go.mod"] = $"module {module}\n", ["a.go"] = "package a\n" });
            await git.TagAsync("v1.0.0");
            await git.PushToAsync(Get<RepositoryStorage>().PathFor(project.FullPath));
        }
        using var client = LiveServer.Shared.CreateSocketClient(token);
        Assert.AreEqual(HttpStatusCode.Created, (await client.PostAsync("api/v4/features/go_proxy?value=true", null)).StatusCode);
        var before = await ScrapeAsync(client);

        var proxy = $"api/v4/projects/{project.Id}/packages/go/{module}/@v";
        for (var i = 0; i < 3; i++) Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync($"{proxy}/v1.0.0.info")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await client.GetAsync($"{proxy}/v9.9.9.info")).StatusCode);
        for (var i = 0; i < 2; i++) Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync($"{proxy}/v1.0.0.zip")).StatusCode);
        using (var invalid = LiveServer.Shared.CreateSocketClient("glpat-not-a-valid-token-000000"))
            Assert.AreEqual(HttpStatusCode.Unauthorized, (await invalid.GetAsync("api/v4/user")).StatusCode);
        var after = await ScrapeAsync(client);

        double Delta(string metric, params (string, string)[] labels) => after.Sum(metric, labels) - before.Sum(metric, labels);
        Assert.AreEqual("histogram", after.TypeOf("gitlablite_http_request_duration_seconds"));
        Assert.AreEqual(3, Delta("gitlablite_http_request_duration_seconds_count", ("kind", "go_info"), ("status", "200")));
        Assert.AreEqual(1, Delta("gitlablite_http_request_duration_seconds_count", ("kind", "go_info"), ("status", "404")));
        Assert.AreEqual(2, Delta("gitlablite_http_request_duration_seconds_count", ("kind", "go_zip"), ("status", "200")));
        Assert.AreEqual(1, Delta("gitlablite_http_request_duration_seconds_count", ("kind", "api"), ("status", "401")));
        Assert.IsGreaterThan(0, Delta("gitlablite_http_request_duration_seconds_sum", ("kind", "go_zip")));
        Assert.AreEqual(1, Delta("gitlablite_go_proxy_zip_cache_misses_total"));
        Assert.AreEqual(1, Delta("gitlablite_go_proxy_zip_cache_hits_total"));
        Assert.AreEqual(1, Delta("gitlablite_go_proxy_zip_build_duration_seconds_count", ("result", "ok")));
        Assert.IsGreaterThan(0, Delta("gitlablite_go_proxy_zip_built_bytes_total"));
        Assert.AreEqual(1, Delta("gitlablite_auth_failures_total", ("kind", "token")));
        Assert.AreEqual(1, after.Sum("gitlablite_postgres_circuit_breaker_state", ("state", "closed")));
        Assert.AreEqual(0, after.Sum("gitlablite_postgres_circuit_breaker_state", ("state", "open")));
        Assert.IsGreaterThan(0, after.Sum("dotnet_process_cpu_time_seconds_total"), "the runtime's own meters are exported too");
    }

    [TestMethod]
    public async Task Metrics_FromOutsideTheAllowList_AreNotFound()
    {
        Assert.AreEqual(HttpStatusCode.OK, await StatusFromAsync(Factory.Server, "127.0.0.1"));
        Assert.AreEqual(HttpStatusCode.OK, await StatusFromAsync(Factory.Server, "::1"));
        Assert.AreEqual(HttpStatusCode.OK, await StatusFromAsync(Factory.Server, "::ffff:127.0.0.1"));
        Assert.AreEqual(HttpStatusCode.NotFound, await StatusFromAsync(Factory.Server, "10.1.2.3"));
        Assert.AreEqual(HttpStatusCode.NotFound, await StatusFromAsync(Factory.Server, "203.0.113.9"));

        using var configured = Factory.WithWebHostBuilder(b => b
            .UseSetting("GitLab:Monitoring:AllowedAddresses:0", "10.0.0.0/8")
            .UseSetting("GitLab:Monitoring:AllowedAddresses:1", "203.0.113.9"));
        Assert.AreEqual(HttpStatusCode.OK, await StatusFromAsync(configured.Server, "10.1.2.3"));
        Assert.AreEqual(HttpStatusCode.OK, await StatusFromAsync(configured.Server, "203.0.113.9"));
        Assert.AreEqual(HttpStatusCode.NotFound, await StatusFromAsync(configured.Server, "203.0.113.10"));
        Assert.AreEqual(HttpStatusCode.NotFound, await StatusFromAsync(configured.Server, "127.0.0.1"), "the setting replaces the default");
    }

    private static async Task<PrometheusText> ScrapeAsync(HttpClient client)
    {
        var response = await client.GetAsync("-/metrics");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("text/plain; version=0.0.4; charset=utf-8", response.Content.Headers.ContentType?.ToString());
        return PrometheusText.Parse(await response.Content.ReadAsStringAsync());
    }

    private static async Task<HttpStatusCode> StatusFromAsync(TestServer server, string address)
    {
        var context = await server.SendAsync(c =>
        {
            c.Request.Method = "GET";
            c.Request.Path = "/-/metrics";
            c.Connection.RemoteIpAddress = IPAddress.Parse(address);
        });
        return (HttpStatusCode)context.Response.StatusCode;
    }
}
