using System.Collections.Concurrent;
using GitLabLite.Models.Features;
using GitLabLite.Models.Projects;
using GitLabLite.Repositories.Projects;

namespace GitLabLite.Services.Features;

/// <summary>
/// Feature.enabled?(name, project): a flag is on for a project when it is on for the project itself, any group above
/// it, or everyone. The flags are in memory (<see cref="FeatureFlags"/>); the namespace ancestry is cached briefly.
/// </summary>
public sealed class ProjectFeatureGate(FeatureFlags features, NamespaceRepository namespaces, TimeProvider clock)
{
    /// <summary>
    /// How long a namespace's ancestry is trusted. It changes only when a group is transferred (which also changes
    /// the project's full path, part of the key); a query per proxy request is what this saves.
    /// </summary>
    public static readonly TimeSpan AncestryTtl = TimeSpan.FromSeconds(30);

    private readonly ConcurrentDictionary<(long, string), (IReadOnlyList<long> Ids, DateTimeOffset Until)> _ancestry = new();

    public async ValueTask<bool> EnabledAsync(string name, Project project, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // The full path is part of the key: a transfer changes it, so moved projects never use the old ancestry.
        var key = (project.NamespaceId, project.FullPath);
        if (!_ancestry.TryGetValue(key, out var known) || known.Until <= now)
            _ancestry[key] = known = ([.. await namespaces.SelfAndAncestorIdsAsync(project.NamespaceId, ct)], now + AncestryTtl);
        return await features.EnabledAsync(name, FeatureActor.For(project, known.Ids), ct);
    }
}
