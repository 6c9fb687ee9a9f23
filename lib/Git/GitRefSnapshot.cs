using System.Collections.Concurrent;

namespace GitLabLite.Git;

/// <summary>
/// The refs the go command can see (refs/tags/*, refs/heads/*, HEAD), each peeled to its commit, read once so
/// that one request answers from one consistent view even while a push lands.
/// </summary>
public sealed class GitRefSnapshot
{
    private readonly Dictionary<string, GitRef> _tags;
    private readonly Dictionary<string, string> _branches;
    private readonly ILookup<string, GitRef> _tagsByCommit;
    private readonly ConcurrentDictionary<string, object?> _memo = new(StringComparer.Ordinal);

    public GitRefSnapshot(IReadOnlyList<GitRef> tags, IReadOnlyDictionary<string, string> branches, string? headCommitId)
    {
        Tags = tags;
        _tags = tags.ToDictionary(t => t.Name, StringComparer.Ordinal);
        _branches = new Dictionary<string, string>(branches, StringComparer.Ordinal);
        _tagsByCommit = tags.ToLookup(t => t.CommitId, StringComparer.Ordinal);
        HeadCommitId = headCommitId;
        TipIds = tags.Select(t => t.CommitId).Concat(branches.Values).Append(headCommitId).OfType<string>().Distinct().ToList();
    }

    /// <summary>Tags that point (directly or through annotations) at a commit, in refname order.</summary>
    public IReadOnlyList<GitRef> Tags { get; }

    public string? HeadCommitId { get; }

    /// <summary>Every distinct commit a visible ref points at: what "reachable" starts from.</summary>
    public IReadOnlyList<string> TipIds { get; }

    public GitRef? FindTag(string name) => _tags.GetValueOrDefault(name);

    public string? FindBranch(string name) => _branches.GetValueOrDefault(name);

    public IEnumerable<GitRef> TagsAt(string commitId) => _tagsByCommit[commitId];

    /// <summary>Most answers remembered per snapshot; beyond this, answers are computed each time.</summary>
    public const int MaxMemoEntries = 4096;

    /// <summary>
    /// An answer derived only from this snapshot and immutable objects, computed once per key while the snapshot
    /// is current (a new snapshot starts empty, so nothing outlives the refs it was computed from).
    /// </summary>
    public T Memo<T>(string key, Func<T> compute)
    {
        if (_memo.TryGetValue(key, out var known)) return (T)known!;
        var value = compute();
        if (_memo.Count < MaxMemoEntries) _memo.TryAdd(key, value);
        return value;
    }
}
