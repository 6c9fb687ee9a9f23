using GitLabLite.Models.Packages.Go;
using GitLabLite.Params;
using GitLabLite.Repositories.Packages.Go;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// Changes to pull-through administration from the API and the admin page alike: allow/deny rules of the instance
/// (null) or a group, and a group's own upstreams. Params arrive validated.
/// </summary>
public sealed class GoProxyRulesService(GoProxyRuleRepository rules, GoProxyGroupSettingsRepository groupSettings)
{
    /// <summary>Patterns are taken without surrounding blanks; no version pattern means every version.</summary>
    public Task<GoProxyRule> CreateRuleAsync(long? namespaceId, CreateGoProxyRuleParams p, CancellationToken ct) =>
        rules.CreateAsync(namespaceId, p.Action!, p.ModulePattern!.Trim(), string.IsNullOrWhiteSpace(p.VersionPattern) ? "*" : p.VersionPattern.Trim(), ct);

    /// <summary>False when that level has no such rule.</summary>
    public Task<bool> DeleteRuleAsync(long? namespaceId, long id, CancellationToken ct) => rules.DeleteAsync(namespaceId, id, ct);

    /// <summary>Sets the group's own upstreams (trailing slashes dropped) and returns them.</summary>
    public async Task<string[]> SetGroupUpstreamsAsync(long namespaceId, UpdateGoProxyGroupSettingsParams p, CancellationToken ct)
    {
        var upstreams = p.Upstreams!.Select(u => u.TrimEnd('/')).ToArray();
        await groupSettings.SaveAsync(namespaceId, upstreams, ct);
        return upstreams;
    }

    /// <summary>Back to the ancestors' or the instance's upstreams; false when the group had none of its own.</summary>
    public Task<bool> ResetGroupUpstreamsAsync(long namespaceId, CancellationToken ct) => groupSettings.DeleteAsync(namespaceId, ct);
}
