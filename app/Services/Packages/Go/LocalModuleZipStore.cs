using System.Text.Json;
using GitLabLite.Initializers;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// Module zips on the local filesystem under CachePath/go-zips/&lt;2 hex&gt;/&lt;key&gt;.zip, each with a
/// &lt;key&gt;.json sidecar holding size and hashes. The sidecar is written last (temp file + rename), so it is the
/// commit marker: a zip without one is an interrupted build and is never served.
/// </summary>
public sealed class LocalModuleZipStore(InstanceSettings settings) : IModuleZipStore
{
    private string Root => Path.Combine(settings.CachePath, "go-zips");

    public ModuleZipEntry? Find(string key)
    {
        var zip = ZipPath(key);
        var meta = ReadSidecar(key);
        return meta is not null && File.Exists(zip) ? new ModuleZipEntry(key, zip, meta.Size, meta.H1, meta.Sha256) : null;
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

    public string NewTempPath(string key)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(ZipPath(key))!);
        // The owner tag lets ZipCacheJanitor tell a dead process's leftovers from another live process's build.
        return $"{ZipPath(key)}.{ZipCacheJanitor.OwnerTag}.{Guid.NewGuid():N}.tmp";
    }

    public ModuleZipEntry Commit(string key, string tempPath, long size, string h1, string sha256)
    {
        var zip = ZipPath(key);
        File.Move(tempPath, zip, overwrite: true);
        var sidecarTemp = $"{SidecarPath(key)}.{Guid.NewGuid():N}.tmp";
        File.WriteAllBytes(sidecarTemp, JsonSerializer.SerializeToUtf8Bytes(new Sidecar(size, h1, sha256)));
        File.Move(sidecarTemp, SidecarPath(key), overwrite: true);
        return new ModuleZipEntry(key, zip, size, h1, sha256);
    }

    public void Delete(string key)
    {
        // The marker goes first so that a crash in between leaves an uncommitted zip, never a dangling entry.
        DeleteIfPresent(SidecarPath(key));
        DeleteIfPresent(ZipPath(key));
    }

    // File.Delete tolerates a missing file but not a missing directory (the whole cache may have been wiped).
    private static void DeleteIfPresent(string path)
    {
        if (File.Exists(path)) File.Delete(path);
    }

    private string ZipPath(string key) => Path.Combine(Root, key[..2], key + ".zip");

    private string SidecarPath(string key) => Path.Combine(Root, key[..2], key + ".json");

    private Sidecar? ReadSidecar(string key)
    {
        try
        {
            return JsonSerializer.Deserialize<Sidecar>(File.ReadAllBytes(SidecarPath(key)));
        }
        catch (Exception e) when (e is IOException or JsonException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    private sealed record Sidecar(long Size, string H1, string Sha256);
}
