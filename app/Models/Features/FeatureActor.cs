using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;

namespace GitLabLite.Models.Features;

/// <summary>
/// Who a flag is checked for: the Flipper id of the thing ("Project:42") and the Flipper ids of its ancestor groups,
/// so that enabling a flag for a group also covers the projects and subgroups below it.
/// </summary>
public sealed record FeatureActor(string FlipperId, IReadOnlyList<string> Ancestors)
{
    /// <summary>
    /// A project with its namespace chain (the ids NamespaceRepository.SelfAndAncestorIdsAsync returns for the
    /// project's namespace). A personal namespace's id can never match a Group gate, so passing it is harmless.
    /// </summary>
    public static FeatureActor For(Project project, IEnumerable<long> ancestorNamespaceIds) =>
        new(FlipperIdOf(project), ancestorNamespaceIds.Select(GroupId).ToList());

    public static string FlipperIdOf(User user) => $"User:{user.Id}";

    public static string FlipperIdOf(Project project) => $"Project:{project.Id}";

    /// <summary>GitLab's FeatureGate#flipper_id is "#{class.name}:#{id}", and a personal namespace's class is Namespaces::UserNamespace.</summary>
    public static string FlipperIdOf(Namespace ns) => ns.IsGroup ? GroupId(ns.Id) : $"Namespaces::UserNamespace:{ns.Id}";

    private static string GroupId(long id) => $"Group:{id}";

    /// <summary>The actor itself, then its ancestors.</summary>
    public IEnumerable<string> SelfAndAncestors => Ancestors.Prepend(FlipperId);
}
