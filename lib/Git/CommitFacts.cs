using System.Collections.Concurrent;

namespace GitLabLite.Git;

/// <summary>
/// What one repository's immutable objects say, remembered by full commit id: commits, the blob (and small
/// contents) at a path, ancestry. Objects never change under an id, so entries never go stale; refs are not
/// here (see <see cref="GitRefSnapshot"/>). Bounded by a crude reset: a repository whose history is probed more
/// widely than <see cref="MaxEntries"/> simply starts over, which costs reads, never correctness.
/// </summary>
public sealed class CommitFacts
{
    public const int MaxEntries = 50_000;

    /// <summary>Blob contents up to this size are kept (go.mod files); larger ones are read each time.</summary>
    public const int MaxContentBytes = 64 * 1024;

    private readonly ConcurrentDictionary<string, GitCommitInfo> _commits = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<(string Commit, string Path), GitBlobRef?> _blobs = new();
    private readonly ConcurrentDictionary<(string Commit, string Path), byte[]?> _contents = new();
    private readonly ConcurrentDictionary<(string Ancestor, string Descendant), bool> _ancestry = new();
    private readonly ConcurrentDictionary<string, GitPeel> _peels = new(StringComparer.Ordinal);

    /// <summary>Ref targets are remembered beyond <see cref="MaxEntries"/>: a repository may have more tags than that.</summary>
    public const int MaxPeels = 1_000_000;

    /// <summary>Only full ids name one object forever; a prefix may become ambiguous as objects arrive.</summary>
    public static bool IsFullId(string id) => id.Length is 40 or 64 && id.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f');

    internal GitCommitInfo? Commit(string id, Func<GitCommitInfo?> read)
    {
        if (!IsFullId(id)) return read();
        if (_commits.TryGetValue(id, out var known)) return known;
        // A missing commit may still arrive with a push, so only presence is remembered.
        var commit = read();
        if (commit is not null) Remember(_commits, id, commit);
        return commit;
    }

    /// <summary>What a ref's target object stands for; an object not found yet is asked about again next time.</summary>
    public GitPeel Peel(string id, Func<GitPeel?> read)
    {
        if (_peels.TryGetValue(id, out var known)) return known;
        if (read() is not { } peel) return GitPeel.None;
        if (_peels.Count >= MaxPeels) _peels.Clear();
        _peels[id] = peel;
        return peel;
    }

    /// <summary>The ids among <paramref name="ids"/> whose peel is not known yet, each once.</summary>
    public List<string> UnknownPeels(IEnumerable<string> ids) => [.. ids.Where(id => !_peels.ContainsKey(id)).Distinct()];

    /// <summary>Remembers peels read in bulk (<see cref="GitPeelBatch"/>).</summary>
    public void RememberPeels(IReadOnlyDictionary<string, GitPeel> peels)
    {
        if (_peels.Count + peels.Count >= MaxPeels) _peels.Clear();
        foreach (var (id, peel) in peels) _peels[id] = peel;
    }

    internal GitBlobRef? Blob(string commitId, string path, Func<GitBlobRef?> read) =>
        Lookup(_blobs, commitId, path, read);

    internal byte[]? Content(string commitId, string path, Func<byte[]?> read)
    {
        if (_contents.TryGetValue((commitId, path), out var known)) return known;
        var content = read();
        if (content is null || content.Length <= MaxContentBytes) Remember(_contents, (commitId, path), content);
        return content;
    }

    internal bool IsAncestor(string ancestor, string descendant, Func<bool> read)
    {
        if (!IsFullId(ancestor) || !IsFullId(descendant)) return read();
        if (_ancestry.TryGetValue((ancestor, descendant), out var known)) return known;
        var result = read();
        Remember(_ancestry, (ancestor, descendant), result);
        return result;
    }

    private static T Lookup<T>(ConcurrentDictionary<(string, string), T> map, string commitId, string path, Func<T> read)
    {
        if (map.TryGetValue((commitId, path), out var known)) return known;
        var value = read();
        Remember(map, (commitId, path), value);
        return value;
    }

    private static void Remember<TKey, TValue>(ConcurrentDictionary<TKey, TValue> map, TKey key, TValue value) where TKey : notnull
    {
        if (map.Count >= MaxEntries) map.Clear();
        map[key] = value;
    }
}
