namespace GitLabLite.Initializers;

/// <summary>
/// The `GitLab:GoProxy` section: pull-through of public modules (API.md "One module source"). Defaults are in
/// config/appsettings.json (proxy.golang.org and sum.golang.org). Arrays in environment variables go by index
/// (`GitLab__GoProxy__Upstreams__0`); empty entries are ignored, so `GitLab__GoProxy__Upstreams__0=` alone turns
/// pull-through off.
/// </summary>
public sealed class GoProxyOptions
{
    public const string Section = "GitLab:GoProxy";

    /// <summary>Upstream GOPROXY URLs tried in order (404/410 moves to the next).</summary>
    public List<string> Upstreams { get; set; } = [];

    public GoProxySumDbOptions SumDb { get; set; } = new();

    /// <summary>Module path globs (GONOSUMDB syntax) whose downloads are not verified against the checksum database.</summary>
    public List<string> NoSumDb { get; set; } = [];

    /// <summary>How long an upstream list, @latest or version query is served before it is asked again.</summary>
    public int ListTtlSeconds { get; set; } = 60;

    /// <summary>Whether anonymous callers may use pull-through (otherwise a token is needed).</summary>
    public bool AnonymousPullThrough { get; set; }

    /// <summary>Serve only what is cached; never ask an upstream.</summary>
    public bool Offline { get; set; }

    /// <summary>
    /// Whether the instance endpoint answers public modules itself (an upstream is set, or it serves what it has cached
    /// while offline): users then need no other GOPROXY entry and no direct route.
    /// </summary>
    public bool PullsThrough => Offline || EffectiveUpstreams.Count > 0;

    /// <summary>The upstream URLs that are set, without a trailing slash.</summary>
    public IReadOnlyList<string> EffectiveUpstreams => [.. Upstreams.Where(u => !string.IsNullOrWhiteSpace(u)).Select(u => u.Trim().TrimEnd('/'))];
}
