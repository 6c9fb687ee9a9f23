using GitLabLite.Models.Projects;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Users;

namespace GitLabLite.Finders.Projects;

/// <summary>Finds a group by numeric id or full path (GitLab's :id) together with the caller's permissions.</summary>
public sealed class GroupFinder(NamespaceRepository namespaces, MemberRepository members)
{
    public async Task<GroupPermissions?> FindOrNullAsync(string idOrPath, AuthenticationResult auth, CancellationToken ct)
    {
        Namespace? found = null;
        if (idOrPath.Length is > 0 and <= 1024)
            found = idOrPath.All(char.IsAsciiDigit)
                ? long.TryParse(idOrPath, out var id) ? await namespaces.FindOrNullAsync(id, ct) : null
                : await namespaces.FindByFullPathOrNullAsync(idOrPath, ct);
        return found is { IsGroup: true } group ? await PermissionsAsync(group, auth, ct) : null;
    }

    public async Task<GroupPermissions> PermissionsAsync(Namespace group, AuthenticationResult auth, CancellationToken ct)
    {
        var access = auth.User is { } user ? await members.GroupAccessAsync(group.Id, user.Id, ct) : AccessLevel.NoAccess;
        return auth.PermissionsOn(group, access);
    }
}
