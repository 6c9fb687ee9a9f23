using System.Collections.Concurrent;
using GitLabLite.Initializers;
using GitLabLite.Services.ObjectStorage;
using Microsoft.Extensions.Options;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// Module zips in an object store bucket shared by every node, laid out as the local store is
/// (go-zips/&lt;2 hex&gt;/&lt;key&gt;.zip and .json). A commit uploads the zip (multipart: visible only when complete)
/// and then its sidecar, the commit marker: a zip without a sidecar, or one whose bytes do not match it, is never
/// served. With ProxyDownload (the default) every node keeps the zips it serves in its own
/// <see cref="LocalModuleZipStore"/>, the bounded disk cache in front of the bucket, and streams them from there;
/// without it, nodes keep nothing and send clients to a presigned URL of the object instead.
/// </summary>
public sealed class ObjectStoreModuleZipStore(
    LocalModuleZipStore local, S3ObjectStore bucket, IOptions<ObjectStoreOptions> options, ILogger<ObjectStoreModuleZipStore> logger) : IModuleZipStore
{
    // Entries known to be committed in the bucket (redirect mode only). Committed entries never change, so knowing
    // one once is enough; the bound only caps memory.
    private const int KnownLimit = 100_000;
    private readonly ConcurrentDictionary<string, ModuleZipEntry> _known = new(StringComparer.Ordinal);
    private readonly bool _redirect = !options.Value.ProxyDownload;
    private readonly TimeSpan _urlValidity = TimeSpan.FromSeconds(options.Value.PresignedUrlSeconds);

    public ModuleZipEntry? Find(string key) => _redirect ? _known.GetValueOrDefault(key) : local.Find(key);

    public IReadOnlyList<ModuleZipEntry> List() => _redirect ? [] : local.List();

    public async Task<ModuleZipEntry?> FetchAsync(string key, CancellationToken ct)
    {
        if (Find(key) is { } here) return here;
        var sidecar = await bucket.GetBytesOrNullAsync(LocalModuleZipStore.RelativePath(key, ".json"), ct);
        if (sidecar is null) return null;
        if (ModuleZipFacts.FromJsonOrNull(sidecar) is not { } facts)
        {
            logger.LogWarning("Object store sidecar of module zip {Key} is unreadable; the zip will be rebuilt", key);
            return null;
        }
        if (_redirect) return Know(new ModuleZipEntry(key, null, facts.Size, facts.H1, facts.Sha256));
        var temp = local.NewTempPath(key);
        try
        {
            var downloaded = await bucket.DownloadOrNullAsync(LocalModuleZipStore.RelativePath(key, ".zip"), temp, ct);
            if (downloaded is not { } got || got.Length != facts.Size || got.Sha256 != facts.Sha256)
            {
                logger.LogWarning("Module zip {Key} in the object store does not match its sidecar ({Found} against {Size} bytes, sha256 {Sha256}); it will be rebuilt",
                    key, downloaded?.Length.ToString() ?? "missing", facts.Size, facts.Sha256);
                return null;
            }
            return local.Commit(key, temp, facts);
        }
        finally
        {
            if (File.Exists(temp)) File.Delete(temp);
        }
    }

    public string NewTempPath(string key) => local.NewTempPath(key);

    public async Task<ModuleZipEntry> CommitAsync(string key, string tempPath, long size, string h1, string sha256, CancellationToken ct)
    {
        var facts = new ModuleZipFacts(size, h1, sha256);
        await bucket.UploadFileAsync(LocalModuleZipStore.RelativePath(key, ".zip"), tempPath, "application/zip", ct);
        await bucket.PutAsync(LocalModuleZipStore.RelativePath(key, ".json"), facts.ToJson(), "application/json", ct);
        if (!_redirect) return local.Commit(key, tempPath, facts);
        File.Delete(tempPath);
        return Know(new ModuleZipEntry(key, null, size, h1, sha256));
    }

    public void Delete(string key)
    {
        if (_redirect) _known.TryRemove(key, out _);
        else local.Delete(key);
    }

    public async Task PurgeAsync(string key, CancellationToken ct)
    {
        Delete(key);
        // The sidecar first, as in a commit backwards: a purge cut short leaves an uncommitted zip, never an entry.
        await bucket.DeleteAsync(LocalModuleZipStore.RelativePath(key, ".json"), ct);
        await bucket.DeleteAsync(LocalModuleZipStore.RelativePath(key, ".zip"), ct);
    }

    public string? DownloadUrlOrNull(ModuleZipEntry entry) =>
        _redirect ? bucket.PresignedGetUrl(LocalModuleZipStore.RelativePath(entry.Key, ".zip"), _urlValidity) : null;

    private ModuleZipEntry Know(ModuleZipEntry entry)
    {
        if (_known.Count >= KnownLimit) _known.Clear();
        _known[entry.Key] = entry;
        return entry;
    }
}
