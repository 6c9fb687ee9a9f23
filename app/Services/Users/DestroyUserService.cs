using GitLabLite.Git;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Projects;
using GitLabLite.Repositories.Users;

namespace GitLabLite.Services.Users;

/// <summary>
/// An admin deletes a user (GitLab's DELETE /users/:id and Users::DestroyService, done inline rather than by a
/// worker): the personal namespace with its projects and repositories, every membership, token and session go with
/// the user, so the user's credentials stop working at once for the API, git and the Go proxy. The sole owner of a
/// group is refused (409) unless hard_delete, which deletes those groups with everything in them too.
/// </summary>
public sealed class DestroyUserService(UserRepository users, NamespaceRepository namespaces, RepositoryStorage storage)
{
    public const string SoleOwnerMessage = "User cannot be removed while is the sole-owner of a group";

    public async Task<ServiceResponse<bool>> ExecuteAsync(User user, bool hardDelete, CancellationToken ct)
    {
        var soloOwned = await namespaces.SoloOwnedGroupIdsAsync(user.Id, ct);
        if (soloOwned.Count > 0 && !hardDelete) return ServiceResponse<bool>.Error(SoleOwnerMessage, ServiceErrorReason.Conflict);
        var projects = await users.DeleteWithNamespacesAsync(user.Id, soloOwned, ct);
        foreach (var fullPath in projects) storage.Delete(fullPath);
        return ServiceResponse<bool>.Ok(true);
    }
}
