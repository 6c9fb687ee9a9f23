namespace GitLabLite.Params;

/// <summary>DELETE /users/:id.</summary>
public sealed record DeleteUserParams
{
    /// <summary>Also delete the groups the user is the sole owner of (GitLab: and their contributions, which GitLabLite does not keep).</summary>
    public bool HardDelete { get; init; }
}
