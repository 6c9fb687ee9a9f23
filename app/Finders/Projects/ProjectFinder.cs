using GitLabLite.Models.Projects;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Users;

namespace GitLabLite.Finders.Projects;

/// <summary>Finds a project by numeric id or full path (as GitLab's :id) together with the caller's permissions.</summary>
public sealed class ProjectFinder(ProjectRepository projects, MemberRepository members)
{
    public async Task<ProjectPermissions?> FindOrNullAsync(string idOrPath, AuthenticationResult auth, CancellationToken ct)
    {
        var found = await FindWithAccessOrNullAsync(idOrPath, auth.User?.Id, ct);
        return found is var (project, access) ? auth.PermissionsOn(project, access) : null;
    }

    public async Task<ProjectPermissions> PermissionsAsync(Project project, AuthenticationResult auth, CancellationToken ct)
    {
        var access = auth.User is { } user ? await members.ProjectAccessAsync(project.Id, user.Id, ct) : AccessLevel.NoAccess;
        return auth.PermissionsOn(project, access);
    }

    private Task<(Project Project, AccessLevel Access)?> FindWithAccessOrNullAsync(string idOrPath, long? userId, CancellationToken ct)
    {
        if (idOrPath.Length is 0 or > 1024) return Task.FromResult<(Project, AccessLevel)?>(null);
        if (idOrPath.All(char.IsAsciiDigit))
            return long.TryParse(idOrPath, out var id) ? projects.FindWithAccessOrNullAsync(id, userId, ct) : Task.FromResult<(Project, AccessLevel)?>(null);
        return projects.FindByFullPathWithAccessOrNullAsync(idOrPath, userId, ct);
    }
}
