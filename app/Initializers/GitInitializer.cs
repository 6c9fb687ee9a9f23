using GitLabLite.Finders.Projects;
using GitLabLite.Services.Projects;

namespace GitLabLite.Initializers;

/// <summary>Git over HTTP and the repository read side (tags, branches).</summary>
public static class GitInitializer
{
    public static IServiceCollection AddGit(this IServiceCollection services)
    {
        services.AddSingleton<RepositoryChangeNotifier>();
        services.AddSingleton<PostReceiveService>();
        services.AddSingleton<RepositoryRefsFinder>();
        return services;
    }
}
