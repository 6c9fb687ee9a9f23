using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using GitLabLite.Golang;
using GitLabLite.Initializers;
using Microsoft.Extensions.Options;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// Module zips built once and kept in an <see cref="IModuleZipStore"/>, addressed by (module, version, commit): a
/// version's bytes never change once served. Building is <see cref="CreateModuleZipService"/>'s; this cache decides
/// when to build and what may be served. Concurrent requests for the same cold zip share one build, which is called
/// off when every request waiting for it has gone. Every serve checks the file's size (one stat); the first serve
/// of an entry in this process also checks its SHA-256, so a truncated or damaged file is rebuilt rather than
/// served. The store is kept under GitLab:ZipCacheMaxBytes by evicting the least recently served entries after
/// each build. With a shared store (object storage), a zip another node committed is fetched instead of built, and
/// a lease in Postgres keeps two nodes from building the same zip at once.
/// </summary>
public sealed class ModuleZipCache
{
    private readonly Dictionary<string, Flight> _flights = new(StringComparer.Ordinal);
    private readonly Lazy<ConcurrentDictionary<string, Tracked>> _entries;
    private readonly IModuleZipStore _store;
    private readonly CreateModuleZipService _create;
    private readonly long _maxBytes;
    private readonly ILogger<ModuleZipCache> _logger;
    private readonly GoProxyMetrics _metrics;
    private readonly BuildLeases _leases;
    private readonly Lock _evictionLock = new();
    private long _totalBytes;

    public ModuleZipCache(IModuleZipStore store, CreateModuleZipService create, IOptions<GitLabOptions> options, ILogger<ModuleZipCache> logger,
        GoProxyMetrics metrics, BuildLeases leases)
    {
        _metrics = metrics;
        _leases = leases;
        _store = store;
        _create = create;
        _maxBytes = options.Value.ZipCacheMaxBytes;
        _logger = logger;
        _entries = new(() =>
        {
            var stored = store.List();
            _totalBytes = stored.Sum(e => e.Size);
            return new ConcurrentDictionary<string, Tracked>(stored.Select(e => KeyValuePair.Create(e.Key, new Tracked(e, verified: false))));
        });
    }

    /// <summary>
    /// The cached zip, building it first when needed; otherwise why there is none: Unprocessable when the version
    /// can never have one, Unavailable when the build limits left no room for now.
    /// </summary>
    public Task<ServiceResponse<ModuleZipEntry>> GetAsync(string repositoryPath, ModuleSource source, CancellationToken ct)
    {
        var key = Key(source);
        return GetOrCreateAsync(key, token => _create.ExecuteAsync(repositoryPath, source, key, token), ct);
    }

    /// <summary>
    /// The entry under <paramref name="key"/>, made by <paramref name="create"/> when there is none: a build from git,
    /// or a file pulled from an upstream proxy (a public module's .zip, .mod or .info, which share this store, its
    /// eviction and its checks). The creator
    /// commits the entry to the store; one creation per key runs at a time, and later callers wait for it.
    /// </summary>
    public async Task<ServiceResponse<ModuleZipEntry>> GetOrCreateAsync(string key, Func<CancellationToken, Task<ServiceResponse<ModuleZipEntry>>> create, CancellationToken ct)
    {
        if (Usable(key) is { } cached)
        {
            _metrics.ZipCacheHits.Add(1);
            return ServiceResponse<ModuleZipEntry>.Ok(cached);
        }
        _metrics.ZipCacheMisses.Add(1);
        Flight flight;
        lock (_flights)
        {
            if (!_flights.TryGetValue(key, out flight!))
                _flights[key] = flight = new Flight(token => CreateAsync(key, create, token));
            flight.Waiters++;
        }
        try
        {
            return await flight.Build.WaitAsync(ct);
        }
        finally
        {
            lock (_flights)
            {
                if (--flight.Waiters == 0)
                {
                    _flights.Remove(key);
                    // Nobody is left to serve it to: stop, so that a client storm that hangs up costs nothing more.
                    if (!flight.Build.IsCompleted) flight.Cancel();
                }
            }
        }
    }

