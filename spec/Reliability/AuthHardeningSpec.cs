using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using GitLabLite.Initializers;
using GitLabLite.Models.Projects;
using GitLabLite.Services.Monitoring;
using GitLabLite.Spec.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace GitLabLite.Spec.Reliability;

/// <summary>Failed-credential throttling, security headers, request ids, no secrets in logs, no private-project oracle.</summary>
[TestClass]
public sealed class AuthHardeningSpec : RequestSpec
{
    /// <summary>
    /// The throttle as shipped: no setting overrides it (the suite's own settings raise it out of the way, so this host
    /// runs as Production), each client address counted alone over real sockets, and the window's end driven by the
    /// app's clock instead of a minute's sleep.
    /// </summary>
    [TestMethod]
    public async Task InvalidCredentials_WithTheShippedLimits_ThrottleOneAddressUntilItsWindowEnds()
    {
        var (_, token) = await CreateUserWithTokenAsync("alice");
        var clock = new SettableClock(DateTimeOffset.UtcNow);
        var port = AppProcess.FreePort();
        using var app = Factory.WithWebHostBuilder(b =>
        {
            b.UseEnvironment("Production");
            b.ConfigureServices(s => s.AddSingleton<TimeProvider>(clock));
        });
        app.UseKestrel(o => o.Listen(IPAddress.Loopback, port));
        app.StartServer();
        var limits = app.Services.GetRequiredService<IOptions<AuthThrottleOptions>>().Value;
        Assert.AreEqual((10, 60), (limits.MaxFailures, limits.WindowSeconds), "the shipped limits, with nothing overriding them");
        Assert.AreEqual((new AuthThrottleOptions().MaxFailures, new AuthThrottleOptions().WindowSeconds), (limits.MaxFailures, limits.WindowSeconds));

        using var a = ClientFrom(IPAddress.Parse("127.0.0.2"), port);
        using var b = ClientFrom(IPAddress.Parse("127.0.0.3"), port);
        Assert.AreEqual(HttpStatusCode.OK, (await SendAsync(a, token)).StatusCode);
        for (var i = 0; i < limits.MaxFailures; i++) Assert.AreEqual(HttpStatusCode.Unauthorized, (await SendAsync(a, Wrong)).StatusCode, $"failure {i + 1}");
        var refused = await SendAsync(a, Wrong);
        Assert.AreEqual(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.AreEqual(TimeSpan.FromSeconds(limits.WindowSeconds), refused.Headers.RetryAfter?.Delta);
        Assert.AreEqual(HttpStatusCode.TooManyRequests, (await SendAsync(a, token)).StatusCode, "valid credentials from that address wait too");
        Assert.AreEqual(HttpStatusCode.OK, (await a.GetAsync("/api/v4/projects")).StatusCode, "requests without credentials go on");

        Assert.AreEqual(HttpStatusCode.OK, (await SendAsync(b, token)).StatusCode, "another address is not throttled");
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await SendAsync(b, Wrong)).StatusCode, "and has its own count");

        clock.Advance(TimeSpan.FromSeconds(limits.WindowSeconds - 1));
        var late = await SendAsync(a, token);
        Assert.AreEqual(HttpStatusCode.TooManyRequests, late.StatusCode, "a second before the window ends");
        Assert.AreEqual(TimeSpan.FromSeconds(1), late.Headers.RetryAfter?.Delta);
        clock.Advance(TimeSpan.FromSeconds(1));
        Assert.AreEqual(HttpStatusCode.OK, (await SendAsync(a, token)).StatusCode, "the window has ended");
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await SendAsync(a, Wrong)).StatusCode, "a new window counts from one");
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
        app.Services.GetRequiredService<RequestLogWriter>().Flush();
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

    private const string Wrong = "glpat-wrongwrongwrongwrongwrong";

    private static Task<HttpResponseMessage> SendAsync(HttpClient client, string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/v4/user");
        request.Headers.Add("PRIVATE-TOKEN", token);
        return client.SendAsync(request);
    }

    /// <summary>A client whose connections come from <paramref name="local"/> (any 127.x address reaches the loopback listener).</summary>
    private static HttpClient ClientFrom(IPAddress local, int port) =>
        new(new SocketsHttpHandler
        {
            ConnectCallback = async (context, ct) =>
            {
                var socket = new Socket(SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(local, 0));
                await socket.ConnectAsync(context.DnsEndPoint, ct);
                return new NetworkStream(socket, ownsSocket: true);
            },
        })
        { BaseAddress = new Uri($"http://127.0.0.1:{port}") };

    /// <summary>A clock the spec moves by hand.</summary>
    private sealed class SettableClock(DateTimeOffset now) : TimeProvider
    {
        private DateTimeOffset _now = now;

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
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
