using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabLite.Spec.Support;

/// <summary>Creates groups and projects (with their bare repositories) straight through the repositories.</summary>
public static class ProjectFixtures
{
    public static async Task<Namespace> CreateGroupAsync(IServiceProvider services, User owner, string path, Namespace? parent = null, Visibility visibility = Visibility.Public) =>
        await services.GetRequiredService<NamespaceRepository>().CreateGroupAsync(path, path, parent, visibility, "", owner.Id, CancellationToken.None)
        ?? throw new InvalidOperationException($"group {path} exists");

    public static async Task<Project> CreateProjectAsync(IServiceProvider services, Namespace ns, string path, Visibility visibility, User? creator = null)
    {
        var project = await services.GetRequiredService<ProjectRepository>().CreateAsync(
            new NewProject(path, path, creator?.Id, visibility, "", "main"), ns, CancellationToken.None)
            ?? throw new InvalidOperationException($"project {path} exists");
        services.GetRequiredService<RepositoryStorage>().CreateBare(project.FullPath, "main");
        return project;
    }

    public static string RepositoryPath(IServiceProvider services, Project project) =>
        services.GetRequiredService<RepositoryStorage>().PathFor(project.FullPath);

    public static Task<Member?> AddMemberAsync(IServiceProvider services, Project project, User user, AccessLevel level) =>
        services.GetRequiredService<MemberRepository>().CreateAsync("Project", project.Id, user.Id, level, null, CancellationToken.None);
}
