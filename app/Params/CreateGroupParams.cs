using GitLabLite.Models.Projects;

namespace GitLabLite.Params;

public sealed record CreateGroupParams
{
    public string? Name { get; init; }
    public string? Path { get; init; }
    public string? Visibility { get; init; }
    public long? ParentId { get; init; }
    public string? Description { get; init; }

    /// <summary>GitLab requires both; accepting one and deriving the other is what its UI does.</summary>
    public string? EffectivePath => Path ?? (Name is null ? null : PathRules.FromName(Name));

    public string? EffectiveName => Name ?? Path;
}
