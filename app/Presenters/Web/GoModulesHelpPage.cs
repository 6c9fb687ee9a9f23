using GitLabLite.Presenters.Packages.Go;

namespace GitLabLite.Presenters.Web;

/// <summary>
/// The Go modules help page: the instance lines, and the group and project URL patterns as alternatives.
/// <see cref="PullsThrough"/>: the instance and group endpoints also serve public modules (the single-line setup).
/// </summary>
public sealed record GoModulesHelpPage(GoSetup Go, bool PullsThrough, string GroupProxyUrlPattern, string GroupGoEnvLine, string ProjectProxyUrlPattern, string Host);
