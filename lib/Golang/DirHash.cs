using System.IO.Compression;
using System.IO.MemoryMappedFiles;
using System.Runtime.ExceptionServices;
using System.Security.Cryptography;
using System.Text;

namespace GitLabLite.Golang;

/// <summary>
/// The <c>h1:</c> hashes recorded in go.sum (x/mod/sumdb/dirhash Hash1, HashZip; fetch.go
/// goModSum; go-proxy-protocol.md section 6.7). Returns null instead of throwing when a name
/// contains a newline.
/// </summary>
public static class DirHash
{
    /// <summary>
    /// dirhash.Hash1: sort names by UTF-8 byte order, hash each file with SHA-256, hash the
    /// lines <c>hex  name\n</c>, and return <c>h1:</c> + base64. Null if a name contains <c>\n</c>.
    /// </summary>
    public static string? Hash1(IEnumerable<(string Name, Func<Stream> Open)> files) =>
        HashSummary(files.Select(f => (f.Name, (Func<string>)(() =>
        {
            using var s = f.Open();
            return Convert.ToHexStringLower(SHA256.HashData(s));
        }))));

    /// <summary>
    /// Hash1 when each file's SHA-256 (lower-case hex) is already known, e.g. computed while the file was zipped.
    /// </summary>
    public static string? Hash1FromDigests(IEnumerable<(string Name, string Sha256Hex)> files) =>
        HashSummary(files.Select(f => (f.Name, (Func<string>)(() => f.Sha256Hex))));

    private static string? HashSummary(IEnumerable<(string Name, Func<string> Digest)> files)
    {
        // Names are encoded once: comparing strings by their UTF-8 bytes encodes both on every comparison, which took
        // ~0.4 s of a 50,000-file zip build.
        var list = files.Select(f => (Utf8: GoString.EncodeUtf8(f.Name), f.Name, f.Digest)).ToList();
        if (list.Exists(f => f.Name.Contains('\n', StringComparison.Ordinal)))
        {
            return null;
        }
        list.Sort((a, b) => a.Utf8.AsSpan().SequenceCompareTo(b.Utf8));
        using var summary = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (utf8, _, digest) in list)
        {
            summary.AppendData(Encoding.ASCII.GetBytes(digest()));
            summary.AppendData("  "u8);
            summary.AppendData(utf8);
            summary.AppendData("\n"u8);
        }
        return "h1:" + Convert.ToBase64String(summary.GetHashAndReset());
    }

    /// <summary>Hash1 over in-memory files.</summary>
    public static string? Hash1(IEnumerable<(string Name, byte[] Data)> files) =>
        Hash1(files.Select(f => (f.Name, (Func<Stream>)(() => new MemoryStream(f.Data, writable: false)))));

    /// <summary>
    /// The go.sum <c>/go.mod</c> hash: Hash1 over a single file named <c>go.mod</c> with the
    /// exact .mod body. <c>HashGoMod([])</c> is <c>h1:G7mAYYxgmS0lVkHyy2hEOLQCFB0DlQFTMLWggykrydY=</c>.
    /// </summary>
    public static string HashGoMod(byte[] goMod) => Hash1([("go.mod", goMod)])!;

    /// <summary>
    /// dirhash.HashZip: Hash1 over every entry (directory entries included, read as empty)
    /// named by its full entry name, contents decompressed and streamed (never held in memory).
    /// Non-seekable streams are buffered. Null if a name contains a newline; throws
    /// InvalidDataException for a corrupt zip.
    /// </summary>
    public static string? HashZip(Stream zip)
    {
        var seekable = EnsureSeekable(zip);
        try
        {
            using var archive = new ZipArchive(seekable, ZipArchiveMode.Read, leaveOpen: true);
            return Hash1(archive.Entries.Select(e => (e.FullName, (Func<Stream>)e.Open)).ToList());
        }
        finally
        {
            if (!ReferenceEquals(seekable, zip))
            {
                seekable.Dispose();
            }
        }
    }

    /// <summary>
    /// <see cref="HashZip"/> of a zip file on disk, its entries inflated and hashed on up to
    /// <paramref name="workers"/> threads at once, each through its own reader of one memory map of the file (a
    /// FileStream re-reads its whole buffer after every seek, which is most of the cost with thousands of small
    /// entries). Null if a name contains a newline; throws InvalidDataException for a corrupt zip.
    /// </summary>
    public static string? HashZipFile(string path, int workers)
    {
        // Shared with whoever else has the file open (it may be being flushed to disk meanwhile).
        using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        if (file.Length == 0) throw new InvalidDataException("the zip is empty");
        using var map = MemoryMappedFile.CreateFromFile(file, null, 0, MemoryMappedFileAccess.Read, HandleInheritability.None, leaveOpen: true);
        ZipArchive Open() => new(map.CreateViewStream(0, 0, MemoryMappedFileAccess.Read), ZipArchiveMode.Read, leaveOpen: false);
        string[] names;
        using (var archive = Open()) names = [.. archive.Entries.Select(e => e.FullName)];
        var digests = new string[names.Length];
        // Every reader parses the central directory once: worth it only with enough entries to share out.
        workers = Math.Clamp(names.Length / 256, 1, Math.Max(1, workers));
        try
        {
            Parallel.For(0, workers, new ParallelOptions { MaxDegreeOfParallelism = workers }, worker =>
            {
                using var archive = Open();
                var entries = archive.Entries;
                for (var i = worker; i < entries.Count; i += workers)
                {
                    using var content = entries[i].Open();
                    digests[i] = Convert.ToHexStringLower(SHA256.HashData(content));
                }
            });
        }
        catch (AggregateException e) when (e.InnerException is InvalidDataException invalid)
        {
            ExceptionDispatchInfo.Throw(invalid);
        }
        return Hash1FromDigests(names.Zip(digests));
    }

    /// <summary>Returns the stream itself if seekable, else a buffered copy (ZipArchive Read needs seeking).</summary>
    internal static Stream EnsureSeekable(Stream stream)
    {
        if (stream.CanSeek)
        {
            return stream;
        }
        var ms = new MemoryStream();
        stream.CopyTo(ms);
        ms.Position = 0;
        return ms;
    }
}
