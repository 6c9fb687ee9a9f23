using GitLabLite.Models.Projects;
using GitLabLite.Repositories.Projects;

namespace GitLabLite.Finders.Projects;

/// <summary>
/// GroupsFinder: the groups the caller may see (public, internal when signed in, private to members; all for an
/// admin), by name or path search, optionally only the subgroups or descendants of one group.
/// </summary>
public sealed class GroupsFinder(NamespaceRepository namespaces)
{
    public async Task<(IReadOnlyList<Namespace> Items, long Total)> ListAsync(GroupListFilter filter, int offset, int limit, CancellationToken ct)
    {
        filter = filter with { Search = string.IsNullOrEmpty(filter.Search) ? null : filter.Search };
        return (await namespaces.ListVisibleGroupsAsync(filter, offset, limit, ct), await namespaces.CountVisibleGroupsAsync(filter, ct));
    }
}