    /// <summary>The entry under a key when it is there and intact (never creates one).</summary>
    public ModuleZipEntry? FindOrNull(string key) => Usable(key);

    /// <summary>The zip when it is cached and intact (never builds).</summary>
    public ModuleZipEntry? FindOrNull(ModuleSource source) => Usable(Key(source));

    /// <summary>
    /// Drops <paramref name="entry"/> (a zip that turned out not to be what was promised), so the next request
    /// rebuilds it; an entry that has been replaced since is left alone.
    /// </summary>
    public void Discard(ModuleZipEntry entry)
    {
        if (!_entries.Value.TryGetValue(entry.Key, out var tracked) || tracked.Entry != entry || !Forget(entry.Key, tracked)) return;
        _logger.LogWarning("Discarding module zip {Key} ({H1})", entry.Key, entry.H1);
        _store.Delete(entry.Key);
    }

    /// <summary>
    /// Forgets the entry under <paramref name="key"/> on this node (purged on another), so that the next request
    /// looks in the shared store and then creates it again.
    /// </summary>
    public void DropLocal(string key)
    {
        Untrack(key);
        _store.Delete(key);
    }

    /// <summary>Removes the entry under <paramref name="key"/> here and from the shared store (an administrator's purge).</summary>
    public Task PurgeAsync(string key, CancellationToken ct)
    {
        Untrack(key);
        return _store.PurgeAsync(key, ct);
    }

    private void Untrack(string key)
    {
        if (_entries.Value.TryGetValue(key, out var tracked)) Forget(key, tracked);
    }

    /// <summary>Where clients should download the entry instead of from this node (object storage without ProxyDownload), or null.</summary>
    public string? DownloadUrlOrNull(ModuleZipEntry entry) => _store.DownloadUrlOrNull(entry);

    /// <summary>The size of the version's zip when this node has it at hand; null otherwise (never builds).</summary>
    public long? CachedSizeOrNull(ModuleSource source) => _store.Find(Key(source))?.Size;

