using GitLabLite.Git;
using GitLabLite.Golang;
using GitLabLite.Models.Packages.Go;
using GitLabLite.Models.Projects;

namespace GitLabLite.Finders.Packages.Go;

/// <summary>
/// Packages::Go::PackagesFinder: every (module, version) a project serves. Candidate modules are the project's root
/// module, every directory with a go.mod on the default branch (under the path its go.mod declares), every
/// sub-directory tag prefix (dir/vX.Y.Z) and, for each of those, the major-version paths its tags reach (/v2 ...).
/// Each candidate is looked up and listed by the proxy's own <see cref="ModuleFinder"/> and <see cref="VersionFinder"/>,
/// so the registry shows exactly the versions the proxy serves (a registry that composes the proxy's finders rather
/// than a second definition of a version).
/// </summary>
public sealed class PackagesFinder(ModuleFinder modules, VersionFinder versions, ProjectUrls urls, RepositoryStorage storage)
{
    // A default branch with more entries than this is not searched further for nested go.mod files.
    private const int MaxTreeEntries = 100_000;

    /// <summary>Oldest first (GitLab's default created_at asc), then module path and version; empty for a missing repository.</summary>
    public IReadOnlyList<GoPackage> List(Project project)
    {
        SortedSet<string> candidates;
        using (var git = GitRepositoryReader.OpenOrNull(storage.PathFor(project.FullPath)))
        {
            if (git is null) return [];
            candidates = CandidateModules(git, git.ReadRefs(), urls.ModulePath(project));
        }
        var packages = new List<GoPackage>();
        foreach (var modulePath in candidates)
        {
            using var module = modules.FindOrNull(project, modulePath);
            if (module is null) continue;
            foreach (var version in versions.Execute(module))
                if (module.Source(version.Name) is { Error: null, Value: { } source })
                    packages.Add(new GoPackage(project.Id, source, version.Time));
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
