using GitLabLite.Finders.Projects;
using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Presenters.Projects;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Outbound;
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
        services.AddOptions<ImportOptions>().BindConfiguration(ImportOptions.Section)
            .Validate(o => o.ProbeTimeoutSeconds > 0 && o.TimeoutMinutes > 0 && o.StallSeconds > 0 && o.MaxRepositoryBytes > 0 && o.MaxConcurrent > 0 && o.MaxQueued > 0,
                "GitLab:Import limits must all be positive").ValidateOnStart();
        services.AddOptions<OutboundOptions>().BindConfiguration(OutboundOptions.Section)
            .Validate(o => TryParseAllowList(o), "GitLab:Outbound:AllowList entries must be host names, IP addresses or CIDR ranges").ValidateOnStart();
        services.AddSingleton<IHostResolver, DnsHostResolver>();
        services.AddSingleton<UrlBlocker>();
        services.AddSingleton<ValidateRemoteGitEndpointService>();
        services.AddSingleton<ProjectImportStateRepository>();
        services.AddSingleton<ProjectImportQueue>();
        services.AddHostedService<RepositoryImportWorker>();
        services.AddSingleton<ProjectPresenter>();
        services.AddSingleton<GroupPresenter>();
        services.AddSingleton<MemberPresenter>();
        services.AddSingleton<CreateGroupService>();
        services.AddSingleton<CreateProjectService>();
        services.AddSingleton<UpdateProjectService>();
        services.AddSingleton<DestroyProjectService>();
        services.AddSingleton<AddMemberService>();
        services.AddSingleton<UpdateMemberService>();
        services.AddSingleton<RemoveMemberService>();
        services.AddSingleton<UpdateGroupService>();
        services.AddSingleton<DestroyGroupService>();
        return services;
    }

    private static bool TryParseAllowList(OutboundOptions options)
    {
        try
        {
            OutboundAllowList.Parse(options.AllowList);
            return true;
        }
        catch (FormatException)
        {
            return false;
        }
    }
}
