namespace GitLabLite.Golang;

/// <summary>
/// Writes module zips like x/mod/zip Create (go.dev/ref/mod#zip-files): entries
/// <c>&lt;module&gt;@&lt;version&gt;/&lt;path&gt;</c> in input order, Deflate, a fixed timestamp, and no
/// directory entries (they would change the h1 hash, go-proxy-protocol.md section 6.1).
/// Forward-only: works on non-seekable output.
/// </summary>
public static class ModuleZipWriter
{
    /// <summary>Files up to this size are read whole and compressed in parallel; larger ones are streamed.</summary>
    internal const long InMemoryFileLimit = 1 << 20;

    /// <summary>
    /// Checks the module path/version and files, then writes the zip. Nothing is written when
    /// the checks fail. If a file turns out longer than its declared size the result is an
    /// error and the output is incomplete (discard it). <paramref name="beforeWrite"/> gets the
    /// files that pass the checks, in the order they will be opened, before the first is opened.
    /// </summary>
    public static ModuleZipResult Create(Stream output, string modulePath, string version, IReadOnlyList<ModuleFileEntry> files,
        Action<IReadOnlyList<ModuleFileEntry>>? beforeWrite = null)
    {
        var pre = ModuleVersionRules.CheckZipModuleVersion(modulePath, version);
        if (pre is not null)
        {
            return new ModuleZipResult("create zip: " + pre, null);
        }
        var cf = ModuleZipRules.CheckFiles(files);
        if (cf.Error is { } err)
        {
            return new ModuleZipResult("create zip: " + err, cf);
        }
        beforeWrite?.Invoke(cf.Valid);
        var prefix = $"{modulePath}@{version}/";
        var zip = new ZipFileWriter(output);
        // Files are read here, in order (sources may be sequential, like a git cat-file stream), and compressed on
        // the thread pool a few at a time, then written in order: Deflate is most of the cost of a cold zip, and one
        // thread would leave the other cores idle. Large files are streamed instead, to bound memory.
        var pending = new Queue<(string Name, Task<CompressedFile> Compressed)>();
        var window = Math.Max(2, Environment.ProcessorCount * 2);
        void WriteOldest()
        {
            var (name, compressed) = pending.Dequeue();
            zip.Add(name, compressed.GetAwaiter().GetResult());
        }
        foreach (var f in cf.Valid)
        {
            using var source = f.Open?.Invoke() ?? Stream.Null;
            var tooLarge = false;
            if (f.Size <= InMemoryFileLimit)
            {
                var data = new byte[f.Size + 1];
                var length = source.ReadAtLeast(data, data.Length, throwOnEndOfStream: false);
                tooLarge = length > f.Size;
                if (!tooLarge) pending.Enqueue((prefix + f.Path, Task.Run(() => ZipFileWriter.Compress(data, length))));
                if (pending.Count >= window) WriteOldest();
            }
            else
            {
                while (pending.Count > 0) WriteOldest();
                tooLarge = !zip.AddStreaming(prefix + f.Path, source, f.Size);
            }
            if (tooLarge) return new ModuleZipResult($"create zip: file {GoString.Quote(f.Path)} is larger than declared size", cf);
        }
        while (pending.Count > 0) WriteOldest();
        zip.Finish();
        return new ModuleZipResult(null, cf);
    }
}
