namespace GitLabLite.Models.Features;

/// <summary>An actor as the Features API names it: kind (project, group, namespace, user) and full path or username.</summary>
public sealed record FeatureActorName(string Kind, string Name);
