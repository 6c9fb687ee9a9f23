namespace GitLabLite.Presenters.Projects;

/// <summary>GitLab's ProjectBasic entity (what `simple=true` lists return).</summary>
public record ProjectBasicEntity
{
    public long Id { get; init; }
    public string Description { get; init; } = "";
    public string Name { get; init; } = "";
    public string NameWithNamespace { get; init; } = "";
    public string Path { get; init; } = "";
    public string PathWithNamespace { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public string? DefaultBranch { get; init; }
    public string[] TagList { get; init; } = [];
    public string[] Topics { get; init; } = [];
    public string? SshUrlToRepo { get; init; }
    public string HttpUrlToRepo { get; init; } = "";
    public string WebUrl { get; init; } = "";
    public string? ReadmeUrl { get; init; }
    public string? AvatarUrl { get; init; }
    public int ForksCount { get; init; }
    public int StarCount { get; init; }
    public DateTime LastActivityAt { get; init; }
    public ProjectNamespace Namespace { get; init; } = null!;
}
