namespace GitLabLite.Presenters.Users;

/// <summary>
/// GitLab's API::Entities::UserPublic plus is_admin (UserWithAdmin): the private view a user gets of themselves and an
/// admin gets of anyone.
/// </summary>
public sealed record UserDetailsEntity : UserEntity
{
    public UserDetailsEntity(UserEntity profile) : base(profile) { }

    public DateTime? LastSignInAt { get; init; }
    public DateTime? ConfirmedAt { get; init; }
    public DateOnly? LastActivityOn { get; init; }
    public string Email { get; init; } = "";
    public int ThemeId { get; init; } = 1;
    public int ColorSchemeId { get; init; } = 1;
    public int ProjectsLimit { get; init; } = 100000;
    public DateTime? CurrentSignInAt { get; init; }
    public string[] Identities { get; init; } = [];
    public bool CanCreateGroup { get; init; }
    public bool CanCreateProject { get; init; }
    public bool TwoFactorEnabled { get; init; }
    public bool External { get; init; }
    public bool PrivateProfile { get; init; }
    public string CommitEmail { get; init; } = "";
    public bool IsAdmin { get; init; }
}
