namespace GitLabLite.Params;

/// <summary>POST /users/:user_id/personal_access_tokens and POST /user/personal_access_tokens.</summary>
public sealed record CreatePersonalAccessTokenParams
{
    public string? Name { get; init; }
    public string[]? Scopes { get; init; }

    /// <summary>YYYY-MM-DD; GitLab's default when absent is the longest allowed lifetime.</summary>
    public DateOnly? ExpiresAt { get; init; }
}
