namespace GitLabLite.Services.Projects;

/// <summary>
/// A checked import source: the URL git fetches (after redirects, with IP-literal hosts in canonical form), the one
/// transport it may use, and for a host name the curl resolve entry ("host:port:address") that pins git to the
/// address that was checked. Holds credentials from the URL: it lives in memory only, never in the database or logs.
/// </summary>
public sealed record ImportSource(string Url, string Protocol, string? CurlResolve);
