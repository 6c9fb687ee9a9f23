using System.Text.RegularExpressions;
using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Params;

namespace GitLabLite.Finders.Projects;

/// <summary>
/// Tags and branches of a project's repository (GitLab's TagsFinder and BranchesFinder). Reads the bare repository
/// on every call, so a push shows at once. A project whose repository is missing has no refs.
/// </summary>
public sealed partial class RepositoryRefsFinder(RepositoryStorage storage)
{
    public IReadOnlyList<GitTag> ListTags(Project project, TagListParams options)
    {
        using var repo = Open(project);
        var tags = repo?.ListTags().Where(t => Matches(t.Name, options.Search)) ?? [];
        var ordered = options.OrderBy switch
        {
            "name" => tags.Order(new TagComparer(t => t.Name, StringComparer.Ordinal)),
            "version" => tags.Order(new TagComparer(t => t.Name, VersionComparer.Instance)),
            _ => tags.OrderBy(t => t.Commit.Committer.When).ThenBy(t => t.Name, StringComparer.Ordinal),
        };
        var list = ordered.ToList();
        if (options.Sort == "desc") list.Reverse();
        return list;
    }

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

    private sealed class TagComparer(Func<GitTag, string> key, IComparer<string> inner) : IComparer<GitTag>
    {
        public int Compare(GitTag? x, GitTag? y) => inner.Compare(x is null ? null : key(x), y is null ? null : key(y));
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
