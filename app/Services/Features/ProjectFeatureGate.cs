using GitLabLite.Models.Features;
using GitLabLite.Models.Projects;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Caching;

namespace GitLabLite.Services.Features;

/// <summary>
/// Feature.enabled?(name, project): a flag is on for a project when it is on for the project itself, any group above
/// it, or everyone. The flags are in memory (<see cref="FeatureFlags"/>), and so is each namespace's ancestry while
/// the change bus is current: it changes only when a group moves, which the bus announces (namespace, route).
/// </summary>
public sealed class ProjectFeatureGate
{
    private readonly FeatureFlags _features;
    private readonly NamespaceRepository _namespaces;
    private readonly BusCache<long, IReadOnlyList<long>> _ancestry;

    public ProjectFeatureGate(FeatureFlags features, NamespaceRepository namespaces, ChangeBus bus)
    {
        _features = features;
        _namespaces = namespaces;
        _ancestry = new(bus, MaxCachedNamespaces);
        bus.Subscribe("namespace", _ => _ancestry.Clear());
        bus.Subscribe("route", _ => _ancestry.Clear());
    }

    public const int MaxCachedNamespaces = 100_000;

    public async ValueTask<bool> EnabledAsync(string name, Project project, CancellationToken ct)
    {
        var epoch = _ancestry.Epoch;
        if (!_ancestry.TryGet(project.NamespaceId, out var ancestors))
        {
            ancestors = [.. await _namespaces.SelfAndAncestorIdsAsync(project.NamespaceId, ct)];
            _ancestry.Store(project.NamespaceId, ancestors, epoch);
        }
        return await _features.EnabledAsync(name, FeatureActor.For(project, ancestors), ct);
    }
}
