namespace GitLabLite.Git;

/// <summary>
/// What to clone: the URL, the one transport git may use for it (GIT_ALLOW_PROTOCOL), and optionally a curl resolve
/// entry "host:port:address" that pins git's connection to an address checked beforehand.
/// </summary>
public sealed record ImportRequest(string Url, string Protocol, string? CurlResolve, ImportLimits Limits);
