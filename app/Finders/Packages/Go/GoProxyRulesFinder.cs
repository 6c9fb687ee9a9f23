using GitLabLite.Models.Packages.Go;
using GitLabLite.Repositories.Packages.Go;

namespace GitLabLite.Finders.Packages.Go;

/// <summary>The pull-through administration's reads: one level's allow/deny rules, and a group's own upstreams.</summary>
public sealed class GoProxyRulesFinder(GoProxyRuleRepository rules, GoProxyGroupSettingsRepository groupSettings)
{
    /// <summary>The instance's rules (null) or one group's, in creation order.</summary>
    public Task<IReadOnlyList<GoProxyRule>> ListAsync(long? namespaceId, CancellationToken ct) => rules.ListAsync(namespaceId, ct);

    /// <summary>The group's own upstreams, or null when it uses its ancestors' or the instance's.</summary>
    public async Task<string[]?> GroupUpstreamsOrNullAsync(long namespaceId, CancellationToken ct) =>
        (await groupSettings.FindAsync([namespaceId], ct)).GetValueOrDefault(namespaceId);
}
