using System.Collections.Concurrent;
using Microsoft.AspNetCore.WebUtilities;

namespace GitLabLite.Services.Monitoring;

/// <summary>
/// The request log: one Information line per request ("GET /path?query -> 200 in 1.2 ms", query values that can carry
/// secrets filtered) under the request's RequestId scope, on category GitLabLite.Services.Monitoring.RequestLogWriter.
/// A request only enqueues its facts here (no formatting, no lock); this writer formats and logs them a batch at a
/// time. Logged from each request's own thread, the line cost warm proxy answers about a fifth of their CPU under
/// load: the console logger's queue lock was contended and its writer thread woken once per line (README
/// "Performance"). Lines are late by at most <see cref="Interval"/> and written when the app stops. Should the
/// sinks fall behind by <see cref="MaxPending"/> lines, later ones are dropped and counted, as the console logger's
/// DropWrite mode does, rather than held in memory or made to wait on.
/// </summary>
public sealed class RequestLogWriter(ILogger<RequestLogWriter> logger, TimeProvider clock) : BackgroundService
{
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(200);

    public const int MaxPending = 100_000;

    private static readonly string[] SecretParameters = ["private_token", "access_token", "job_token", "token", "password"];

    private readonly ConcurrentQueue<Entry> _pending = new();
    private readonly Lock _writing = new();
    private int _count;
    private long _dropped;
    private volatile bool _stopped;

    /// <summary>The scope every log written while a request runs carries (RequestId).</summary>
    public static Dictionary<string, object> Scope(string requestId) => new() { ["RequestId"] = requestId };

    /// <summary>Records one answered request; <paramref name="query"/> is the raw query string ("?a=b" or empty).</summary>
    public void Add(string requestId, string method, string? path, string? query, int status, TimeSpan elapsed)
    {
        if (Interlocked.Increment(ref _count) > MaxPending)
        {
            Interlocked.Decrement(ref _count);
            Interlocked.Increment(ref _dropped);
            return;
        }
        _pending.Enqueue(new Entry(requestId, method, path, query, status, elapsed));
        // After the writer stopped (requests the server still finishes while the host stops) nobody else will.
        if (_stopped) Flush();
    }

    /// <summary>Logs every line recorded so far.</summary>
    public void Flush()
    {
        lock (_writing)
        {
            while (_pending.TryDequeue(out var e))
            {
                Interlocked.Decrement(ref _count);
                using var scope = logger.BeginScope(Scope(e.RequestId));
                logger.LogInformation("{Method} {Path}{Query} -> {Status} in {ElapsedMs:0.0} ms",
                    e.Method, e.Path, FilteredQuery(e.Query), e.Status, e.Elapsed.TotalMilliseconds);
            }
            if (Interlocked.Exchange(ref _dropped, 0) is var dropped and > 0)
                logger.LogWarning("{Count} request log lines dropped: the log's sinks fell {Max} lines behind", dropped, MaxPending);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken)) Flush();
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopping: StopAsync writes the rest.
        }
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        _stopped = true;
        Flush();
    }

    private static string FilteredQuery(string? query)
    {
        if (string.IsNullOrEmpty(query) || QueryHelpers.ParseQuery(query) is not { Count: > 0 } values) return "";
        var parts = values.Select(q => SecretParameters.Contains(q.Key, StringComparer.OrdinalIgnoreCase)
            ? $"{Uri.EscapeDataString(q.Key)}=[FILTERED]"
            : $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}");
        return "?" + string.Join('&', parts);
    }

    private readonly record struct Entry(string RequestId, string Method, string? Path, string? Query, int Status, TimeSpan Elapsed);
}
