namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// Route values that GitLab takes URL-encoded (":id" as "group%2Fproj", tag and branch names with "%2F"). Kestrel
/// decodes the request path except for "%2F", so such values reach routing still holding "%2F"; this finishes the
/// job. Values without escapes come back unchanged.
/// </summary>
public static class EncodedPathRouteValue
{
    public static string Decode(string value) => value.Contains('%') ? Uri.UnescapeDataString(value) : value;
}
