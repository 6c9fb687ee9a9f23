namespace GitLabLite.Params;

/// <summary>POST /projects/:id/deploy_tokens and POST /groups/:id/deploy_tokens.</summary>
public sealed record CreateDeployTokenParams
{
    public string? Name { get; init; }
    public string[]? Scopes { get; init; }

    /// <summary>Optional login; GitLab's default is gitlab+deploy-token-{id}.</summary>
    public string? Username { get; init; }

    /// <summary>ISO 8601 date or time (a time without an offset is UTC); none means the token never expires, as in GitLab.</summary>
    public DateTime? ExpiresAt { get; init; }
}
