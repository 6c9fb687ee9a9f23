using GitLabLite.Finders.Projects;
using GitLabLite.Git;
using GitLabLite.Repositories.Projects;

namespace GitLabLite.Initializers;

public static class ProjectsInitializer
{
    public static IServiceCollection AddProjects(this IServiceCollection services)
    {
        services.AddSingleton<NamespaceRepository>();
        services.AddSingleton<ProjectRepository>();
        services.AddSingleton<MemberRepository>();
        services.AddSingleton<ProjectFinder>();
        services.AddSingleton(sp => new RepositoryStorage(sp.GetRequiredService<InstanceSettings>().RepositoriesPath));
        return services;
    }
}
