using GitLabLite.Finders.Projects;
using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Presenters.Projects;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Projects;

namespace GitLabLite.Initializers;

public static class ProjectsInitializer
{
    public static IServiceCollection AddProjects(this IServiceCollection services)
    {
        services.AddSingleton<NamespaceRepository>();
        services.AddSingleton<ProjectRepository>();
        services.AddSingleton<MemberRepository>();
        services.AddSingleton<ProjectUrls>();
        services.AddSingleton<ProjectFinder>();
        services.AddSingleton<GroupFinder>();
        services.AddSingleton<ProjectsFinder>();
        services.AddSingleton<GroupsFinder>();
        services.AddSingleton<MembersFinder>();
        services.AddSingleton(sp => new RepositoryStorage(sp.GetRequiredService<InstanceSettings>().RepositoriesPath));
        services.AddSingleton<RepositoryImporter>();
        services.AddSingleton<ProjectPresenter>();
        services.AddSingleton<GroupPresenter>();
        services.AddSingleton<MemberPresenter>();
        services.AddSingleton<CreateGroupService>();
        services.AddSingleton<CreateProjectService>();
        services.AddSingleton<UpdateProjectService>();
        services.AddSingleton<DestroyProjectService>();
        services.AddSingleton<AddMemberService>();
        services.AddSingleton<RemoveMemberService>();
        return services;
    }
}
