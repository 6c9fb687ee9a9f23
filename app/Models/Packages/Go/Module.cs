using GitLabLite.Git;
using GitLabLite.Golang;
using GitLabLite.Models.Projects;

namespace GitLabLite.Models.Packages.Go;

/// <summary>
/// Packages::Go::Module: one Go module of a project, read for the length of one request. Its rules are
/// <see cref="CodeRepo"/>'s (the go command's direct mode) over the indexed refs snapshot and cached objects; answers
/// are remembered on the snapshot (<see cref="Memo{T}"/>): they depend on nothing else, so a warm answer is a
/// dictionary lookup and a push (a new snapshot) makes them current at once.
/// </summary>
public sealed class Module(Project project, string repositoryPath, GitRefSnapshot refs, CachedGitObjects objects, CodeRepo code) : IDisposable
{
    public Project Project { get; } = project;

    public string RepositoryPath { get; } = repositoryPath;

    public CodeRepo Code { get; } = code;

    /// <summary>The module path, e.g. gitlab.example.com/group/project/sub/v2.</summary>
    public string Path => Code.ModulePath;

    /// <summary>An answer about this module, computed once per refs snapshot; <paramref name="key"/> names it within the module.</summary>
    public T Memo<T>(string key, Func<T> compute) => refs.Memo($"{key}\n{Code.ModulePath}", compute);

    /// <summary>codeRepo.GoMod: the go.mod of a canonical version (synthesised when the version has none).</summary>
    public GoResult<byte[]> GoMod(string version) => Memo($"mod\n{version}", () => Code.GoMod(version));

    /// <summary>Where a canonical version's zip comes from (commit and directory), as codeRepo.Zip selects it.</summary>
    public GoResult<ModuleSource> Source(string version) => Memo($"zip\n{version}", () => Code.Source(version));

    public void Dispose() => objects.Dispose();
}
