using System.Text.Json.Serialization;

namespace GitLabLite.Presenters.Projects;

/// <summary>GitLab's Project entity: the basic fields plus visibility, repository state, links and go_proxy_url.</summary>
public sealed record ProjectEntity : ProjectBasicEntity
{
    public ProjectEntity(ProjectBasicEntity basic) : base(basic) { }

    public string Visibility { get; init; } = "private";
    public bool EmptyRepo { get; init; }
    public bool Archived { get; init; }
    public long? CreatorId { get; init; }
    public string GoProxyUrl { get; init; } = "";
    public string ImportStatus { get; init; } = "none";
    public string? ImportError { get; init; }

    [JsonPropertyName("_links")]
    public ProjectLinks Links { get; init; } = null!;
}
