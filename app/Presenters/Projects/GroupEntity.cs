using System.Text.Json.Serialization;

namespace GitLabLite.Presenters.Projects;

/// <summary>API::Entities::Group; Projects and SharedProjects are only present in the show form (GroupDetail).</summary>
public sealed record GroupEntity(
    long Id, string Name, string Path, string Description, string Visibility, string FullName, string FullPath, long? ParentId,
    string WebUrl, string? AvatarUrl, DateTime CreatedAt)
{
    /// <summary>The group's GOPROXY URL (GitLabLite's, as a project's go_proxy_url): modules of its projects and subgroups' projects.</summary>
    public string GoProxyUrl { get; init; } = "";

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<object>? Projects { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<object>? SharedProjects { get; init; }
}
