namespace GitLabLite.Params;

/// <summary>GET /projects/:id/repository/tags options, as GitLab's TagsFinder takes them.</summary>
public sealed record TagListParams
{
    /// <summary>name, updated (the commit's committer date, GitLab's default) or version.</summary>
    public string OrderBy { get; init; } = "updated";

    public string Sort { get; init; } = "desc";

    /// <summary>Substring, or "^prefix" / "suffix$" (GitLab's search syntax), case-insensitive.</summary>
    public string? Search { get; init; }
}
