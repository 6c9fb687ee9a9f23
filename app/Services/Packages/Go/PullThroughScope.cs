using GitLabLite.Models.Packages.Go;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// What pull-through applies to one endpoint: the allow/deny rules (instance first, then the group's and its
/// ancestors'), the upstreams (a group's own or an ancestor's override, else null for the instance's), and the
/// group's full path for messages (null on the instance endpoint).
/// </summary>
public sealed record PullThroughScope(IReadOnlyList<GoProxyRule> Rules, IReadOnlyList<string>? Upstreams, string? Group)
{
    public static readonly PullThroughScope Instance = new([], null, null);
}
