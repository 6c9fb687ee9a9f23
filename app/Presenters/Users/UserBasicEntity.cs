namespace GitLabLite.Presenters.Users;

/// <summary>GitLab's API::Entities::UserBasic: what any signed-in user sees of another in lists.</summary>
public record UserBasicEntity
{
    public long Id { get; init; }
    public string Username { get; init; } = "";
    public string Name { get; init; } = "";
    public string State { get; init; } = "";
    /// <summary>Always false: no account is locked as a whole; failed sign-ins lock out the address they came from (SignInService).</summary>
    public bool Locked { get; init; }
    public string? AvatarUrl { get; init; }
    public string WebUrl { get; init; } = "";
}
