using System.Text.RegularExpressions;
using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Params;
using GitLabLite.Services.Packages.Go;

namespace GitLabLite.Finders.Projects;

/// <summary>
/// Tags and branches of a project's repository (GitLab's TagsFinder and BranchesFinder). Tags are listed from the
/// indexed refs snapshot (<see cref="RepositoryIndex"/>, current as soon as a push lands): each order is computed once
/// per snapshot from remembered commit facts, and only the requested page's tags are read from the repository, so a
/// view of a project with thousands of tags never walks them all through libgit2. Branches are read from the
/// repository on every call. A project whose repository is missing has no refs.
/// </summary>
public sealed partial class RepositoryRefsFinder(RepositoryStorage storage, RepositoryIndex index)
{
    /// <summary>One page of the tags matching <paramref name="options"/>, in its order, and how many match in all.</summary>
    public (IReadOnlyList<GitTag> Tags, int Total) ListTags(Project project, TagListParams options, int offset, int limit)
    {
        var path = storage.PathFor(project.FullPath);
        if (index.Find(project.Id, path) is not var (refs, facts)) return ([], 0);
        List<GitRef> ordered;
        using (var objects = new CachedGitObjects(path, facts))
            ordered = refs.Memo($"tags\n{options.OrderBy}", () => Ordered(refs.Tags, options.OrderBy, objects));
        var matching = string.IsNullOrEmpty(options.Search) ? ordered : ordered.Where(t => Matches(t.Name, options.Search)).ToList();
        IEnumerable<GitRef> sorted = options.Sort == "desc" ? Enumerable.Reverse(matching) : matching;
        var page = sorted.Skip(offset).Take(limit).ToList();
        if (page.Count == 0) return ([], matching.Count);
        using var repo = GitRepositoryReader.OpenOrNull(path);
        // A tag deleted since the snapshot was taken is left out of its page rather than shown as it was.
        return (page.Select(t => repo?.FindTag(t.Name)).OfType<GitTag>().ToList(), matching.Count);
    }

    /// <summary>Ascending: the caller reverses for sort=desc, as GitLab's TagsFinder does.</summary>
    private static List<GitRef> Ordered(IReadOnlyList<GitRef> tags, string orderBy, CachedGitObjects objects) => orderBy switch
    {
        "name" => tags.OrderBy(t => t.Name, StringComparer.Ordinal).ToList(),
        "version" => tags.OrderBy(t => t.Name, VersionComparer.Instance).ToList(),
        _ => tags.OrderBy(t => objects.FindCommit(t.CommitId)?.Committer.When ?? DateTimeOffset.MinValue).ThenBy(t => t.Name, StringComparer.Ordinal).ToList(),
    };

    public GitTag? FindTag(Project project, string name)
    {
        using var repo = Open(project);
        return repo?.FindTag(name);
    }

    /// <summary>Branches by name, and the default branch (HEAD's, when it exists).</summary>
    public (IReadOnlyList<GitBranch> Branches, string? DefaultBranch) ListBranches(Project project, string? search)
    {
        using var repo = Open(project);
        if (repo is null) return ([], null);
        var branches = repo.ListBranches().Where(b => Matches(b.Name, search)).OrderBy(b => b.Name, StringComparer.Ordinal).ToList();
        return (branches, repo.DefaultBranch);
    }

    public (GitBranch? Branch, string? DefaultBranch) FindBranch(Project project, string name)
    {
        using var repo = Open(project);
        return repo is null ? (null, null) : (repo.FindBranch(name), repo.DefaultBranch);
    }

    private GitRepositoryReader? Open(Project project) => GitRepositoryReader.OpenOrNull(storage.PathFor(project.FullPath));

    /// <summary>GitLab's ref search: "^v1" anchors at the start, "rc$" at the end, anything else is a substring.</summary>
    private static bool Matches(string name, string? search)
    {
        if (string.IsNullOrEmpty(search)) return true;
        var prefix = search.StartsWith('^');
        var suffix = search.EndsWith('$') && search.Length > (prefix ? 1 : 0);
        var term = search[(prefix ? 1 : 0)..(suffix ? ^1 : ^0)];
        return (prefix, suffix) switch
        {
            (true, true) => name.Equals(term, StringComparison.OrdinalIgnoreCase),
            (true, false) => name.StartsWith(term, StringComparison.OrdinalIgnoreCase),
            (false, true) => name.EndsWith(term, StringComparison.OrdinalIgnoreCase),
            _ => name.Contains(term, StringComparison.OrdinalIgnoreCase),
        };
    }

    /// <summary>git's version:refname order, simplified: digit runs compare as numbers, the rest as text.</summary>
    private sealed partial class VersionComparer : IComparer<string>
    {
        public static readonly VersionComparer Instance = new();

        public int Compare(string? x, string? y)
        {
            var a = Parts().Split(x ?? "");
            var b = Parts().Split(y ?? "");
            for (var i = 0; i < Math.Min(a.Length, b.Length); i++)
            {
                var numeric = a[i].Length > 0 && b[i].Length > 0 && char.IsAsciiDigit(a[i][0]) && char.IsAsciiDigit(b[i][0]);
                var c = numeric
                    ? a[i].TrimStart('0').Length != b[i].TrimStart('0').Length
                        ? a[i].TrimStart('0').Length.CompareTo(b[i].TrimStart('0').Length)
                        : string.CompareOrdinal(a[i].TrimStart('0'), b[i].TrimStart('0'))
                    : string.CompareOrdinal(a[i], b[i]);
                if (c != 0) return c;
            }
            return a.Length.CompareTo(b.Length);
        }

        [GeneratedRegex(@"(\d+)")]
        private static partial Regex Parts();
    }
}
