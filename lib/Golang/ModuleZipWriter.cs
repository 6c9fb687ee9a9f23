using System.IO.Compression;

namespace GitLabLite.Golang;

/// <summary>
/// Writes module zips like x/mod/zip Create (go.dev/ref/mod#zip-files): entries
/// <c>&lt;module&gt;@&lt;version&gt;/&lt;path&gt;</c> in input order, Deflate, a fixed timestamp, and no
/// directory entries (they would change the h1 hash, go-proxy-protocol.md section 6.1).
/// Works on non-seekable output (ZipArchive Create mode streams with data descriptors).
/// </summary>
public static class ModuleZipWriter
{
    // Go writes a zero modified time; 1980-01-01 is the earliest DOS time and keeps output deterministic.
    private static readonly DateTimeOffset FixedTime = new(1980, 1, 1, 0, 0, 0, TimeSpan.Zero);

    /// <summary>
    /// Checks the module path/version and files, then writes the zip. Nothing is written when
    /// the checks fail. If a file turns out longer than its declared size the result is an
    /// error and the output is incomplete (discard it).
    /// </summary>
    public static ModuleZipResult Create(Stream output, string modulePath, string version, IReadOnlyList<ModuleFileEntry> files)
    {
        var pre = ModuleVersion.CheckZipModuleVersion(modulePath, version);
        if (pre is not null)
        {
            return new ModuleZipResult("create zip: " + pre, null);
        }
        var cf = ModuleZipRules.CheckFiles(files);
        if (cf.Error is { } err)
        {
            return new ModuleZipResult("create zip: " + err, cf);
        }
        var prefix = $"{modulePath}@{version}/";
        using (var archive = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var f in cf.Valid)
            {
                var entry = archive.CreateEntry(prefix + f.Path, CompressionLevel.Optimal);
                entry.LastWriteTime = FixedTime;
                using var target = entry.Open();
                using var source = f.Open?.Invoke() ?? Stream.Null;
                if (!CopyLimited(source, target, f.Size))
                {
                    return new ModuleZipResult($"create zip: file {GoString.Quote(f.Path)} is larger than declared size", cf);
                }
            }
        }
        return new ModuleZipResult(null, cf);
    }

    /// <summary>Create for a directory-like tree: applies the listFilesInDir rules first (zip.go CreateFromDir).</summary>
    public static ModuleZipResult CreateFromTree(Stream output, string modulePath, string version, IEnumerable<ModuleFileEntry> tree) =>
        Create(output, modulePath, version, ModuleZipRules.ListDirectoryTree(tree).Files);

    // Copies at most size bytes; false if the source has more (zip.go addFile LimitedReader N: size+1).
    private static bool CopyLimited(Stream source, Stream target, long size)
    {
        var buffer = new byte[81920];
        var remaining = size + 1;
        int n;
        while (remaining > 0 && (n = source.Read(buffer, 0, (int)Math.Min(buffer.Length, remaining))) > 0)
        {
            remaining -= n;
            target.Write(buffer, 0, n);
        }
        return remaining > 0;
    }
}
