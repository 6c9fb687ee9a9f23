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
        var digests = new List<(string Name, string Sha256)>(cf.Valid.Count);
        // Files are read here, in order (sources may be sequential, like a git cat-file stream), and compressed and
        // hashed (SHA-256 for h1, CRC-32 for the zip) on the thread pool, then written in order: Deflate is most of
        // the cost of a cold zip, and one thread would leave the other cores idle. Small files go in batches, so
        // that a tree of 50,000 small files is a thousand pool tasks rather than 50,000. Large files are streamed
        // instead, to bound memory.
        var pending = new Queue<Task<CompressedFile[]>>();
        var window = Math.Max(2, Environment.ProcessorCount * 2);
        var batch = new List<(string Name, byte[] Data, int Length)>();
        var batchBytes = 0L;
        void WriteOldest()
        {
            foreach (var compressed in pending.Dequeue().GetAwaiter().GetResult())
            {
                zip.Add(compressed);
                digests.Add((compressed.Name, Convert.ToHexStringLower(compressed.Sha256)));
            }
        }
        void Submit()
        {
            if (batch.Count == 0) return;
            var files = batch.ToArray();
            batch.Clear();
            batchBytes = 0;
            pending.Enqueue(Task.Run(() => Array.ConvertAll(files, f => ZipFileWriter.Compress(f.Name, f.Data, f.Length))));
            if (pending.Count >= window) WriteOldest();
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
                if (!tooLarge)
                {
                    batch.Add((prefix + f.Path, data, length));
                    batchBytes += length;
                    if (batchBytes >= BatchBytes || batch.Count >= BatchFiles) Submit();
                }
            }
            else
            {
                Submit();
                while (pending.Count > 0) WriteOldest();
                if (zip.AddStreaming(prefix + f.Path, source, f.Size) is { } sha256) digests.Add((prefix + f.Path, Convert.ToHexStringLower(sha256)));
                else tooLarge = true;
            }
            if (tooLarge) return new ModuleZipResult($"create zip: file {GoString.Quote(f.Path)} is larger than declared size", cf);
        }
        Submit();
        while (pending.Count > 0) WriteOldest();
        zip.Finish();
        return new ModuleZipResult(null, cf) { H1 = DirHash.Hash1FromDigests(digests) };
    }

    /// <summary>A batch is compressed by one pool task once it holds this many bytes or <see cref="BatchFiles"/> files.</summary>
    private const long BatchBytes = 256 * 1024;

    private const int BatchFiles = 64;
}
