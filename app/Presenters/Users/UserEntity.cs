namespace GitLabLite.Presenters.Users;

/// <summary>GitLab's API::Entities::User: a profile as GET /users/:id shows it. GitLabLite keeps no profile fields, so they are empty.</summary>
public record UserEntity : UserBasicEntity
{
    public UserEntity(UserBasicEntity basic) : base(basic) { }

    public DateTime CreatedAt { get; init; }
    public string Bio { get; init; } = "";
    public string Location { get; init; } = "";
    public string PublicEmail { get; init; } = "";
    public string Linkedin { get; init; } = "";
    public string Twitter { get; init; } = "";
    public string Discord { get; init; } = "";
    public string WebsiteUrl { get; init; } = "";
    public string Organization { get; init; } = "";
    public string JobTitle { get; init; } = "";
    public string? Pronouns { get; init; }
    public bool Bot { get; init; }
    public string? WorkInformation { get; init; }
    public int Followers { get; init; }
    public int Following { get; init; }
    public bool IsFollowed { get; init; }
    public string? LocalTime { get; init; }
}
