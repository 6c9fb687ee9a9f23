using System.Collections.Concurrent;
using System.Diagnostics;
using System.Security.Cryptography;
using System.Text;
using GitLabLite.Models.Packages.Go;
using GitLabLite.Git;
using GitLabLite.Golang;
using GitLabLite.Initializers;
using Microsoft.Extensions.Options;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// Module zips built once and kept in an <see cref="IModuleZipStore"/>, addressed by (module, version, commit): a
/// version's bytes never change once served. Concurrent requests for the same cold zip share one build. Every serve
/// checks the file's size (one stat); the first serve of an entry in this process also checks its SHA-256, so a
/// truncated or damaged file is rebuilt rather than served. The store is kept under GitLab:ZipCacheMaxBytes by
/// evicting the least recently served entries after each build.
/// </summary>
public sealed class ModuleZipCache
{
    private readonly ConcurrentDictionary<string, Lazy<Task<ZipBuild>>> _building = new();
    private readonly Lazy<ConcurrentDictionary<string, Tracked>> _entries;
    private readonly IModuleZipStore _store;
    private readonly InstanceSettings _settings;
    private readonly long _maxBytes;
    private readonly ILogger<ModuleZipCache> _logger;
    private readonly Lock _evictionLock = new();
    private long _builds;
    private long _totalBytes;

    public ModuleZipCache(IModuleZipStore store, InstanceSettings settings, IOptions<GitLabOptions> options, ILogger<ModuleZipCache> logger)
    {
        _store = store;
        _settings = settings;
        _maxBytes = options.Value.ZipCacheMaxBytes;
        _logger = logger;
        _entries = new(() =>
        {
            var stored = store.List();
            _totalBytes = stored.Sum(e => e.Size);
            return new ConcurrentDictionary<string, Tracked>(stored.Select(e => KeyValuePair.Create(e.Key, new Tracked(e, verified: false))));
        });
    }

    /// <summary>Zips built by this process so far (specs count builds to see single flight and rebuilds).</summary>
    public long Builds => Interlocked.Read(ref _builds);

    /// <summary>The cached zip, building it first when needed, or the reason the version has no valid zip.</summary>
    public async Task<GoResult<ModuleZipEntry>> GetAsync(Module module, ModuleSource source, CancellationToken ct)
    {
        var key = Key(source);
        if (Usable(key) is { } cached) return GoResult<ModuleZipEntry>.Ok(cached);
        var build = _building.GetOrAdd(key, _ => new Lazy<Task<ZipBuild>>(() => BuildAsync(module.RepositoryPath, source, key)));
        try
        {
            // The build runs to completion even if this caller goes away: others may be waiting on it.
            var result = await build.Value.WaitAsync(ct);
            return result.Entry is { } entry ? GoResult<ModuleZipEntry>.Ok(entry) : GoResult<ModuleZipEntry>.Fail(result.Error!);
        }
        finally
        {
            if (build.Value.IsCompleted) _building.TryRemove(new KeyValuePair<string, Lazy<Task<ZipBuild>>>(key, build));
        }
    }

    /// <summary>The size of the version's zip when it has been built already; null until then (never builds).</summary>
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
            var found = new Tracked(stored, verified: false);
            tracked = entries.GetOrAdd(key, found);
            if (ReferenceEquals(tracked, found)) Interlocked.Add(ref _totalBytes, stored.Size);
        }
        var entry = tracked.Entry;
        var file = new FileInfo(entry.Path);
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

    /// <summary>Builds on its own reader: the requesting one belongs to a request that may end first.</summary>
    private Task<ZipBuild> BuildAsync(string repositoryPath, ModuleSource source, string key) => Task.Run(async () =>
    {
        // A request that found no entry may get here just after another build finished and left the single-flight map.
        if (Usable(key) is { } built) return new ZipBuild(built, null);
        var temp = _store.NewTempPath(key);
        try
        {
            Interlocked.Increment(ref _builds);
            var started = Stopwatch.GetTimestamp();
            using var git = GitRepositoryReader.OpenOrNull(repositoryPath) ?? throw new IOException($"repository {repositoryPath} is gone");
            using var blobs = new GitBlobBatch(repositoryPath);
            GitArchive? archive = null;
            try
            {
                var files = ModuleFiles.FromObjects(git, source, blobs.Open);
                if (files is null)
                {
                    try
                    {
                        archive = await GitArchive.ExtractAsync(repositoryPath, source.Commit, source.Subdir, _settings.CachePath, CancellationToken.None);
                    }
                    catch (GitArchiveTooLargeException e)
                    {
                        return new ZipBuild(null, e.Message);
                    }
                    files = ModuleFiles.FromArchive(git, source, archive, blobs.Open);
                }
                var prefix = $"{source.ModulePath}@{source.Version}/";
                // By name: the zip rules read the root go.mod once more (for its go version), and a list would count it twice.
                var digests = new ConcurrentDictionary<string, string>(StringComparer.Ordinal);
                var hashed = files.Select(f => f.Open is { } open
                    ? f with { Open = () => new DigestingStream(open(), hex => digests[prefix + f.Path] = hex) }
                    : f).ToList();
                ModuleZipResult result;
                var sha256 = "";
                await using (var file = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 1 << 20))
                {
                    // On a thread of its own: the writer waits on compressions that run on the thread pool, and blocking a
                    // pool thread for that would leave one core's worth of them waiting for the pool to grow.
                    using (var output = new DigestingStream(file, hex => sha256 = hex, leaveInnerOpen: true))
                        result = await Task.Factory.StartNew(
                            () => ModuleZipWriter.Create(output, source.ModulePath, source.Version, hashed,
                                valid => blobs.Prefetch(valid.Select(f => f.BlobId).OfType<string>())),
                            CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
                    await file.FlushAsync();
                    file.Flush(flushToDisk: true);
                }
                if (!result.Success) return new ZipBuild(null, result.Error);
                var h1 = DirHash.Hash1FromDigests(digests.Select(d => (d.Key, d.Value))) ?? throw new InvalidOperationException("zip entry name with a newline passed the zip rules");
                var size = new FileInfo(temp).Length;
                var entry = _store.Commit(key, temp, size, h1, sha256);
                Remember(entry);
                _logger.LogInformation("Built module zip {Module}@{Version} ({Bytes} bytes, {H1}) in {Elapsed} ms",
                    source.ModulePath, source.Version, size, h1, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                return new ZipBuild(entry, null);
            }
            finally
            {
                archive?.Dispose();
            }
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    });

    private void Remember(ModuleZipEntry entry)
    {
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
                _logger.LogInformation("Evicted module zip {Key} ({Bytes} bytes) to stay under {Max} bytes", key, victim.Entry.Size, _maxBytes);
            }
        }
    }

    private sealed record ZipBuild(ModuleZipEntry? Entry, string? Error);

    /// <summary>An entry with its last use (for LRU) and whether this process has checked its hash.</summary>
    private sealed class Tracked(ModuleZipEntry entry, bool verified)
    {
        // Not new Lazy<bool>(true): that is the isThreadSafe overload, whose Value is false, which made every zip
        // built by this process read as damaged on its next serve and rebuilt (warm downloads were rebuilds).
        private readonly Lazy<bool> _verified = verified ? new Lazy<bool>(() => true) : new Lazy<bool>(() =>
            Convert.ToHexStringLower(FileSha256(entry.Path)) == entry.Sha256);

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
