using GitLabLite.Git;
using GitLabLite.Golang;
using GitLabLite.Models.Packages.Go;
using GitLabLite.Models.Projects;
using GitLabLite.Services.Packages.Go;

namespace GitLabLite.Finders.Packages.Go;

/// <summary>
/// Packages::Go::ModuleFinder: a module path names one of a project's modules when it is the project's import path
/// (module prefix + full path, case-sensitive as Go paths are) or a sub-directory or major version below it
/// (<see cref="CodeRepo.Locate"/>). Paths that are not modules of the project are refused before the repository is
/// looked at.
/// </summary>
public sealed class ModuleFinder(ProjectUrls urls, RepositoryStorage storage, RepositoryIndex index)
{
    /// <summary>The module, or null when the path is not one of this project's modules or the repository is missing.</summary>
    public Module? FindOrNull(Project project, string modulePath)
    {
        if (CodeRepo.Locate(urls.ModulePath(project), modulePath) is not { } location) return null;
        var path = storage.PathFor(project.FullPath);
        if (index.Find(project.Id, path) is not var (refs, facts)) return null;
        var objects = new CachedGitObjects(path, facts);
        return new Module(project, path, refs, objects, CodeRepo.Create(objects, refs, location));
    }

    /// <summary>The module at the repository root (the project's own import path).</summary>
    public Module? FindRootOrNull(Project project) => FindOrNull(project, urls.ModulePath(project));
}
