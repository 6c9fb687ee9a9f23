using GitLabLite.Models.Features;
using GitLabLite.Repositories.Projects;
using GitLabLite.Repositories.Users;

namespace GitLabLite.Finders.Features;

/// <summary>
/// What an actor gate's Flipper id ("Project:12", "Group:3", "User:1") names today: a full path or a username, so the
/// admin page can show and remove gates by the names the admin typed. Ids of deleted things map to nothing.
/// </summary>
public sealed class FeatureActorNamesFinder(ProjectRepository projects, NamespaceRepository namespaces, UserRepository users)
{
    public async Task<IReadOnlyDictionary<string, FeatureActorName>> NamesAsync(IEnumerable<string> flipperIds, CancellationToken ct)
    {
        var names = new Dictionary<string, FeatureActorName>(StringComparer.Ordinal);
        foreach (var flipperId in flipperIds.Distinct())
        {
            var colon = flipperId.LastIndexOf(':');
            if (colon < 0 || !long.TryParse(flipperId[(colon + 1)..], out var id)) continue;
            FeatureActorName? name = flipperId[..colon] switch
            {
                "Project" => await projects.FindOrNullAsync(id, ct) is { } p ? new FeatureActorName("project", p.FullPath) : null,
                "Group" => await namespaces.FindOrNullAsync(id, ct) is { } g ? new FeatureActorName("group", g.FullPath) : null,
                "Namespaces::UserNamespace" => await namespaces.FindOrNullAsync(id, ct) is { } n ? new FeatureActorName("namespace", n.FullPath) : null,
                "User" => await users.FindOrNullAsync(id, ct) is { } u ? new FeatureActorName("user", u.Username) : null,
                _ => null,
            };
            if (name is not null) names[flipperId] = name;
        }
        return names;
    }
}
