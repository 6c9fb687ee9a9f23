using Microsoft.AspNetCore.Http.Features;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// Merges repeated slashes in /api/v4 paths before routing, as the nginx in front of GitLab does (merge_slashes):
/// some clients build "/features//go_proxy". A Go module path after ".../packages/go/" is left as sent, where an
/// empty element is invalid and keeps its 404, and so is everything outside /api/v4 (git paths, pages). The raw
/// request target is rewritten alike, so that code reading it (%2F in ids, module paths) sees the routed path.
/// </summary>
public sealed class MergeSlashesMiddleware(RequestDelegate next)
{
    private const string ApiRoot = "/api/v4";

    public Task InvokeAsync(HttpContext http)
    {
        var path = http.Request.Path.Value;
        if (path is not null && path.Contains("//", StringComparison.Ordinal))
            Rewrite(http, path);
        return next(http);
    }

    private static void Rewrite(HttpContext http, string path)
    {
        var segments = path.Split('/');
        var kept = KeptSegments(segments);
        var merged = string.Join('/', kept.Select(i => segments[i]));
        if (!(merged == ApiRoot || merged.StartsWith(ApiRoot + "/", StringComparison.Ordinal))) return;
        http.Request.Path = new PathString(merged);
        var request = http.Features.Get<IHttpRequestFeature>();
        if (request?.RawTarget is not ['/', ..] raw) return;
        var query = raw.IndexOf('?');
        var rawSegments = (query < 0 ? raw : raw[..query]).Split('/');
        // Only %2F stays encoded in the decoded path, so both split alike; if not, the raw target is left alone.
        if (rawSegments.Length != segments.Length) return;
        request.RawTarget = string.Join('/', kept.Select(i => rawSegments[i])) + (query < 0 ? "" : raw[query..]);
    }

    /// <summary>
    /// Indexes of the segments that survive: empty ones (a repeated slash) are dropped except a trailing one, until
    /// the kept segments end with "packages/go"; from there on every segment is kept.
    /// </summary>
    private static List<int> KeptSegments(string[] segments)
    {
        List<int> kept = [0];
        for (var i = 1; i < segments.Length; i++)
        {
            if (segments[i].Length == 0 && i < segments.Length - 1) continue;
            kept.Add(i);
            if (kept.Count >= 3 && segments[kept[^2]] == "packages" && segments[kept[^1]] == "go")
            {
                kept.AddRange(Enumerable.Range(i + 1, segments.Length - i - 1));
                break;
            }
        }
        return kept;
    }
}
