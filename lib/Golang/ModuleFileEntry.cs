namespace GitLabLite.Golang;

/// <summary>
/// One entry of a module tree, relative to the module root, slash-separated (the x/mod/zip File
/// abstraction). <paramref name="Open"/> returns a fresh stream over the contents of a regular
/// file; it is only called for files that end up in the zip and for the root go.mod.
/// </summary>
/// <param name="Path">Slash-separated path relative to the module root.</param>
/// <param name="Size">Declared size in bytes (used for limits; the writer refuses content longer than this).</param>
/// <param name="Kind">The entry kind.</param>
/// <param name="Open">Opens the contents; null for non-regular entries.</param>
public sealed record ModuleFileEntry(string Path, long Size, ModuleFileKind Kind, Func<Stream>? Open)
{
    /// <summary>
    /// The git blob that holds the contents, when they come from a repository's object store; a writer's caller can
    /// then fetch the blobs about to be written in one pass (<see cref="ModuleZipWriter.Create"/>'s beforeWrite).
    /// </summary>
    public string? BlobId { get; init; }

    /// <summary>A regular file held in memory.</summary>
    public static ModuleFileEntry FromBytes(string path, byte[] data) =>
        new(path, data.LongLength, ModuleFileKind.Regular, () => new MemoryStream(data, writable: false));

    /// <summary>A symbolic link (contents are never read).</summary>
    public static ModuleFileEntry Symlink(string path) => new(path, 0, ModuleFileKind.Symlink, null);

    /// <summary>A git submodule (gitlink).</summary>
    public static ModuleFileEntry Submodule(string path) => new(path, 0, ModuleFileKind.Submodule, null);

    /// <summary>A directory marker.</summary>
    public static ModuleFileEntry Directory(string path) => new(path, 0, ModuleFileKind.Directory, null);

    /// <summary>Reads the whole contents (for small files such as go.mod); null if it cannot be opened.</summary>
    public byte[]? ReadAll()
    {
        if (Open is null)
        {
            return null;
        }
        try
        {
            using var s = Open();
            using var ms = new MemoryStream();
            s.CopyTo(ms);
            return ms.ToArray();
        }
        catch (IOException)
        {
            return null;
        }
    }
}
