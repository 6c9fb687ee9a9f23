using Microsoft.AspNetCore.Http.Features;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// Route values GitLab takes URL-encoded: :id as a numeric id or full path (group%2Fsub%2Fproj), tag and branch
/// names with %2F. The server decodes the path before routing but keeps %2F (so segments survive) while decoding
/// %25, which makes "a%252Fb" and "a%2Fb" look alike. So the value is decoded exactly once from the raw request target, at the routed segment's position.
/// </summary>
public static class EncodedRouteValue
{
    public static string Decode(HttpContext http, string routeValue)
    {
        var raw = RawSegment(http, routeValue) ?? routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        // No full path has empty, "." or ".." segments: answer as for any unknown path.
        return raw.Split('/').Any(s => s is "" or "." or "..") ? "" : raw;
    }

    private static string? RawSegment(HttpContext http, string routeValue)
    {
        var target = http.Features.Get<IHttpRequestFeature>()?.RawTarget;
        if (string.IsNullOrEmpty(target) || !target.StartsWith('/')) return null;
        var rawSegments = target.Split('?', 2)[0].Split('/');
        var pathSegments = (http.Request.PathBase + http.Request.Path).Value!.Split('/');
        if (rawSegments.Length != pathSegments.Length) return null;
        var index = Array.IndexOf(pathSegments, routeValue);
        if (index < 0) return null;
        try
        {
            return Uri.UnescapeDataString(rawSegments[index]);
        }
        catch (UriFormatException)
        {
            return "";
        }
    }
}
