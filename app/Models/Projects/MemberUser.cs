namespace GitLabLite.Models.Projects;

/// <summary>A membership joined with its user, what the members API shows.</summary>
public sealed record MemberUser
{
    public long UserId { get; init; }
    public string Username { get; init; } = "";
    public string Name { get; init; } = "";
    public string State { get; init; } = "active";
    public int AccessLevel { get; init; }
    public DateOnly? ExpiresAt { get; init; }
    public DateTime CreatedAt { get; init; }
}
