namespace GitLabLite.Git;

/// <summary>One ref update of a push: the ref's old and new object ids (all zeros for none) and its full name.</summary>
public sealed record ReceivePackCommand(string OldId, string NewId, string RefName)
{
    public bool IsTag => RefName.StartsWith("refs/tags/", StringComparison.Ordinal);

    public string TagName => RefName["refs/tags/".Length..];
}
