using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Repositories.Projects;

namespace GitLabLite.Services.Projects;

/// <summary>Deletes a project's rows, then its repository (GitLab's Projects::DestroyService, done inline).</summary>
public sealed class DestroyProjectService(ProjectRepository projects, RepositoryStorage storage)
{
    public async Task<ServiceResponse<bool>> ExecuteAsync(ProjectPermissions permissions, CancellationToken ct)
    {
        if (!permissions.IsOwner) return ServiceResponse<bool>.Error("403 Forbidden", ServiceErrorReason.Forbidden);
        var project = permissions.Project;
        await projects.DeleteAsync(project.Id, ct);
        storage.Delete(project.FullPath);
        return ServiceResponse<bool>.Ok(true);
    }
}
