namespace GitLabLite.Models.Features;

/// <summary>One config/feature_flags/*.yml file, GitLab's Feature::Definition (the keys its API shows).</summary>
public sealed record FeatureDefinition
{
    public string Name { get; init; } = "";
    public string? IntroducedByUrl { get; init; }
    public string? RolloutIssueUrl { get; init; }
    public string? Milestone { get; init; }
    public bool? LogStateChanges { get; init; }
    public string Type { get; init; } = "";
    public string? Group { get; init; }
    public bool DefaultEnabled { get; init; }
}
