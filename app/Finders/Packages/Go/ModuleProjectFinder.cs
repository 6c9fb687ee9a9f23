using GitLabLite.Finders.Projects;
using GitLabLite.Golang;
using GitLabLite.Models.Features;
using GitLabLite.Models.Projects;
using GitLabLite.Services.Features;
using GitLabLite.Services.Users;

namespace GitLabLite.Finders.Packages.Go;

/// <summary>
/// Which project serves a module path on the instance and group endpoints: of the projects whose full path is a
/// prefix of the module path below the module prefix (<see cref="ProjectUrls.FullPathCandidates"/>), the one with
/// the longest full path that holds the path as a module (<see cref="CodeRepo.Locate"/>), whose code the caller may
/// read and whose go_proxy gate is open. One indexed query over the path's prefixes, whatever the depth and however
/// many projects the instance has, answered from memory while the change bus is current (<see cref="ProjectFinder"/>);
/// projects the caller cannot read are passed over exactly as missing ones. Any path under the module prefix is this
/// instance's (even one too short to be a project), except, on a group endpoint, paths outside the group.
/// </summary>
public sealed class ModuleProjectFinder(ProjectFinder projects, ProjectUrls urls, ProjectFeatureGate features)
{
    /// <param name="within">A group endpoint's group: only projects in it or its subgroups count.</param>
    public async Task<ModuleProjectResult> FindAsync(string modulePath, AuthenticationResult caller, Namespace? within, CancellationToken ct)
    {
        if (!urls.IsUnderModulePrefix(modulePath)) return ModuleProjectResult.NoCandidates;
        var candidates = urls.FullPathCandidates(modulePath);
        if (within is not null)
        {
            candidates = candidates.Where(c => c.StartsWith(within.FullPath + "/", StringComparison.OrdinalIgnoreCase)).ToList();
            if (candidates.Count == 0) return ModuleProjectResult.NoCandidates;
        }
        if (candidates.Count == 0) return ModuleProjectResult.NotFound;
        var found = await projects.ListByFullPathsAsync(candidates, caller, ct);
        foreach (var permissions in found.OrderByDescending(f => f.Project.FullPath.Length))
        {
            if (!permissions.CanReadCode || CodeRepo.Locate(urls.ModulePath(permissions.Project), modulePath) is null) continue;
            if (await features.EnabledAsync(FeatureNames.GoProxy, permissions.Project, ct)) return new ModuleProjectResult(permissions, true);
        }
        return ModuleProjectResult.NotFound;
    }
}
