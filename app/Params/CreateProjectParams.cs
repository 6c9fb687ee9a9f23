using System.Text.Json.Serialization;
using GitLabLite.Models.Projects;

namespace GitLabLite.Params;

public sealed record CreateProjectParams
{
    public string? Name { get; init; }
    public string? Path { get; init; }

    /// <summary>A namespace id or full path; the caller's personal namespace when absent.</summary>
    [JsonConverter(typeof(IdOrPathConverter))]
    public string? NamespaceId { get; init; }

    public string? Visibility { get; init; }
    public string? Description { get; init; }
    public string? DefaultBranch { get; init; }
    public bool InitializeWithReadme { get; init; }
    public string? ImportUrl { get; init; }

    /// <summary>GitLab needs one of name and path and derives the other.</summary>
    public string? EffectivePath => Path ?? (Name is null ? null : PathRules.FromName(Name));

    public string? EffectiveName => Name ?? Path;
}
