using System.Collections.Concurrent;
using System.Net;
using GitLabLite.Models.Projects;
using GitLabLite.Spec.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;

namespace GitLabLite.Spec.Reliability;

/// <summary>Failed-credential throttling, security headers, request ids, no secrets in logs, no private-project oracle.</summary>
[TestClass]
public sealed class AuthHardeningSpec : RequestSpec
{
    [TestMethod]
    public async Task InvalidCredentials_MoreThanTenInAMinute_Answer429WithRetryAfter()
    {
        var (_, token) = await CreateUserWithTokenAsync("alice");
        using var app = Factory.WithWebHostBuilder(b => b.ConfigureAppConfiguration(c =>
            c.AddInMemoryCollection(new Dictionary<string, string?> { ["GitLab:AuthThrottle:MaxFailures"] = "10" })));
        var valid = app.CreateClient();
        valid.DefaultRequestHeaders.Add("PRIVATE-TOKEN", token);
        Assert.AreEqual(HttpStatusCode.OK, (await valid.GetAsync("/api/v4/user")).StatusCode);
        var invalid = app.CreateClient();
        invalid.DefaultRequestHeaders.Add("PRIVATE-TOKEN", "glpat-wrongwrongwrongwrongwrong");
        for (var i = 0; i < 10; i++) Assert.AreEqual(HttpStatusCode.Unauthorized, (await invalid.GetAsync("/api/v4/user")).StatusCode);
        var blocked = await invalid.GetAsync("/api/v4/user");
        Assert.AreEqual(HttpStatusCode.TooManyRequests, blocked.StatusCode);
        Assert.IsNotNull(blocked.Headers.RetryAfter?.Delta);
        Assert.AreEqual(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/-/health")).StatusCode, "requests without credentials go on");
    }

    [TestMethod]
    public async Task Responses_PagesAndApi_CarrySecurityHeadersAndRequestId()
    {
        foreach (var path in new[] { "/api/v4/version", "/api/v4/projects/999999", "/-/health", "/nope/nothing?go-get=1" })
        {
            var response = await Client().GetAsync(path);
            Assert.AreEqual("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single(), path);
            Assert.AreEqual("DENY", response.Headers.GetValues("X-Frame-Options").Single(), path);
            Assert.StartsWith("default-src 'self'", response.Headers.GetValues("Content-Security-Policy").Single(), path);
            Assert.IsTrue(response.Headers.Contains("Referrer-Policy"), path);
            Assert.IsTrue(response.Headers.TryGetValues("X-Request-Id", out var ids) && ids.Single().Length > 0, path);
        }
        var client = Client();
        client.DefaultRequestHeaders.Add("X-Request-Id", "abc-123");
        Assert.AreEqual("abc-123", (await client.GetAsync("/api/v4/version")).Headers.GetValues("X-Request-Id").Single());
    }

    [TestMethod]
    public async Task RequestLogs_WithPrivateTokenInQuery_NeverContainTheToken()
    {
        var (_, token) = await CreateUserWithTokenAsync("alice");
        var lines = new ConcurrentQueue<string>();
        using var app = Factory.WithWebHostBuilder(b => b.ConfigureLogging(l =>
        {
            l.SetMinimumLevel(LogLevel.Trace);
            l.AddFilter("Microsoft", LogLevel.Trace);
            l.AddProvider(new CapturingLoggerProvider(lines));
        }));
        var response = await app.CreateClient().GetAsync($"/api/v4/user?private_token={token}");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.IsTrue(lines.Any(l => l.Contains("/api/v4/user?private_token=[FILTERED]")), "request logged");
        Assert.IsFalse(lines.Any(l => l.Contains(token)), "token logged");
    }

    [TestMethod]
    public async Task PrivateProject_ForAnOutsider_LooksExactlyLikeNoProject()
    {
        var owner = await CreateUserAsync("owner");
        var (_, outsider) = await CreateUserWithTokenAsync("outsider");
        var group = await ProjectFactory.CreateGroupAsync(Services, owner, "ns");
        var secret = await ProjectFactory.CreateProjectAsync(Services, owner, "secret", group);
        foreach (var (existing, missing) in new[]
        {
            ($"/api/v4/projects/{secret.Id}", "/api/v4/projects/99999999"),
            ("/api/v4/projects/ns%2Fsecret", "/api/v4/projects/ns%2Fnothing"),
            ($"/api/v4/projects/{secret.Id}/packages/go/gitlab.example.com/ns/secret/@v/list", "/api/v4/projects/99999999/packages/go/gitlab.example.com/ns/nothing/@v/list"),
        })
        {
            var a = await Client(outsider).GetAsync(existing);
            var b = await Client(outsider).GetAsync(missing);
            Assert.AreEqual(b.StatusCode, a.StatusCode, existing);
            Assert.AreEqual(await b.Content.ReadAsStringAsync(), await a.Content.ReadAsStringAsync(), existing);
        }
    }

    private sealed class CapturingLoggerProvider(ConcurrentQueue<string> lines) : ILoggerProvider
    {
        public ILogger CreateLogger(string categoryName) => new CapturingLogger(lines);

        public void Dispose()
        {
        }
    }

    private sealed class CapturingLogger(ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            lines.Enqueue(formatter(state, exception));
    }
}
