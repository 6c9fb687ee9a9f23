using GitLabLite.Git;
using GitLabLite.Golang;
using GitLabLite.Initializers;
using GitLabLite.Models.Projects;

namespace GitLabLite.Finders.Packages.Go;

/// <summary>
/// Packages::Go::ModuleFinder: a module path names this project's module when it is the project's import path
/// (module prefix + full path, case-sensitive as Go paths are) or a sub-directory or major version below it.
/// </summary>
public sealed class ModuleFinder(InstanceSettings settings, RepositoryStorage storage)
{
    /// <summary>The project's import path, e.g. gitlab.example.com/group/project.</summary>
    public string CodeRoot(Project project) => $"{settings.ModulePrefix}/{project.FullPath}";

    /// <summary>The module, or null when the path is not one of this project's modules or the repository is missing.</summary>
    public GoModule? FindOrNull(Project project, string modulePath)
    {
        var codeRoot = CodeRoot(project);
        if (modulePath != codeRoot && !modulePath.StartsWith(codeRoot + "/", StringComparison.Ordinal)) return null;
        var path = storage.PathFor(project.FullPath);
        var git = GitRepositoryReader.OpenOrNull(path);
        if (git is null) return null;
        var code = CodeRepo.Create(git, git.ReadRefs(), codeRoot, modulePath);
        if (code is null)
        {
            git.Dispose();
            return null;
        }
        return new GoModule(project, path, git, code);
    }
}
