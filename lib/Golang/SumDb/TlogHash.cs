using System.Security.Cryptography;

namespace GitLabLite.Golang.SumDb;

/// <summary>A SHA-256 hash in a transparency log (x/mod/sumdb/tlog Hash); the default value is the zero hash.</summary>
public readonly struct TlogHash : IEquatable<TlogHash>
{
    public const int Size = 32;

    private readonly byte[]? _bytes;

    public TlogHash(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length != Size) throw new ArgumentException($"a tlog hash has {Size} bytes, not {bytes.Length}", nameof(bytes));
        _bytes = bytes.ToArray();
    }

    public ReadOnlySpan<byte> Bytes => _bytes ?? new byte[Size];

    /// <summary>tlog.ParseHash: standard base64 of exactly 32 bytes, else null.</summary>
    public static TlogHash? ParseOrNull(string base64)
    {
        Span<byte> buffer = stackalloc byte[Size + 3];
        return Convert.TryFromBase64String(base64, buffer, out var n) && n == Size ? new TlogHash(buffer[..Size]) : null;
    }

    /// <summary>RFC 6962 leaf hash: SHA-256(0x00 || record).</summary>
    public static TlogHash Record(ReadOnlySpan<byte> data)
    {
        using var h = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        h.AppendData([0x00]);
        h.AppendData(data);
        return new TlogHash(h.GetHashAndReset());
    }

    /// <summary>RFC 6962 interior node hash: SHA-256(0x01 || left || right).</summary>
    public static TlogHash Node(TlogHash left, TlogHash right)
    {
        Span<byte> buffer = stackalloc byte[1 + Size + Size];
        buffer[0] = 0x01;
        left.Bytes.CopyTo(buffer[1..]);
        right.Bytes.CopyTo(buffer[(1 + Size)..]);
        return new TlogHash(SHA256.HashData(buffer));
    }

    public bool Equals(TlogHash other) => Bytes.SequenceEqual(other.Bytes);

    public override bool Equals(object? obj) => obj is TlogHash other && Equals(other);

    public override int GetHashCode() => BitConverter.ToInt32(Bytes[..4]);

    public static bool operator ==(TlogHash left, TlogHash right) => left.Equals(right);

    public static bool operator !=(TlogHash left, TlogHash right) => !left.Equals(right);

    /// <summary>Standard base64, as tlog prints hashes (tree notes, proofs).</summary>
    public override string ToString() => Convert.ToBase64String(Bytes);
}
