namespace GitLabLite.Params;

/// <summary>POST /users. Other GitLab fields (projects_limit, can_create_group, ...) are ignored.</summary>
public sealed record CreateUserParams
{
    public string? Username { get; init; }
    public string? Email { get; init; }
    public string? Name { get; init; }
    public string? Password { get; init; }
    public bool? Admin { get; init; }

    /// <summary>Accepted (and type-checked) for GitLab clients; GitLabLite has no email confirmation, users start confirmed.</summary>
    public bool? SkipConfirmation { get; init; }
}
