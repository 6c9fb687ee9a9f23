namespace GitLabLite.Git;

/// <summary>
/// A tag pointing (possibly through an annotated tag object) at a commit. <see cref="TargetId"/> is what the ref
/// names (the tag object for annotated tags), <see cref="Commit"/> the peeled commit.
/// </summary>
public sealed record GitTag(string Name, string TargetId, GitCommitInfo Commit, string? Message, GitSignature? Tagger)
{
    public bool Annotated => Message is not null;
}
