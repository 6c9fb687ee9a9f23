using System.Text;
using GitLabLite.Git;
using GitLabLite.Golang;
using GitLabLite.Models.Projects;

namespace GitLabLite.Finders.Packages.Go;

/// <summary>
/// A module of a project for the length of one request. Answers come from <see cref="CodeRepo"/> over the indexed
/// refs snapshot and cached objects, and are remembered on the snapshot: they depend on nothing else, so a warm
/// list, @latest, .info or .mod is a dictionary lookup and a push (a new snapshot) makes them current at once.
/// </summary>
public sealed class GoModule(Project project, string repositoryPath, GitRefSnapshot refs, CachedGitObjects objects, CodeRepo code) : IDisposable
{
    public Project Project { get; } = project;

    public string RepositoryPath { get; } = repositoryPath;

    public CodeRepo Code { get; } = code;

    /// <summary>The refs this request answers from (one consistent view, and the key its answers are remembered under).</summary>
    public GitRefSnapshot Refs { get; } = refs;

    public IReadOnlyList<string> Versions() => Refs.Memo($"list\n{Code.ModulePath}", Code.Versions);

    /// <summary>The list answer as sent, one version a line: rebuilding 10,000 lines per request cost ~2 ms.</summary>
    public byte[] ListBody() => Refs.Memo($"list-body\n{Code.ModulePath}", () => Encoding.UTF8.GetBytes(string.Concat(Versions().Select(v => v + "\n"))));

    public GoResult<RevInfo> Latest() => Refs.Memo($"latest\n{Code.ModulePath}", Code.Latest);

    public GoResult<RevInfo> Stat(string version) => Refs.Memo($"info\n{Code.ModulePath}\n{version}", () => Code.Stat(version));

    public GoResult<byte[]> GoMod(string version) => Refs.Memo($"mod\n{Code.ModulePath}\n{version}", () => Code.GoMod(version));

    public GoResult<ModuleSource> Source(string version) => Refs.Memo($"zip\n{Code.ModulePath}\n{version}", () => Code.Source(version));

    /// <summary>The go.mod of a version from where it was found once, whatever the refs say now (the version ledger's .mod).</summary>
    public GoResult<byte[]> GoModAt(ModuleSource source) =>
        Refs.Memo($"mod-at\n{Code.ModulePath}\n{source.Version}\n{source.Commit}\n{source.Subdir}", () => Code.GoModAt(source.Commit, source.Subdir));

    public void Dispose() => objects.Dispose();
}
