using GitLabLite.Finders.Projects;
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
        return services;
    }
}
