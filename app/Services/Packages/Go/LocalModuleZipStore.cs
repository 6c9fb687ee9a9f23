using GitLabLite.Initializers;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// Module zips on the local filesystem under CachePath/go-zips/&lt;2 hex&gt;/&lt;key&gt;.zip, each with a
/// &lt;key&gt;.json sidecar holding size and hashes. The sidecar is written last (temp file + rename), so it is the
/// commit marker: a zip without one is an interrupted build and is never served. The whole store when there is no
/// object store, and each node's disk cache in front of it when there is one.
/// </summary>
public sealed class LocalModuleZipStore(InstanceSettings settings) : IModuleZipStore
{
    private string Root => Path.Combine(settings.CachePath, "go-zips");

    /// <summary>Where an entry's file lives relative to the store's root, with "/" separators: the same layout locally and in a bucket.</summary>
    public static string RelativePath(string key, string extension) => $"go-zips/{key[..2]}/{key}{extension}";

    public ModuleZipEntry? Find(string key)
    {
        var zip = ZipPath(key);
        var facts = ReadSidecar(key);
        return facts is not null && File.Exists(zip) ? new ModuleZipEntry(key, zip, facts.Size, facts.H1, facts.Sha256) : null;
    }

    public IReadOnlyList<ModuleZipEntry> List()
    {
        if (!Directory.Exists(Root)) return [];
        return new DirectoryInfo(Root).EnumerateFiles("*.json", SearchOption.AllDirectories)
            .OrderBy(f => f.LastWriteTimeUtc)
            .Select(f => Find(Path.GetFileNameWithoutExtension(f.Name)))
            .OfType<ModuleZipEntry>()
            .ToList();
    }

    public Task<ModuleZipEntry?> FetchAsync(string key, CancellationToken ct) => Task.FromResult(Find(key));

    public string NewTempPath(string key)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ZipPath(key))!);
        // The owner tag lets ZipCacheJanitor tell a dead process's leftovers from another live process's build.
        return $"{ZipPath(key)}.{ZipCacheJanitor.OwnerTag}.{Guid.NewGuid():N}.tmp";
    }

    public Task<ModuleZipEntry> CommitAsync(string key, string tempPath, long size, string h1, string sha256, CancellationToken ct) =>
        Task.FromResult(Commit(key, tempPath, new ModuleZipFacts(size, h1, sha256)));

    public ModuleZipEntry Commit(string key, string tempPath, ModuleZipFacts facts)
    {
        var zip = ZipPath(key);
        File.Move(tempPath, zip, overwrite: true);
        var sidecarTemp = $"{SidecarPath(key)}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(sidecarTemp, facts.ToJson());
        File.Move(sidecarTemp, SidecarPath(key), overwrite: true);
        return new ModuleZipEntry(key, zip, facts.Size, facts.H1, facts.Sha256);
    }

    public void Delete(string key)
    {
        // The marker goes first so that a crash in between leaves an uncommitted zip, never a dangling entry.
        DeleteIfPresent(SidecarPath(key));
        DeleteIfPresent(ZipPath(key));
    }

    public Task PurgeAsync(string key, CancellationToken ct)
    {
        Delete(key);
        return Task.CompletedTask;
    }

    public string? DownloadUrlOrNull(ModuleZipEntry entry) => null;

    // File.Delete tolerates a missing file but not a missing directory (the whole cache may have been wiped).
    private static void DeleteIfPresent(string path)
    {
        if (File.Exists(path)) File.Delete(path);
    }

    private string ZipPath(string key) => Path.Combine(settings.CachePath, RelativePath(key, ".zip"));

    private string SidecarPath(string key) => Path.Combine(settings.CachePath, RelativePath(key, ".json"));

    private ModuleZipFacts? ReadSidecar(string key)
    {
        try
        {
            return ModuleZipFacts.FromJsonOrNull(File.ReadAllBytes(SidecarPath(key)));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}
