namespace GitLabLite.Git;

/// <summary>
/// How an import went: the branch the source's HEAD named on success, or a reason safe to show the user, with git's
/// own last words (credentials in URLs redacted) for the server log.
/// </summary>
public sealed record ImportResult(bool Success, string? Error, string? DefaultBranch, string? Detail = null)
{
    public static ImportResult Failed(string error, string? detail = null) => new(false, error, null, detail);
}
