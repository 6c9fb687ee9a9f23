using System.Diagnostics.Metrics;

namespace GitLabLite.Services.Monitoring;

/// <summary>
/// Every HTTP request by endpoint kind and status, as one histogram: its _count series is the request count, its
/// buckets the durations. Kinds are few and fixed (never a path), so the label set stays small.
/// </summary>
public sealed class RequestMetrics
{
    public const string MeterName = "GitLabLite.Http";

    private readonly Histogram<double> _duration;

    public RequestMetrics(IMeterFactory meters)
    {
        _duration = meters.Create(MeterName).CreateHistogram("gitlablite.http.request.duration", unit: "s",
            description: "HTTP requests by endpoint kind and status code; _count is the number of requests.",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30] });
    }

    public void Observe(HttpContext http, TimeSpan elapsed) =>
        _duration.Record(elapsed.TotalSeconds, new("kind", Kind(http.Request)), new("status", http.Response.StatusCode));

    /// <summary>
    /// What the request was for: go_list, go_info, go_mod, go_zip, go_latest, go_sumdb and go_other (any GOPROXY
    /// endpoint: project, group or instance), go_get, git, api, health, metrics, web.
    /// </summary>
    public static string Kind(HttpRequest request)
    {
        var path = request.Path.Value ?? "";
        if (path.StartsWith("/-/", StringComparison.Ordinal)) return path == "/-/metrics" ? "metrics" : "health";
        if (path.StartsWith("/api/", StringComparison.Ordinal) && path.Contains("/packages/go/", StringComparison.Ordinal))
        {
            if (path.EndsWith("/@v/list", StringComparison.Ordinal)) return "go_list";
            if (path.EndsWith("/@latest", StringComparison.Ordinal)) return "go_latest";
            if (path.Contains("/sumdb/", StringComparison.Ordinal)) return "go_sumdb";
            if (path.Contains("/@v/", StringComparison.Ordinal))
            {
                if (path.EndsWith(".zip", StringComparison.Ordinal)) return "go_zip";
                if (path.EndsWith(".mod", StringComparison.Ordinal)) return "go_mod";
                if (path.EndsWith(".info", StringComparison.Ordinal)) return "go_info";
            }
            return "go_other";
        }
        if (path.StartsWith("/api/", StringComparison.Ordinal)) return "api";
        if (path.Contains(".git/", StringComparison.Ordinal)) return "git";
        if (request.Query.ContainsKey("go-get")) return "go_get";
        return "web";
    }
}
