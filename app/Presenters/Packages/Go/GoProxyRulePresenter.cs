using GitLabLite.Models.Packages.Go;

namespace GitLabLite.Presenters.Packages.Go;

/// <summary>The API shape of an allow/deny rule.</summary>
public static class GoProxyRulePresenter
{
    public static object Present(GoProxyRule rule) => new
    {
        id = rule.Id,
        group_id = rule.NamespaceId,
        action = rule.Action,
        module_pattern = rule.ModulePattern,
        version_pattern = rule.VersionPattern,
        created_at = rule.CreatedAt,
    };
}
