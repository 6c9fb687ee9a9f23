using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Params;
using GitLabLite.Repositories.Projects;

namespace GitLabLite.Services.Projects;

/// <summary>
/// Changes a project's settings (GitLab's Projects::UpdateService). Maintainers change what admin_project covers;
/// a different visibility or path needs an Owner (GitLab's API: authorize! :change_visibility_level, and the path
/// rule of <see cref="ProjectPermissions.IsOwner"/>); a value sent unchanged needs nothing more, so a client that
/// echoes the whole project back still works for a Maintainer. A new path moves the route in the database first
/// (which is where uniqueness is decided), then the repository on disk; if the move fails the route goes back.
/// </summary>
public sealed class UpdateProjectService(ProjectRepository projects, NamespaceRepository namespaces, RepositoryStorage storage)
{
    public async Task<ServiceResponse<Project>> ExecuteAsync(ProjectPermissions permissions, UpdateProjectParams p, CancellationToken ct)
    {
        if (!permissions.CanAdmin) return Error("403 Forbidden", ServiceErrorReason.Forbidden);
        var before = permissions.Project;
        var after = before with
        {
            Name = p.Name ?? before.Name,
            Path = p.Path ?? before.Path,
            Description = p.Description ?? before.Description,
            VisibilityLevel = (int)(VisibilityNames.Parse(p.Visibility) ?? before.Visibility),
            DefaultBranch = p.DefaultBranch ?? before.DefaultBranch,
        };
        if (!permissions.IsOwner && (after.Visibility != before.Visibility || after.Path != before.Path))
            return Error("403 Forbidden", ServiceErrorReason.Forbidden);
        if (after.Visibility > before.Visibility && await namespaces.FindOrNullAsync(before.NamespaceId, ct) is { IsGroup: true } group
            && after.Visibility > group.Visibility)
            return Error($"visibility {after.Visibility.ToName()} is not allowed in a {group.Visibility.ToName()} group", ServiceErrorReason.BadRequest);

        var repoPath = storage.PathFor(before.FullPath);
        var branchChanged = after.DefaultBranch != before.DefaultBranch && after.DefaultBranch is not null;
        if (branchChanged && !BareRepository.IsEmpty(repoPath) && !BareRepository.BranchExists(repoPath, after.DefaultBranch!))
            return Error($"default_branch {after.DefaultBranch} does not exist", ServiceErrorReason.BadRequest);
        var moved = !string.Equals(after.FullPath, before.FullPath, StringComparison.Ordinal);
        if (moved && !string.Equals(after.FullPath, before.FullPath, StringComparison.OrdinalIgnoreCase) && storage.Exists(after.FullPath))
            return Error("There is already a repository with that name on disk", ServiceErrorReason.BadRequest);

        var updated = await projects.UpdateAsync(after, ct);
        if (updated is null) return Error("Failed to save project: path has already been taken", ServiceErrorReason.BadRequest);
        if (moved)
        {
            try
            {
                storage.Move(before.FullPath, after.FullPath);
            }
            catch
            {
                await projects.UpdateAsync(before, CancellationToken.None);
                throw;
            }
        }
        if (branchChanged && Directory.Exists(storage.PathFor(updated.FullPath)))
            BareRepository.SetHead(storage.PathFor(updated.FullPath), updated.DefaultBranch!);
        return ServiceResponse<Project>.Ok(updated);
    }

    private static ServiceResponse<Project> Error(string message, ServiceErrorReason reason) => ServiceResponse<Project>.Error(message, reason);
}
