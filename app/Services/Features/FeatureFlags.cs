using GitLabLite.Models.Features;
using GitLabLite.Repositories.Features;
using GitLabLite.Services.Caching;

namespace GitLabLite.Services.Features;

/// <summary>
/// GitLab's Feature.enabled?: answered from an in-memory snapshot of all persisted flags, never with SQL per call.
/// Every change to the flag tables (any process, or psql) is announced on the <see cref="ChangeBus"/> with its
/// stamp, and the next call reloads; the writer's barrier makes that hold everywhere before the change returns.
/// While the bus is not current, every call reloads.
/// </summary>
public sealed class FeatureFlags
{
    private readonly FeatureRepository _repository;
    private readonly FeatureDefinitions _definitions;
    private readonly ChangeBus _bus;
    private readonly SemaphoreSlim _reloading = new(1, 1);
    private volatile FeatureSnapshot _snapshot = FeatureSnapshot.Empty;
    // Changes announced (or resets) so far, and how many of them the snapshot had seen when it was read.
    private long _changes;
    private long _changesLoaded;

    public FeatureFlags(FeatureRepository repository, FeatureDefinitions definitions, ChangeBus bus)
    {
        _repository = repository;
        _definitions = definitions;
        _bus = bus;
        bus.Subscribe("flags", _ => Interlocked.Increment(ref _changes));
        bus.OnReset(() => Interlocked.Increment(ref _changes));
    }

    public FeatureSnapshot Snapshot => _snapshot;

    public FeatureDefinitions Definitions => _definitions;

    /// <summary>
    /// Whether <paramref name="name"/> is on for <paramref name="actor"/> (null: the instance-wide check) in the
    /// snapshot as loaded. A flag that was never set (or was deleted) answers its YAML default_enabled; an unknown flag is off.
    /// </summary>
    public bool Enabled(string name, FeatureActor? actor = null) =>
        _snapshot.Features.TryGetValue(name, out var feature)
            ? feature.IsOpen(actor, Random.Shared.NextDouble())
            : _definitions.DefaultEnabled(name);

    /// <summary>As <see cref="Enabled"/>, after reloading when a change was announced since the snapshot was read.</summary>
    public async ValueTask<bool> EnabledAsync(string name, FeatureActor? actor = null, CancellationToken ct = default)
    {
        if (!Fresh) await ReloadAsync(ct);
        return Enabled(name, actor);
    }

    private bool Fresh => _snapshot.Loaded && _bus.Current && Volatile.Read(ref _changesLoaded) == Volatile.Read(ref _changes);

    /// <summary>Reads all flags from the database. A snapshot never replaces a newer one (reloads can race).</summary>
    public async Task<FeatureSnapshot> ReloadAsync(CancellationToken ct)
    {
        await _reloading.WaitAsync(ct);
        try
        {
            var changes = Volatile.Read(ref _changes);
            var fresh = FeatureSnapshot.FromRows(await _repository.LoadAllAsync(ct));
            if (fresh.Version >= _snapshot.Version) _snapshot = fresh;
            Volatile.Write(ref _changesLoaded, changes);
            return _snapshot;
        }
        finally
        {
            _reloading.Release();
        }
    }
}
