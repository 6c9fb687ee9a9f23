using GitLabLite.Models.Projects;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Users;

namespace GitLabLite.Finders.Projects;

/// <summary>Finds a project by numeric id or full path (as GitLab's :id) together with the caller's permissions.</summary>
public sealed class ProjectFinder(ProjectRepository projects, MemberRepository members)
{
    public async Task<ProjectPermissions?> FindOrNullAsync(string idOrPath, AuthenticationResult auth, CancellationToken ct)
    {
        var project = await FindProjectOrNullAsync(idOrPath, ct);
        if (project is null) return null;
        return await PermissionsAsync(project, auth, ct);
    }

    public async Task<ProjectPermissions> PermissionsAsync(Project project, AuthenticationResult auth, CancellationToken ct)
    {
        var access = auth.User is { } user ? await members.ProjectAccessAsync(project.Id, user.Id, ct) : AccessLevel.NoAccess;
        return new ProjectPermissions(project, access, auth.SignedIn, auth.IsAdmin);
    }

    private Task<Project?> FindProjectOrNullAsync(string idOrPath, CancellationToken ct)
    {
        if (idOrPath.Length is 0 or > 1024) return Task.FromResult<Project?>(null);
        if (idOrPath.All(char.IsAsciiDigit))
            return long.TryParse(idOrPath, out var id) ? projects.FindOrNullAsync(id, ct) : Task.FromResult<Project?>(null);
        return projects.FindByFullPathOrNullAsync(idOrPath, ct);
    }
}
