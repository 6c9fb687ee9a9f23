namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// GitLab's :id route value: a numeric id or a URL-encoded full path (group%2Fsub%2Fproj). The server decodes every
/// escape in the path except %2F, which it keeps so that the path's segments survive; routing therefore hands the
/// value over with %2F still encoded, and only that needs decoding here.
/// </summary>
public static class ApiId
{
    public static string Decode(string routeValue)
    {
        var value = routeValue.Replace("%2F", "/", StringComparison.OrdinalIgnoreCase);
        // No full path has empty, "." or ".." segments: answer as for any unknown path.
        return value.Split('/').Any(s => s is "" or "." or "..") ? "" : value;
    }
}
