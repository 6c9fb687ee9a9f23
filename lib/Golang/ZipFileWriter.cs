using System.Buffers.Binary;
using System.IO.Compression;
using System.IO.Hashing;
using System.Security.Cryptography;

namespace GitLabLite.Golang;

/// <summary>
/// A forward-only zip writer (APPNOTE 6.3) for Deflate entries whose data is either compressed already (so that
/// many files can be compressed at once on other cores: ZipArchive compresses on the caller's thread only) or
/// streamed with a data descriptor, as Go's archive/zip writes every entry. Names are UTF-8 (flag 11), times are
/// the DOS epoch, and a zip64 end record is added when there are 65,535 entries or more.
/// </summary>
internal sealed class ZipFileWriter(Stream output)
{
    private const ushort Version = 20;
    private const ushort Zip64Version = 45;
    private const ushort Utf8Flag = 0x0800;
    private const ushort DescriptorFlag = 0x0008;
    private const ushort Deflate = 8;
    // 1980-01-01 00:00, the earliest DOS date: a fixed time keeps the bytes deterministic.
    private const ushort DosDate = (1 << 5) | 1;

    // DeflateStream writes nothing at all for empty input, which is not a valid Deflate stream: one empty final block.
    private static readonly byte[] EmptyDeflate = [0x03, 0x00];

    private readonly List<CentralEntry> _entries = [];
    private long _offset;

    /// <summary>An entry whose Deflate data, CRC-32 and size are known (see <see cref="Compress"/>).</summary>
    public void Add(CompressedFile file)
    {
        var entry = new CentralEntry(file.Utf8Name, Utf8Flag, file.Crc32, (uint)file.CompressedLength, file.Size, Checked(_offset));
        WriteLocalHeader(entry);
        Write(file.Data.AsSpan(0, file.CompressedLength));
        _entries.Add(entry);
    }

