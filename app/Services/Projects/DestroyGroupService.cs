using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Repositories.Projects;

namespace GitLabLite.Services.Projects;

/// <summary>
/// Deletes a group with its subgroups and projects, then their repositories (GitLab's Groups::DestroyService, done
/// inline rather than by a worker). Only Owners and admins may (GitLab's remove_group).
/// </summary>
public sealed class DestroyGroupService(NamespaceRepository namespaces, RepositoryStorage storage)
{
    public async Task<ServiceResponse<bool>> ExecuteAsync(GroupPermissions permissions, CancellationToken ct)
    {
        if (!permissions.IsOwner) return ServiceResponse<bool>.Error("403 Forbidden", ServiceErrorReason.Forbidden);
        foreach (var fullPath in await namespaces.DeleteGroupAsync(permissions.Group.Id, ct)) storage.Delete(fullPath);
        return ServiceResponse<bool>.Ok(true);
    }
}
