namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// Where module zips live: the storage boundary of <see cref="ModuleZipCache"/>, which owns the policy (single
/// flight, verification, eviction). Keys are content addresses chosen by the caller (a build's inputs, a pulled
/// module version's file: its .zip, and its .mod and .info too): an entry, once committed, never changes. This node's entries are local files (sendfile, ranges);
/// a shared store (an object store bucket) also holds every node's entries, which <see cref="FetchAsync"/> brings here.
/// </summary>
public interface IModuleZipStore
{
    /// <summary>The committed entry when this node has it at hand (no network), or null (a half-written one counts as none).</summary>
    ModuleZipEntry? Find(string key);

    /// <summary>This node's committed entries, least recently committed first (the starting order for LRU eviction).</summary>
    IReadOnlyList<ModuleZipEntry> List();

    /// <summary>
    /// The entry another node committed to the shared store, made available here (downloaded and verified, or known
    /// to be in the bucket when downloads are redirected); null when the shared store has none. Without a shared
    /// store this is <see cref="Find"/>.
    /// </summary>
    Task<ModuleZipEntry?> FetchAsync(string key, CancellationToken ct);

    /// <summary>A fresh path to build into; it becomes the entry only through <see cref="CommitAsync"/>.</summary>
    string NewTempPath(string key);

    /// <summary>Makes the built file the entry atomically, with its metadata, in the shared store first when there is one.</summary>
    Task<ModuleZipEntry> CommitAsync(string key, string tempPath, long size, string h1, string sha256, CancellationToken ct);

    /// <summary>Drops this node's copy (eviction, damage); entries in a shared store stay for the other nodes.</summary>
    void Delete(string key);

    /// <summary>
    /// Removes the entry from this node and from the shared store (an administrator's purge), the commit marker
    /// first; other nodes' own copies are theirs to drop. Without a shared store this is <see cref="Delete"/>.
    /// </summary>
    Task PurgeAsync(string key, CancellationToken ct);

    /// <summary>Where clients should download the entry from instead of this node (a short-lived URL), or null to stream it from here.</summary>
    string? DownloadUrlOrNull(ModuleZipEntry entry);
}
