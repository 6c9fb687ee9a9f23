namespace GitLabLite.Models.Features;

/// <summary>Flipper's gate keys, stored in feature_gates.key.</summary>
public static class FeatureGateKeys
{
    public const string Boolean = "boolean";
    public const string Actors = "actors";
    public const string Groups = "groups";
    public const string PercentageOfActors = "percentage_of_actors";
    public const string PercentageOfTime = "percentage_of_time";
}
