using GitLabLite.Presenters.Packages.Go;

namespace GitLabLite.Presenters.Web;

/// <summary>The Go modules help page: the instance lines, and the group and project URL patterns as alternatives.</summary>
public sealed record GoModulesHelpPage(GoSetup Go, string GroupProxyUrlPattern, string GroupGoEnvLine, string ProjectProxyUrlPattern, string Host);
