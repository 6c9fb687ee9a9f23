namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// Where built module zips live: the storage boundary of <see cref="ModuleZipCache"/>, which owns the policy
/// (single flight, verification, eviction). Entries are served as local files (sendfile, ranges), so a remote store
/// would keep a local copy here. Keys are content addresses: an entry, once committed, never changes.
/// </summary>
public interface IModuleZipStore
{
    /// <summary>The committed entry, or null when there is none (a half-written one counts as none).</summary>
    ModuleZipEntry? Find(string key);

    /// <summary>Every committed entry, least recently committed first (the starting order for LRU eviction).</summary>
    IReadOnlyList<ModuleZipEntry> List();

    /// <summary>A fresh path to build into; it becomes the entry only through <see cref="Commit"/>.</summary>
    string NewTempPath(string key);

    /// <summary>Makes the built file the entry atomically, with its metadata.</summary>
    ModuleZipEntry Commit(string key, string tempPath, long size, string h1, string sha256);

    void Delete(string key);
}
