using GitLabLite.Models.Projects;
using GitLabLite.Repositories.Packages.Go;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Packages.Go;

namespace GitLabLite.Finders.Packages.Go;

/// <summary>The rules and upstreams of the instance endpoint, or of a group's endpoint (its own, else the nearest ancestor's).</summary>
public sealed class PullThroughScopeFinder(GoProxyRuleRepository rules, GoProxyGroupSettingsRepository settings, NamespaceRepository namespaces)
{
    public async Task<PullThroughScope> FindAsync(Namespace? group, CancellationToken ct)
    {
        if (group is null) return new PullThroughScope(await rules.ListApplicableAsync([], ct), null, null);
        var lineage = await namespaces.SelfAndAncestorIdsAsync(group.Id, ct);
        var overrides = await settings.FindAsync(lineage, ct);
        var upstreams = lineage.Where(overrides.ContainsKey).Select(id => overrides[id]).FirstOrDefault();
        return new PullThroughScope(await rules.ListApplicableAsync(lineage, ct), upstreams, group.FullPath);
    }
}
