using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabLite.Spec.Support;

/// <summary>
/// Groups, projects (with their bare repositories) and memberships straight through the repositories, for specs
/// that need projects without going through the projects API.
/// </summary>
public static class ProjectFactory
{
    public static async Task<Namespace> CreateGroupAsync(IServiceProvider services, User owner, string path, Namespace? parent = null, Visibility visibility = Visibility.Private) =>
        await services.GetRequiredService<NamespaceRepository>().CreateGroupAsync(path, path, parent, visibility, "", owner.Id, CancellationToken.None)
        ?? throw new InvalidOperationException($"group {path} exists");

    /// <summary>A project in <paramref name="ns"/> (a user's personal namespace when null) with an empty bare repository whose HEAD is main.</summary>
    public static async Task<Project> CreateProjectAsync(IServiceProvider services, User creator, string path, Namespace? ns = null, Visibility visibility = Visibility.Private)
    {
        ns ??= await services.GetRequiredService<NamespaceRepository>().FindPersonalOrNullAsync(creator.Id, CancellationToken.None)
            ?? throw new InvalidOperationException($"{creator.Username} has no personal namespace");
        var project = await services.GetRequiredService<ProjectRepository>()
            .CreateAsync(new NewProject(path, path, creator.Id, visibility, "", null), ns, CancellationToken.None)
            ?? throw new InvalidOperationException($"project {ns.FullPath}/{path} exists");
        var storage = services.GetRequiredService<RepositoryStorage>();
        // The repositories directory outlives the per-spec database reset: start from a fresh repository.
        storage.Delete(project.FullPath);
        storage.CreateBare(project.FullPath, "main");
        return project;
    }

    public static async Task AddMemberAsync(IServiceProvider services, Project project, User user, AccessLevel level) =>
        _ = await services.GetRequiredService<MemberRepository>().CreateAsync("Project", project.Id, user.Id, level, null, CancellationToken.None)
            ?? throw new InvalidOperationException("already a member");
}
