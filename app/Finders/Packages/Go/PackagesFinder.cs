using GitLabLite.Git;
using GitLabLite.Golang;
using GitLabLite.Models.Packages.Go;
using GitLabLite.Models.Projects;
using GitLabLite.Repositories.Packages.Go;
using GitLabLite.Services.Packages.Go;

namespace GitLabLite.Finders.Packages.Go;

/// <summary>
/// Packages::Go::PackagesFinder: every (module, version) a project serves. Candidate modules are the project's root
/// module, every directory with a go.mod on the default branch (under the path its go.mod declares), every
/// sub-directory tag prefix (dir/vX.Y.Z) and, for each of those, the major-version paths its tags reach (/v2 ...).
/// Each candidate is looked up and listed by the proxy's own <see cref="ModuleFinder"/> and <see cref="VersionFinder"/>,
/// so the registry shows exactly the versions the proxy serves (a registry that composes the proxy's finders rather
/// than a second definition of a version). Versions the proxy has served are described by the version ledger, and
/// those no longer in the refs (a deleted tag) are still listed: the proxy still serves them.
/// </summary>
public sealed class PackagesFinder(ModuleFinder modules, VersionFinder versions, ProjectUrls urls, RepositoryStorage storage, RepositoryIndex index, LedgerRepository ledger)
{
    // A default branch with more entries than this is not searched further for nested go.mod files.
    private const int MaxTreeEntries = 100_000;

    /// <summary>Oldest first (GitLab's default created_at asc), then module path and version; empty for a missing repository.</summary>
    public async Task<IReadOnlyList<GoPackage>> ListAsync(Project project, CancellationToken ct)
    {
        var served = (await ledger.ListAsync(project.Id, ct)).ToDictionary(e => (e.ModulePath, e.Version));
        var refs = Refs(project);
        var packages = new List<GoPackage>();
        foreach (var (source, time) in refs is null ? [] : Tagged(project, refs))
            packages.Add(served.Remove((source.ModulePath, source.Version), out var entry) ? GoPackage.Of(entry, refs) : new GoPackage(project.Id, source, time));
        packages.AddRange(served.Values.Select(e => GoPackage.Of(e, refs)));
        return Sorted(packages);
    }

    public async Task<GoPackage?> FindOrNullAsync(Project project, long id, CancellationToken ct) =>
        (await ListAsync(project, ct)).FirstOrDefault(p => p.Id == id);

    /// <summary>Only the versions the proxy has served, from the ledger alone (no search for modules): the project page's list.</summary>
    public async Task<IReadOnlyList<GoPackage>> ListServedAsync(Project project, CancellationToken ct)
    {
        var served = await ledger.ListAsync(project.Id, ct);
        if (served.Count == 0) return [];
        var refs = Refs(project);
        return Sorted(served.Select(e => GoPackage.Of(e, refs)));
    }

    private GitRefSnapshot? Refs(Project project) => index.Find(project.Id, storage.PathFor(project.FullPath))?.Refs;

    /// <summary>
    /// Every version the project's tags give its modules, with its commit time: a pure function of the refs, so it is
    /// computed once per snapshot. It asks the modules for sources directly rather than through their per-version
    /// memos, which thousands of versions would fill, leaving no room for this one answer.
    /// </summary>
    private IReadOnlyList<(ModuleSource Source, DateTime Time)> Tagged(Project project, GitRefSnapshot refs)
    {
        var codeRoot = urls.ModulePath(project);
        return refs.Memo($"packages\n{codeRoot}", () =>
        {
            SortedSet<string> candidates;
            using (var git = GitRepositoryReader.OpenOrNull(storage.PathFor(project.FullPath)))
                candidates = git is null ? [] : CandidateModules(git, refs, codeRoot);
            var tagged = new List<(ModuleSource, DateTime)>();
            foreach (var modulePath in candidates)
            {
                using var module = modules.FindOrNull(project, modulePath);
                if (module is null) continue;
                foreach (var version in versions.Execute(module))
                    if (module.Code.Source(version.Name) is { Error: null, Value: { } source })
                        tagged.Add((source, version.Time));
            }
            return tagged;
        });
    }

    private static List<GoPackage> Sorted(IEnumerable<GoPackage> packages) => packages
        .OrderBy(p => p.CommittedAt)
        .ThenBy(p => p.ModulePath, StringComparer.Ordinal)
        .ThenBy(p => p.Version, Semver.Comparer)
        .ToList();

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
