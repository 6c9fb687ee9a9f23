using System.Diagnostics;
using GitLabLite.Services.Monitoring;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// Every request under a correlation id: X-Request-Id from the client when it is sane, else a new one, echoed on the
/// response and carried as a logging scope (RequestId) by every log written meanwhile; then one line in the
/// <see cref="RequestLogWriter"/> and one observation in the request metrics (one clock read per request for both). The
/// framework's own request-start line (full URL, secrets in the query included) is switched off.
/// </summary>
public sealed class RequestLogMiddleware(RequestDelegate next, ILogger<RequestLogMiddleware> logger, RequestLogWriter log, RequestMetrics metrics)
{
    public const string Header = "X-Request-Id";

    public async Task InvokeAsync(HttpContext http)
    {
        var id = SaneIdOrNull(http.Request.Headers[Header].ToString()) ?? Guid.NewGuid().ToString("N");
        http.TraceIdentifier = id;
        http.Response.OnStarting(() =>
        {
            http.Response.Headers[Header] = id;
            return Task.CompletedTask;
        });
        using var scope = logger.BeginScope(RequestLogWriter.Scope(id));
        var started = Stopwatch.GetTimestamp();
        try
        {
            await next(http);
        }
        finally
        {
            var elapsed = Stopwatch.GetElapsedTime(started);
            metrics.Observe(http, elapsed);
            log.Add(id, http.Request.Method, http.Request.Path.Value, http.Request.QueryString.Value, http.Response.StatusCode, elapsed);
        }
    }

    private static string? SaneIdOrNull(string value) =>
        value.Length is > 0 and <= 128 && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or ':') ? value : null;
}
