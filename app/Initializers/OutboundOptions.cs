namespace GitLabLite.Initializers;

/// <summary>
/// `GitLab:Outbound`: where the server may connect on a user's behalf (imports now, webhooks later). By default only
/// public addresses; AllowLocalNetwork opens loopback, private, link-local, shared (CGNAT) and unique-local networks
/// (GitLab's "Allow requests to the local network"), never metadata endpoints; AllowList opens single hosts,
/// addresses or CIDR ranges (GitLab's outbound_local_requests_allowlist), e.g. ["git.corp.example", "10.1.2.0/24"].
/// </summary>
public sealed class OutboundOptions
{
    public const string Section = "GitLab:Outbound";

    public bool AllowLocalNetwork { get; set; }

    public List<string> AllowList { get; set; } = [];
}
