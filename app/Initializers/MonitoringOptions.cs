namespace GitLabLite.Initializers;

/// <summary>`GitLab:Monitoring`: who may read /-/metrics (GitLab's monitoring IP allow-list).</summary>
public sealed class MonitoringOptions
{
    public const string Section = "GitLab:Monitoring";

    /// <summary>Loopback only, as GitLab's default monitoring allow-list.</summary>
    public static readonly string[] DefaultAllowedAddresses = ["127.0.0.0/8", "::1/128"];

    /// <summary>
    /// Addresses or CIDR networks (`10.0.0.0/8`, `::1`) allowed to scrape /-/metrics; null means the default. Not
    /// initialised here: the configuration binder appends to a pre-filled array instead of replacing it.
    /// </summary>
    public string[]? AllowedAddresses { get; set; }
}
