namespace GitLabLite.Models.Features;

/// <summary>Flags the code checks by name (their definitions are config/feature_flags/*.yml).</summary>
public static class FeatureNames
{
    /// <summary>The Go proxy, off by default and enabled per project, group or instance (GitLab's go_proxy).</summary>
    public const string GoProxy = "go_proxy";
}
