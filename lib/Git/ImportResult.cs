namespace GitLabLite.Git;

/// <summary>How an import went: the branch the source's HEAD named on success, or a reason safe to show the user.</summary>
public sealed record ImportResult(bool Success, string? Error, string? DefaultBranch)
{
    public static ImportResult Failed(string error) => new(false, error, null);
}
