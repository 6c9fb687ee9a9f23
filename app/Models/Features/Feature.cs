using System.Globalization;
using System.IO.Hashing;
using System.Text;

namespace GitLabLite.Models.Features;

/// <summary>
/// A persisted flag with its gate values, evaluated the way Flipper does: the boolean gate opens it for everyone,
/// otherwise an actor gate, the actor's percentage bucket or a percentage-of-time roll can open it.
/// </summary>
public sealed record Feature(
    string Name,
    bool Boolean,
    IReadOnlyList<string> Actors,
    IReadOnlyList<string> Groups,
    decimal PercentageOfActors,
    decimal PercentageOfTime)
{
    private readonly HashSet<string> _actors = Actors.ToHashSet(StringComparer.Ordinal);

    /// <summary>Builds a feature from its feature_gates rows (key, value).</summary>
    public static Feature FromGates(string name, IEnumerable<(string Key, string? Value)> gates)
    {
        bool boolean = false;
        decimal ofActors = 0, ofTime = 0;
        var actors = new SortedSet<string>(StringComparer.Ordinal);
        var groups = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in gates)
        {
            switch (key)
            {
                case FeatureGateKeys.Boolean: boolean = value == "true"; break;
                case FeatureGateKeys.Actors when value is not null: actors.Add(value); break;
                case FeatureGateKeys.Groups when value is not null: groups.Add(value); break;
                case FeatureGateKeys.PercentageOfActors: ofActors = ParsePercentage(value); break;
                case FeatureGateKeys.PercentageOfTime: ofTime = ParsePercentage(value); break;
            }
        }
        return new Feature(name, boolean, actors.ToList(), groups.ToList(), ofActors, ofTime);
    }

    /// <summary>Flipper's Feature#state.</summary>
    public string State =>
        Boolean || PercentageOfActors == 100 || PercentageOfTime == 100 ? "on"
        : Actors.Count > 0 || Groups.Count > 0 || PercentageOfActors > 0 || PercentageOfTime > 0 ? "conditional"
        : "off";

    /// <summary>
    /// Whether the flag is on for <paramref name="actor"/>; <paramref name="roll"/> is a uniform random number in [0, 1)
    /// for the percentage-of-time gate. Group gates (Flipper's registered groups) open nothing: GitLabLite registers none.
    /// </summary>
    public bool IsOpen(FeatureActor? actor, double roll)
    {
        if (Boolean) return true;
        if (actor is not null)
        {
            if (actor.SelfAndAncestors.Any(_actors.Contains)) return true;
            if (PercentageOfActors > 0 && InActorBucket(Name, actor.FlipperId, PercentageOfActors)) return true;
        }
        return PercentageOfTime > 0 && (decimal)roll * 100 < PercentageOfTime;
    }

    /// <summary>
    /// Flipper's percentage-of-actors bucket: Zlib.crc32("#{feature_name}#{flipper_id}") % 100_000 &lt; percentage * 1_000
    /// (the scaling keeps three decimal places). The same actor always lands in the same bucket, so raising the
    /// percentage only ever adds actors.
    /// </summary>
    public static bool InActorBucket(string featureName, string flipperId, decimal percentage) =>
        Crc32.HashToUInt32(Encoding.UTF8.GetBytes(featureName + flipperId)) % 100_000 < percentage * 1_000;

    private static decimal ParsePercentage(string? value) =>
        decimal.TryParse(value, NumberStyles.Number, CultureInfo.InvariantCulture, out var p) ? p : 0;
}
