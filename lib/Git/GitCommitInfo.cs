namespace GitLabLite.Git;

/// <summary>The parts of a commit that the API and the Go proxy show.</summary>
public sealed record GitCommitInfo(string Id, IReadOnlyList<string> ParentIds, string Message, GitSignature Author, GitSignature Committer)
{
    /// <summary>The first line of the message, as GitLab's commit title.</summary>
    public string Title => Message.Split('\n', 2)[0].TrimEnd('\r');
}
