using System.Collections.Concurrent;
using System.Net;
using GitLabLite.Services.Monitoring;
using GitLabLite.Spec.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace GitLabLite.Spec.Reliability;

/// <summary>
/// The request log is written off the request path (<see cref="RequestLogWriter"/>): still one line per request, under that
/// request's own RequestId, none lost when the app stops, and no secret from the query.
/// </summary>
[TestClass]
public sealed class RequestLogSpec : RequestSpec
{
    [TestMethod]
    public async Task Requests_AnsweredAtOnce_GetOneLineEachUnderTheirOwnRequestId()
    {
        var lines = new ConcurrentQueue<Line>();
        using var app = Factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(new Capture(lines))));
        var client = app.CreateClient();
        var ids = Enumerable.Range(0, 40).Select(i => $"spec-{i}").ToArray();
        await Task.WhenAll(ids.Select(async id =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"/api/v4/version?n={id}");
            request.Headers.Add("X-Request-Id", id);
            Assert.AreEqual(HttpStatusCode.Unauthorized, (await client.SendAsync(request)).StatusCode);
        }));
        app.Services.GetRequiredService<RequestLogWriter>().Flush();

        var logged = lines.Where(l => l.Category == typeof(RequestLogWriter).FullName).ToList();
        foreach (var id in ids)
        {
            var mine = logged.Where(l => l.RequestId == id).ToList();
            Assert.HasCount(1, mine, id);
            Assert.AreEqual($"GET /api/v4/version?n={id} -> 401", mine[0].Text[..mine[0].Text.IndexOf(" in ", StringComparison.Ordinal)], id);
        }
        Assert.HasCount(ids.Length, logged);
    }

    [TestMethod]
    public async Task Lines_NotWrittenYet_AreWrittenWhenTheAppStops()
    {
        var lines = new ConcurrentQueue<Line>();
        var app = Factory.WithWebHostBuilder(b =>
        {
            b.ConfigureLogging(l => l.AddProvider(new Capture(lines)));
            // The writer's timer never fires here: only stopping can write the lines. Only the writer gets this clock:
            // given to the whole app it also froze every other timer (the host's stop hung one run in three).
            b.ConfigureServices(s => s.AddSingleton(sp => new RequestLogWriter(sp.GetRequiredService<ILogger<RequestLogWriter>>(), new TimersNeverFire())));
        });
        var client = app.CreateClient();
        for (var i = 0; i < 3; i++) Assert.AreEqual(HttpStatusCode.OK, (await client.GetAsync($"/-/health?i={i}")).StatusCode);
        Assert.IsFalse(lines.Any(l => l.Category == typeof(RequestLogWriter).FullName), "written on the request's own thread");

        await app.DisposeAsync();

        var logged = lines.Where(l => l.Category == typeof(RequestLogWriter).FullName).Select(l => l.Text).ToList();
        for (var i = 0; i < 3; i++) Assert.IsTrue(logged.Any(t => t.StartsWith($"GET /-/health?i={i} -> 200 in ", StringComparison.Ordinal)), $"request {i}");
    }

    private sealed record Line(string Category, string Text, string? RequestId);

    /// <summary>Every log line with its category and the RequestId of its scopes.</summary>
    private sealed class Capture(ConcurrentQueue<Line> lines) : ILoggerProvider, ISupportExternalScope
    {
        private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

        public void Dispose()
        {
        }

        private sealed class Logger(Capture capture, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => capture._scopes.Push(state);

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                string? requestId = null;
                capture._scopes.ForEachScope((scope, _) =>
                {
                    if (scope is IEnumerable<KeyValuePair<string, object>> values && values.FirstOrDefault(v => v.Key == "RequestId").Value is string id) requestId = id;
                }, (object?)null);
                capture.Enqueue(new Line(category, formatter(state, exception), requestId));
            }
        }

        private void Enqueue(Line line) => lines.Enqueue(line);
    }

    /// <summary>The system clock, whose timers never fire.</summary>
    private sealed class TimersNeverFire : TimeProvider
    {
        public override ITimer CreateTimer(TimerCallback callback, object? state, TimeSpan dueTime, TimeSpan period) => new Idle();

        private sealed class Idle : ITimer
        {
            public bool Change(TimeSpan dueTime, TimeSpan period) => true;

            public void Dispose()
            {
            }

            public ValueTask DisposeAsync() => ValueTask.CompletedTask;
        }
    }
}