    private static string Key(ModuleSource source) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes($"{source.ModulePath}@{source.Version}\n{source.Commit}\n{source.Subdir}")));

    /// <summary>The entry when it is there and intact; a damaged one is dropped so that the caller rebuilds it.</summary>
    private ModuleZipEntry? Usable(string key)
    {
        var entries = _entries.Value;
        if (!entries.TryGetValue(key, out var tracked))
        {
            // Another process sharing the store may have built it.
            if (_store.Find(key) is not { } stored) return null;
            // Only in the object store (downloads are redirected there): nothing here to check or evict.
            if (stored.Path is null) return stored;
            var found = new Tracked(stored, verified: false);
            tracked = entries.GetOrAdd(key, found);
            if (ReferenceEquals(tracked, found)) Interlocked.Add(ref _totalBytes, stored.Size);
        }
        var entry = tracked.Entry;
        var file = new FileInfo(entry.Path!);
        if (!file.Exists || file.Length != entry.Size || !tracked.Verify())
        {
            // Only the request that retires this very entry deletes the file: a request that judged an entry which a
            // rebuild has since replaced would otherwise delete the fresh zip (under load this cascaded into rebuild loops).
            if (Forget(key, tracked))
            {
                _logger.LogWarning("Module zip {Key} is damaged (expected {Bytes} bytes, sha256 {Sha256}); rebuilding", key, entry.Size, entry.Sha256);
                _store.Delete(key);
            }
            return null;
        }
        tracked.Touch();
        return entry;
    }

    private bool Forget(string key, Tracked tracked)
    {
        if (!_entries.Value.TryRemove(new KeyValuePair<string, Tracked>(key, tracked))) return false;
        Interlocked.Add(ref _totalBytes, -tracked.Entry.Size);
        return true;
    }

    private async Task<ServiceResponse<ModuleZipEntry>> CreateAsync(string key, Func<CancellationToken, Task<ServiceResponse<ModuleZipEntry>>> create, CancellationToken ct)
    {
        // A request that found no entry may get here just after another creation finished and left the single-flight map.
        if (Usable(key) is { } built) return ServiceResponse<ModuleZipEntry>.Ok(built);
        // Another node may have stored it: bring it here rather than build it again.
        if (await FetchAsync(key, ct) is { } fetched) return ServiceResponse<ModuleZipEntry>.Ok(fetched);
        var (lease, leased) = await _leases.AcquireAsync(key, token => FetchAsync(key, token), ct);
        if (leased is not null) return ServiceResponse<ModuleZipEntry>.Ok(leased);
        await using var held = lease!;
        // The previous holder may have committed just before this node took over.
        if (await FetchAsync(key, ct) is { } late) return ServiceResponse<ModuleZipEntry>.Ok(late);
        var result = await create(ct);
        if (result.Payload is { } entry) Remember(entry);
        return result;
    }

    /// <summary>The entry from the shared store (another node's build), tracked here like one of this node's.</summary>
    private async Task<ModuleZipEntry?> FetchAsync(string key, CancellationToken ct)
    {
        if (await _store.FetchAsync(key, ct) is not { } fetched) return null;
        Remember(fetched);
        return fetched;
    }

    private void Remember(ModuleZipEntry entry)
    {
        // Only in the object store (downloads are redirected there): no local bytes to count.
        if (entry.Path is null) return;
        var entries = _entries.Value;
        var tracked = new Tracked(entry, verified: true);
        tracked.Touch();
        lock (_evictionLock)
        {
            var replaced = 0L;
            entries.AddOrUpdate(entry.Key, tracked, (_, old) => { replaced = old.Entry.Size; return tracked; });
            Interlocked.Add(ref _totalBytes, entry.Size - replaced);
            if (Interlocked.Read(ref _totalBytes) <= _maxBytes) return;
            // Least recently served first; the zip just built is about to be served, so it stays.
            foreach (var (key, victim) in entries.Where(e => e.Key != entry.Key).OrderBy(e => e.Value.LastUsed).ToList())
            {
                if (Interlocked.Read(ref _totalBytes) <= _maxBytes) break;
                if (!entries.TryRemove(new KeyValuePair<string, Tracked>(key, victim))) continue;
                Interlocked.Add(ref _totalBytes, -victim.Entry.Size);
                _store.Delete(key);
                _metrics.ZipCacheEvictions.Add(1);
                _logger.LogInformation("Evicted module zip {Key} ({Bytes} bytes) to stay under {Max} bytes", key, victim.Entry.Size, _maxBytes);
            }
        }
    }

    /// <summary>One creation and the requests waiting for it; it runs on its own token, cancelled only when they all leave.</summary>
    private sealed class Flight
    {
        private readonly CancellationTokenSource _cancel = new();

        // Started on the pool: the caller holds the single-flight lock, and a build begins with a hash check.
        public Flight(Func<CancellationToken, Task<ServiceResponse<ModuleZipEntry>>> build) => Build = Task.Run(() => build(_cancel.Token));

        public Task<ServiceResponse<ModuleZipEntry>> Build { get; }

        public int Waiters { get; set; }

        public void Cancel() => _cancel.Cancel();
    }

    /// <summary>An entry with its last use (for LRU) and whether this process has checked its hash.</summary>
    private sealed class Tracked(ModuleZipEntry entry, bool verified)
    {
        // Not new Lazy<bool>(true): that is the isThreadSafe overload, whose Value is false, which made every zip
        // built by this process read as damaged on its next serve and rebuilt (warm downloads were rebuilds).
        private readonly Lazy<bool> _verified = verified ? new Lazy<bool>(() => true) : new Lazy<bool>(() =>
            Convert.ToHexStringLower(FileSha256(entry.Path!)) == entry.Sha256);

        public ModuleZipEntry Entry { get; } = entry;

        public long LastUsed { get; private set; }

        public void Touch() => LastUsed = Stopwatch.GetTimestamp();

        /// <summary>Hashes the file once per process; concurrent first requests share the one check.</summary>
        public bool Verify() => _verified.Value;

        private static byte[] FileSha256(string path)
        {
            try
            {
                using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 20, FileOptions.SequentialScan);
                return SHA256.HashData(stream);
            }
            catch (IOException)
            {
                return [];
            }
        }
    }
}
