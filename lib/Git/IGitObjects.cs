namespace GitLabLite.Git;

/// <summary>
/// The object-database reads the Go proxy's version rules need. Answers about a full commit id never change, which
/// lets a cache (<see cref="CachedGitObjects"/>) stand in for a reader without changing any rule built on top.
/// </summary>
public interface IGitObjects
{
    /// <summary>The blob at <paramref name="path"/> in the commit (a symlink's blob holds its target), or null.</summary>
    GitBlobRef? FindBlob(string commitId, string path);

    /// <summary>The content of the file at <paramref name="path"/> in the commit, or null when there is no such blob.</summary>
    byte[]? ReadBlob(string commitId, string path);

    /// <summary>A commit by full or abbreviated (4+ hex digits, unambiguous) id.</summary>
    GitCommitInfo? FindCommit(string id);

    /// <summary>The full id of the only commit whose id starts with <paramref name="prefix"/>; null when none or ambiguous.</summary>
    string? ResolveCommitPrefix(string prefix);

    /// <summary>Whether <paramref name="ancestor"/> is <paramref name="descendant"/> or one of its ancestors.</summary>
    bool IsAncestor(string ancestor, string descendant);

    /// <summary>Whether the commit can be reached from any of <paramref name="tips"/>.</summary>
    bool IsReachable(string commitId, IEnumerable<string> tips) => tips.Any(tip => IsAncestor(commitId, tip));
}
