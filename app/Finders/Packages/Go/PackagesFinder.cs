using GitLabLite.Git;
using GitLabLite.Golang;
using GitLabLite.Initializers;
using GitLabLite.Models.Packages.Go;
using GitLabLite.Models.Projects;

namespace GitLabLite.Finders.Packages.Go;

/// <summary>
/// Packages::Go::PackagesFinder: every (module, version) a project serves. Candidate modules are the project's root
/// module, every directory with a go.mod on the default branch (under the path its go.mod declares), every
/// sub-directory tag prefix (dir/vX.Y.Z) and, for each of those, the major-version paths its tags reach (/v2 ...).
/// Each candidate's versions come from <see cref="CodeRepo"/>, so only versions the proxy really serves are listed.
/// </summary>
public sealed class PackagesFinder(InstanceSettings settings, RepositoryStorage storage)
{
    // A default branch with more entries than this is not searched further for nested go.mod files.
    private const int MaxTreeEntries = 100_000;

    /// <summary>Oldest first (GitLab's default created_at asc), then module path and version; empty for a missing repository.</summary>
    public IReadOnlyList<GoPackage> List(Project project)
    {
        using var git = GitRepositoryReader.OpenOrNull(storage.PathFor(project.FullPath));
        if (git is null) return [];
        var refs = git.ReadRefs();
        var codeRoot = $"{settings.ModulePrefix}/{project.FullPath}";
        var packages = new List<GoPackage>();
        foreach (var modulePath in CandidateModules(git, refs, codeRoot))
        {
            if (CodeRepo.Create(git, refs, codeRoot, modulePath) is not { } code) continue;
            foreach (var version in code.Versions())
            {
                // Stat validates the version as the proxy's .info does; Source gives the commit and directory.
                if (code.Stat(version) is not { Error: null, Value: { } info } || info.Version != version) continue;
                if (code.Source(version) is not { Error: null, Value: { } source }) continue;
                packages.Add(new GoPackage(project.Id, source, info.Time));
            }
        }
        return packages
            .OrderBy(p => p.CommittedAt)
            .ThenBy(p => p.ModulePath, StringComparer.Ordinal)
            .ThenBy(p => p.Version, Semver.Comparer)
            .ToList();
    }

    public GoPackage? FindOrNull(Project project, long id) => List(project).FirstOrDefault(p => p.Id == id);

    private static SortedSet<string> CandidateModules(GitRepositoryReader git, GitRefSnapshot refs, string codeRoot)
    {
        var prefixes = new SortedSet<string>(StringComparer.Ordinal) { codeRoot };
        if (refs.HeadCommitId is { } head)
            foreach (var entry in git.EnumerateTree(head).Take(MaxTreeEntries))
            {
                if (entry.Kind is not (GitTreeEntryKind.Regular or GitTreeEntryKind.Executable) || !IsNestedGoMod(entry.Path)) continue;
                var dir = entry.Path[..^"/go.mod".Length];
                var declared = git.ReadBlob(head, entry.Path) is { } data ? GoModFile.ModulePathOf(data) : null;
                prefixes.Add(declared is not null && declared.StartsWith(codeRoot + "/", StringComparison.Ordinal) ? declared : $"{codeRoot}/{dir}");
            }
        var majors = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var tag in refs.Tags)
        {
            var slash = tag.Name.LastIndexOf('/');
            var prefix = slash < 0 ? codeRoot : $"{codeRoot}/{tag.Name[..slash]}";
            var version = tag.Name[(slash + 1)..];
            if (!Semver.IsValid(version)) continue;
            prefixes.Add(prefix);
            var major = Semver.Major(version);
            if (Semver.Compare(major, "v1") > 0) majors.Add($"{prefix}/{major}");
        }
        prefixes.UnionWith(majors);
        return prefixes;
    }

    // Vendored copies are never modules of this repository (go.dev/ref/mod#vendoring).
    private static bool IsNestedGoMod(string path) =>
        path.EndsWith("/go.mod", StringComparison.Ordinal) && !path.StartsWith("vendor/", StringComparison.Ordinal)
        && !path.Contains("/vendor/", StringComparison.Ordinal);
}
