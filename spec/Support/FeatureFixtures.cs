using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabLite.Spec.Support;

/// <summary>Groups and projects for the feature flag specs, built straight through the repositories.</summary>
public static class FeatureFixtures
{
    /// <summary>Creates each group of <paramref name="fullPath"/> ("a/b/c") under the previous one; returns the last.</summary>
    public static async Task<Namespace> CreateGroupsAsync(IServiceProvider services, string fullPath, User owner)
    {
        var repository = services.GetRequiredService<NamespaceRepository>();
        Namespace? parent = null;
        foreach (var path in fullPath.Split('/'))
            parent = await repository.CreateGroupAsync(path, path, parent, Visibility.Private, "", owner.Id, CancellationToken.None)
                ?? throw new InvalidOperationException($"group {path} exists");
        return parent!;
    }

    public static async Task<Project> CreateProjectAsync(IServiceProvider services, Namespace ns, string path) =>
        await services.GetRequiredService<ProjectRepository>().CreateAsync(
            new NewProject(path, path, null, Visibility.Private, "", null), ns, CancellationToken.None)
        ?? throw new InvalidOperationException($"project {path} exists");
}
