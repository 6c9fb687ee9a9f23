using GitLabLite.Models.Features;
using GitLabLite.Repositories.Features;

namespace GitLabLite.Services.Features;

/// <summary>
/// GitLab's Feature.enabled?: answered from an in-memory snapshot of all persisted flags, never with SQL per call.
/// Changes made through this process reload the snapshot before they return; changes from other processes arrive
/// through <see cref="FeatureFlagsListener"/> (NOTIFY, with a one-second stamp check as fallback).
/// </summary>
public sealed class FeatureFlags(FeatureRepository repository, FeatureDefinitions definitions)
{
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private volatile FeatureSnapshot _snapshot = FeatureSnapshot.Empty;

    public FeatureSnapshot Snapshot => _snapshot;

    public FeatureDefinitions Definitions => definitions;

    /// <summary>
    /// Whether <paramref name="name"/> is on for <paramref name="actor"/> (null: the instance-wide check). A flag that was
    /// never set (or was deleted) answers its YAML default_enabled; an unknown flag is off.
    /// </summary>
    public bool Enabled(string name, FeatureActor? actor = null) =>
        _snapshot.Features.TryGetValue(name, out var feature)
            ? feature.IsOpen(actor, Random.Shared.NextDouble())
            : definitions.DefaultEnabled(name);

    /// <summary>As <see cref="Enabled"/>, but loads the snapshot first if this process has not loaded it yet.</summary>
    public async ValueTask<bool> EnabledAsync(string name, FeatureActor? actor = null, CancellationToken ct = default)
    {
        if (!_snapshot.Loaded) await ReloadAsync(ct);
        return Enabled(name, actor);
    }

    /// <summary>Reads all flags from the database. A snapshot never replaces a newer one (reloads can race).</summary>
    public async Task<FeatureSnapshot> ReloadAsync(CancellationToken ct)
    {
        await _reloading.WaitAsync(ct);
        try
        {
            var fresh = FeatureSnapshot.FromRows(await repository.LoadAllAsync(ct));
            if (fresh.Version >= _snapshot.Version) _snapshot = fresh;
            return _snapshot;
        }
        finally
        {
            _reloading.Release();
        }
    }

    /// <summary>Reloads when the database's change stamp differs from the snapshot's (the cheap periodic check).</summary>
    public async Task RefreshIfChangedAsync(CancellationToken ct)
    {
        if (await repository.VersionAsync(ct) != _snapshot.Version) await ReloadAsync(ct);
    }

    /// <summary>Reloads for a NOTIFY carrying <paramref name="version"/>, unless the snapshot already has it.</summary>
    public async Task RefreshForVersionAsync(long version, CancellationToken ct)
    {
        if (version > _snapshot.Version) await ReloadAsync(ct);
    }
}
