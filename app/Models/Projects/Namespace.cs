namespace GitLabLite.Models.Projects;

/// <summary>A user's personal namespace or a group; <see cref="FullPath"/> is computed from the parent chain.</summary>
public sealed record Namespace
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string Path { get; init; } = "";
    public string Type { get; init; } = "Group";
    public long? OwnerId { get; init; }
    public long? ParentId { get; init; }
    public int VisibilityLevel { get; init; }
    public string Description { get; init; } = "";
    public string FullPath { get; init; } = "";
    public string FullName { get; init; } = "";
    public DateTime CreatedAt { get; init; }

    public bool IsGroup => Type == "Group";

    /// <summary>GitLab calls a personal namespace's kind "user", a group's "group".</summary>
    public string Kind => IsGroup ? "group" : "user";

    public Visibility Visibility => (Visibility)VisibilityLevel;
}
