using System.Collections.Concurrent;

namespace GitLabLite.Services.Caching;

/// <summary>
/// A map of answers read from the database, trusted only while the <see cref="ChangeBus"/> is current and emptied
/// on every bus reset; its owner subscribes to the topics that invalidate entries. A value loaded while an entry was
/// being invalidated is not stored (<see cref="Epoch"/>): the load may have read the row before the change.
/// </summary>
public sealed class BusCache<TKey, TValue> where TKey : notnull
{
    private readonly ConcurrentDictionary<TKey, TValue> _entries = new();
    private readonly ChangeBus _bus;
    private readonly int _maxEntries;
    private readonly Lock _changes = new();
    private long _epoch;

    /// <param name="maxEntries">Beyond this the cache starts over: a crude bound that costs reads, never correctness.</param>
    public BusCache(ChangeBus bus, int maxEntries)
    {
        _bus = bus;
        _maxEntries = maxEntries;
        bus.OnReset(Clear);
    }

    /// <summary>Take it before loading a value, and hand it to <see cref="Store"/>.</summary>
    public long Epoch => Volatile.Read(ref _epoch);

    public bool TryGet(TKey key, out TValue value)
    {
        if (_bus.Current && _entries.TryGetValue(key, out value!)) return true;
        value = default!;
        return false;
    }

    /// <summary>Keeps <paramref name="value"/> unless anything was invalidated since <paramref name="epoch"/> was taken.</summary>
    public void Store(TKey key, TValue value, long epoch)
    {
        lock (_changes)
        {
            if (_epoch != epoch || !_bus.Current) return;
            if (_entries.Count >= _maxEntries) _entries.Clear();
            _entries[key] = value;
        }
    }

    public void RemoveWhere(Func<TKey, TValue, bool> match)
    {
        lock (_changes)
        {
            _epoch++;
            foreach (var (key, value) in _entries)
                if (match(key, value)) _entries.TryRemove(key, out _);
        }
    }

    public void Clear()
    {
        lock (_changes)
        {
            _epoch++;
            _entries.Clear();
        }
    }
}
