namespace GitLabLite.Git;

/// <summary>
/// <see cref="IGitObjects"/> answered from a repository's <see cref="CommitFacts"/>, opening the repository only
/// for what is not known yet: a warm request never touches git. Facts are remembered only for full commit ids whose
/// commit exists (asked first), so a missing object is never cached as absent. Not thread-safe (one per request).
/// </summary>
public sealed class CachedGitObjects(string repositoryPath, CommitFacts facts) : IGitObjects, IDisposable
{
    private GitRepositoryReader? _reader;

    private GitRepositoryReader Git => _reader ??= GitRepositoryReader.OpenOrNull(repositoryPath)
        ?? throw new IOException($"repository {repositoryPath} disappeared");

    public GitCommitInfo? FindCommit(string id) => facts.Commit(id, () => Git.FindCommit(id));

    public GitBlobRef? FindBlob(string commitId, string path) =>
        CommitFacts.IsFullId(commitId) && FindCommit(commitId) is not null
            ? facts.Blob(commitId, path, () => Git.FindBlob(commitId, path))
            : Git.FindBlob(commitId, path);

    public byte[]? ReadBlob(string commitId, string path) =>
        CommitFacts.IsFullId(commitId) && FindCommit(commitId) is not null
            ? facts.Content(commitId, path, () => Git.ReadBlob(commitId, path))
            : Git.ReadBlob(commitId, path);

    public string? ResolveCommitPrefix(string prefix) => Git.ResolveCommitPrefix(prefix);

    public bool IsAncestor(string ancestor, string descendant) =>
        ancestor == descendant || facts.IsAncestor(ancestor, descendant, () => Git.IsAncestor(ancestor, descendant));

    public void Dispose() => _reader?.Dispose();
}
