namespace GitLabLite.Models.Features;

/// <summary>One row of the flag snapshot query: the change stamp, and a feature with one of its gates (if any).</summary>
public sealed record FeatureGateRow
{
    public long Version { get; init; }
    public string? FeatureKey { get; init; }
    public string? GateKey { get; init; }
    public string? Value { get; init; }
}
