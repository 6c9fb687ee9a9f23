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

    public IReadOnlyDictionary<string, string> Branches => _branches;

    public GitRef? FindTag(string name) => _tags.GetValueOrDefault(name);

    public string? FindBranch(string name) => _branches.GetValueOrDefault(name);

    public IEnumerable<GitRef> TagsAt(string commitId) => _tagsByCommit[commitId];
}
