namespace GitLabLite.Git;

/// <summary>
/// What an object id a ref holds stands for: a commit itself, or an annotated tag (chain) ending at a commit, or
/// neither (a tree, a blob, a missing object). Objects never change under an id, so this is remembered forever.
/// </summary>
/// <param name="IsCommit">The object is a commit (branches and HEAD must point at one directly).</param>
/// <param name="CommitId">The commit the object peels to; null when it does not end at a commit.</param>
public sealed record GitPeel(bool IsCommit, string? CommitId)
{
    public static readonly GitPeel None = new(false, null);

    public static GitPeel Commit(string id) => new(true, id);
}