    /// <summary>
    /// Streams <paramref name="source"/> into a new entry, compressing on this thread; returns the content's SHA-256,
    /// or null, with the entry left incomplete, when the source holds more than <paramref name="limit"/> bytes.
    /// </summary>
    public byte[]? AddStreaming(string name, Stream source, long limit)
    {
        var local = new CentralEntry(GoString.EncodeUtf8(name), Utf8Flag | DescriptorFlag, 0, 0, 0, Checked(_offset));
        WriteLocalHeader(local);
        var crc = new Crc32();
        using var sha256 = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var start = _offset;
        long size = 0;
        using (var deflate = new DeflateStream(new Counted(this), CompressionLevel.Optimal, leaveOpen: true))
        {
            var buffer = new byte[1 << 16];
            int n;
            while ((n = source.Read(buffer)) > 0)
            {
                size += n;
                if (size > limit) return null;
                crc.Append(buffer.AsSpan(0, n));
                sha256.AppendData(buffer, 0, n);
                deflate.Write(buffer, 0, n);
            }
        }
        if (size == 0) Write(EmptyDeflate);
        var entry = local with { Crc32 = crc.GetCurrentHashAsUInt32(), CompressedSize = Checked(_offset - start), Size = Checked(size) };
        Span<byte> descriptor = stackalloc byte[16];
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor, 0x08074b50);
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor[4..], entry.Crc32);
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor[8..], entry.CompressedSize);
        BinaryPrimitives.WriteUInt32LittleEndian(descriptor[12..], entry.Size);
        Write(descriptor);
        _entries.Add(entry);
        return sha256.GetHashAndReset();
    }

    /// <summary>Writes the central directory and the end records; the zip is complete after this.</summary>
    public void Finish()
    {
        var directoryStart = _offset;
        Span<byte> header = stackalloc byte[46];
        foreach (var e in _entries)
        {
            BinaryPrimitives.WriteUInt32LittleEndian(header, 0x02014b50);
            BinaryPrimitives.WriteUInt16LittleEndian(header[4..], Version);
            WriteCommonFields(header[6..], e);
            // Comment, disk number, internal and external attributes: all zero.
            header[32..42].Clear();
            BinaryPrimitives.WriteUInt32LittleEndian(header[42..], e.Offset);
            Write(header);
            Write(e.Name);
        }
        var directorySize = Checked(_offset - directoryStart);
        var directoryOffset = Checked(directoryStart);
        var count = _entries.Count;
        if (count >= ushort.MaxValue)
        {
            var zip64End = _offset;
            Span<byte> record = stackalloc byte[56 + 20];
            BinaryPrimitives.WriteUInt32LittleEndian(record, 0x06064b50);
            BinaryPrimitives.WriteUInt64LittleEndian(record[4..], 44);
            BinaryPrimitives.WriteUInt16LittleEndian(record[12..], Zip64Version);
            BinaryPrimitives.WriteUInt16LittleEndian(record[14..], Zip64Version);
            BinaryPrimitives.WriteUInt32LittleEndian(record[16..], 0);
            BinaryPrimitives.WriteUInt32LittleEndian(record[20..], 0);
            BinaryPrimitives.WriteUInt64LittleEndian(record[24..], (ulong)count);
            BinaryPrimitives.WriteUInt64LittleEndian(record[32..], (ulong)count);
            BinaryPrimitives.WriteUInt64LittleEndian(record[40..], directorySize);
            BinaryPrimitives.WriteUInt64LittleEndian(record[48..], directoryOffset);
            BinaryPrimitives.WriteUInt32LittleEndian(record[56..], 0x07064b50);
            BinaryPrimitives.WriteUInt32LittleEndian(record[60..], 0);
            BinaryPrimitives.WriteUInt64LittleEndian(record[64..], (ulong)zip64End);
            BinaryPrimitives.WriteUInt32LittleEndian(record[72..], 1);
            Write(record);
        }
        var shortCount = (ushort)Math.Min(count, ushort.MaxValue);
        Span<byte> end = stackalloc byte[22];
        BinaryPrimitives.WriteUInt32LittleEndian(end, 0x06054b50);
        BinaryPrimitives.WriteUInt32LittleEndian(end[4..], 0);
        BinaryPrimitives.WriteUInt16LittleEndian(end[8..], shortCount);
        BinaryPrimitives.WriteUInt16LittleEndian(end[10..], shortCount);
        BinaryPrimitives.WriteUInt32LittleEndian(end[12..], directorySize);
        BinaryPrimitives.WriteUInt32LittleEndian(end[16..], directoryOffset);
        BinaryPrimitives.WriteUInt16LittleEndian(end[20..], 0);
        Write(end);
        output.Flush();
    }

    /// <summary>Deflate, CRC-32 and SHA-256 of one file held in memory, and its entry name as UTF-8; runs on any thread.</summary>
    public static CompressedFile Compress(string name, byte[] data, int length)
    {
        var content = data.AsSpan(0, length);
        var utf8Name = GoString.EncodeUtf8(name);
        if (length == 0) return new CompressedFile(name, utf8Name, 0, 0, EmptyDeflate, EmptyDeflate.Length, SHA256.HashData(content));
        var compressed = new MemoryStream(length / 2 + 64);
        using (var deflate = new DeflateStream(compressed, CompressionLevel.Optimal, leaveOpen: true))
            deflate.Write(content);
        return new CompressedFile(name, utf8Name, Crc32.HashToUInt32(content), (uint)length, compressed.GetBuffer(), (int)compressed.Length, SHA256.HashData(content));
    }

    private void WriteLocalHeader(CentralEntry e)
    {
        Span<byte> header = stackalloc byte[30];
        BinaryPrimitives.WriteUInt32LittleEndian(header, 0x04034b50);
        WriteCommonFields(header[4..], e);
        Write(header);
        Write(e.Name);
    }

    /// <summary>The 26 bytes that local and central headers share, version needed through extra field length.</summary>
    private static void WriteCommonFields(Span<byte> at, CentralEntry e)
    {
        BinaryPrimitives.WriteUInt16LittleEndian(at, Version);
        BinaryPrimitives.WriteUInt16LittleEndian(at[2..], e.Flags);
        BinaryPrimitives.WriteUInt16LittleEndian(at[4..], Deflate);
        BinaryPrimitives.WriteUInt16LittleEndian(at[6..], 0);
        BinaryPrimitives.WriteUInt16LittleEndian(at[8..], DosDate);
        BinaryPrimitives.WriteUInt32LittleEndian(at[10..], e.Crc32);
        BinaryPrimitives.WriteUInt32LittleEndian(at[14..], e.CompressedSize);
        BinaryPrimitives.WriteUInt32LittleEndian(at[18..], e.Size);
        BinaryPrimitives.WriteUInt16LittleEndian(at[22..], (ushort)e.Name.Length);
        BinaryPrimitives.WriteUInt16LittleEndian(at[24..], 0);
    }

    private void Write(ReadOnlySpan<byte> bytes)
    {
        output.Write(bytes);
        _offset += bytes.Length;
    }

    // Module zips are at most 500 MiB (x/mod/zip MaxZipFile), so 32-bit sizes and offsets always suffice.
    private static uint Checked(long value) =>
        value is >= 0 and <= uint.MaxValue ? (uint)value : throw new InvalidOperationException($"zip offset or size {value} needs zip64");

    private sealed record CentralEntry(byte[] Name, ushort Flags, uint Crc32, uint CompressedSize, uint Size, uint Offset);

    /// <summary>The compressor's output, counted into the writer's offset.</summary>
    private sealed class Counted(ZipFileWriter writer) : Stream
    {
        public override bool CanRead => false;

        public override bool CanSeek => false;

        public override bool CanWrite => true;

        public override long Length => throw new NotSupportedException();

        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }

        public override void Write(byte[] buffer, int offset, int count) => writer.Write(buffer.AsSpan(offset, count));

        public override void Write(ReadOnlySpan<byte> buffer) => writer.Write(buffer);

        public override void Flush() { }

        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();
    }
}

/// <summary>
/// One file's entry name (as given and as UTF-8), Deflate data (the first <paramref name="CompressedLength"/> bytes of
/// <paramref name="Data"/>) and content hashes.
/// </summary>
internal sealed record CompressedFile(string Name, byte[] Utf8Name, uint Crc32, uint Size, byte[] Data, int CompressedLength, byte[] Sha256);
