using GitLabLite.Models.Projects;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Users;

namespace GitLabLite.Finders.Projects;

/// <summary>GroupsFinder: the groups the caller may see (public, internal when signed in, private to members; all for an admin), by name or path search.</summary>
public sealed class GroupsFinder(NamespaceRepository namespaces)
{
    public async Task<(IReadOnlyList<Namespace> Items, long Total)> ListAsync(
        AuthenticationResult caller, string? search, int offset, int limit, CancellationToken ct)
    {
        search = string.IsNullOrEmpty(search) ? null : search;
        var userId = caller.User?.Id;
        return (await namespaces.ListVisibleGroupsAsync(userId, caller.IsAdmin, search, offset, limit, ct),
            await namespaces.CountVisibleGroupsAsync(userId, caller.IsAdmin, search, ct));
    }
}
