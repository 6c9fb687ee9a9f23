namespace GitLabLite.Models.Projects;

public sealed record Member
{
    public long Id { get; init; }
    public string SourceType { get; init; } = "Project";
    public long SourceId { get; init; }
    public long UserId { get; init; }
    public int AccessLevel { get; init; }
    public DateOnly? ExpiresAt { get; init; }
    public DateTime CreatedAt { get; init; }
}
