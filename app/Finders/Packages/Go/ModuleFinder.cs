using GitLabLite.Git;
using GitLabLite.Golang;
using GitLabLite.Initializers;
using GitLabLite.Models.Projects;
using GitLabLite.Services.Packages.Go;

namespace GitLabLite.Finders.Packages.Go;

/// <summary>
/// Packages::Go::ModuleFinder: a module path names this project's module when it is the project's import path
/// (module prefix + full path, case-sensitive as Go paths are) or a sub-directory or major version below it.
/// Paths that are not modules of the project are refused before the repository is looked at.
/// </summary>
public sealed class ModuleFinder(InstanceSettings settings, RepositoryStorage storage, RepositoryIndex index)
{
    /// <summary>The project's import path, e.g. gitlab.example.com/group/project.</summary>
    public string CodeRoot(Project project) => $"{settings.ModulePrefix}/{project.FullPath}";

    /// <summary>The module, or null when the path is not one of this project's modules or the repository is missing.</summary>
    public GoModule? FindOrNull(Project project, string modulePath)
    {
        var codeRoot = CodeRoot(project);
        if (modulePath != codeRoot && !modulePath.StartsWith(codeRoot + "/", StringComparison.Ordinal)) return null;
        var path = storage.PathFor(project.FullPath);
        if (index.Find(project.Id, path) is not var (refs, facts)) return null;
        var objects = new CachedGitObjects(path, facts);
        var code = CodeRepo.Create(objects, refs, codeRoot, modulePath);
        if (code is null) return null;
        return new GoModule(project, path, refs, objects, code);
    }
}
