using GitLabLite.Models.Features;

namespace GitLabLite.Presenters.Features;

/// <summary>GitLab's API::Entities::Feature: name, state, gates (boolean first, then only non-empty ones), definition.</summary>
public static class FeaturePresenter
{
    public sealed record FeatureEntity(string Name, string State, IReadOnlyList<GateEntity> Gates, FeatureDefinition? Definition);

    /// <summary>Value is a bool, a list of strings or a number, depending on the gate.</summary>
    public sealed record GateEntity(string Key, object Value);

    public static FeatureEntity Present(Feature feature, FeatureDefinitions definitions) =>
        new(feature.Name, feature.State, Gates(feature).ToList(), definitions.FindOrNull(feature.Name));

    private static IEnumerable<GateEntity> Gates(Feature feature)
    {
        yield return new GateEntity(FeatureGateKeys.Boolean, feature.Boolean);
        if (feature.Actors.Count > 0) yield return new GateEntity(FeatureGateKeys.Actors, feature.Actors);
        if (feature.Groups.Count > 0) yield return new GateEntity(FeatureGateKeys.Groups, feature.Groups);
        if (feature.PercentageOfActors > 0) yield return new GateEntity(FeatureGateKeys.PercentageOfActors, Number(feature.PercentageOfActors));
        if (feature.PercentageOfTime > 0) yield return new GateEntity(FeatureGateKeys.PercentageOfTime, Number(feature.PercentageOfTime));
    }

    /// <summary>Flipper's to_percentage: an Integer when whole (30), a Float otherwise (12.5).</summary>
    private static object Number(decimal percentage) =>
        percentage == decimal.Truncate(percentage) ? (object)(long)percentage : percentage;
}
