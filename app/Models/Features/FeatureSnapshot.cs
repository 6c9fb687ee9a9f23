namespace GitLabLite.Models.Features;

/// <summary>All persisted flags as of one change stamp (feature_flag_versions.version); immutable, swapped whole.</summary>
public sealed record FeatureSnapshot(long Version, IReadOnlyDictionary<string, Feature> Features)
{
    /// <summary>Before the first load: nothing persisted, so every flag answers its definition's default.</summary>
    public static readonly FeatureSnapshot Empty = new(-1, new Dictionary<string, Feature>());

    public bool Loaded => Version >= 0;

    public static FeatureSnapshot FromRows(IReadOnlyList<FeatureGateRow> rows) => new(
        rows.Count > 0 ? rows[0].Version : 0,
        rows.Where(r => r.FeatureKey is not null)
            .GroupBy(r => r.FeatureKey!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key,
                g => Feature.FromGates(g.Key, g.Where(r => r.GateKey is not null).Select(r => (r.GateKey!, r.Value))),
                StringComparer.Ordinal));
}
