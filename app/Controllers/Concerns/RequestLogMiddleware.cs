using System.Diagnostics;
using GitLabLite.Services.Monitoring;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// One structured log line per request under a correlation id: X-Request-Id from the client when it is sane, else a
/// new one, echoed on the response and carried as a logging scope (RequestId) by every log written meanwhile. Query
/// values that can carry secrets are filtered; the framework's own request-start line (full URL) is switched off.
/// The same measurement feeds the request metrics (one clock read per request for both).
/// </summary>
public sealed class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger, RequestMetrics metrics)
{
    public const string Header = "X-Request-Id";

    private static readonly string[] SecretParameters = ["private_token", "access_token", "job_token", "token", "password"];

    public async Task InvokeAsync(HttpContext http)
    {
        var id = SaneIdOrNull(http.Request.Headers[Header].ToString()) ?? Guid.NewGuid().ToString("N");
        http.TraceIdentifier = id;
        http.Response.OnStarting(() =>
        {
            http.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        using var scope = logger.BeginScope(new Dictionary<string, object> { ["RequestId"] = id });
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.Observe(http, elapsed);
            logger.LogInformation("{Method} {Path}{Query} -> {Status} in {ElapsedMs:0.0} ms",
                http.Request.Method, http.Request.Path.Value, FilteredQuery(http.Request), http.Response.StatusCode,
                elapsed.TotalMilliseconds);
        }
    }

    private static string? SaneIdOrNull(string value) =>
        value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':') ? value : null;

    private static string FilteredQuery(HttpRequest request)
    {
        if (request.Query.Count == 0) return "";
        var parts = request.Query.Select(q => SecretParameters.Contains(q.Key, StringComparer.OrdinalIgnoreCase)
            ? $"{Uri.EscapeDataString(q.Key)}=[FILTERED]"
            : $"{Uri.EscapeDataString(q.Key)}={Uri.EscapeDataString(q.Value.ToString())}");
        return "?" + string.Join('&', parts);
    }
}
