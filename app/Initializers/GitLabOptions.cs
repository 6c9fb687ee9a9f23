using System.ComponentModel.DataAnnotations;

namespace GitLabLite.Initializers;

/// <summary>The `GitLab:` section: the instance's external URL and where repositories live.</summary>
public sealed class GitLabOptions
{
    public const string Section = "GitLab";

    [Required]
    public string Url { get; set; } = "";

    [Required]
    public string RepositoriesPath { get; set; } = "";

    /// <summary>Where built artefacts (module zips) are kept; defaults to "+cache" inside RepositoriesPath ('+' never starts a project path).</summary>
    public string? CachePath { get; set; }

    /// <summary>Upper bound of the module zip cache in bytes; least recently served zips are evicted beyond it.</summary>
    public long ZipCacheMaxBytes { get; set; } = 10L << 30;

    /// <summary>Overrides the host part of Go module paths when the URL's host has no dot (go's CheckPath).</summary>
    public string? GoModuleHost { get; set; }

    /// <summary>
    /// Reverse proxies and load balancers (addresses or CIDR networks) whose X-Forwarded-For and X-Forwarded-Proto
    /// are believed, as GitLab's trusted_proxies: the client address that sign-in throttling, the monitoring
    /// allow-list and audit records see is then the one the proxy saw. Unset by default: no forwarded header is
    /// believed from anyone, loopback included. Not initialised here: the binder would append to a pre-filled array.
    /// </summary>
    public string[]? TrustedProxies { get; set; }
}
