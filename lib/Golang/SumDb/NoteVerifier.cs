using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Org.BouncyCastle.Math.EC.Rfc8032;

namespace GitLabLite.Golang.SumDb;

/// <summary>
/// A note verifier key, <c>name+hash+base64(alg || key)</c> (x/mod/sumdb/note NewVerifier), e.g. sum.golang.org's
/// <c>sum.golang.org+033de0ae+Ac4zctda0e5eza+HJyk9SxEdh+s3Ux18htTTAD8OuAn8</c>. The hash is the first 4 bytes of
/// SHA-256(name + "\n" + alg || key); the only algorithm is Ed25519 (alg 1). .NET has no Ed25519, so signatures are
/// checked with BouncyCastle's RFC 8032 implementation (managed code, no native library to ship, maintained).
/// </summary>
public sealed class NoteVerifier
{
    private const byte AlgEd25519 = 1;
    private readonly byte[] _publicKey;

    private NoteVerifier(string name, uint keyHash, byte[] publicKey)
    {
        Name = name;
        KeyHash = keyHash;
        _publicKey = publicKey;
    }

    public string Name { get; }

    public uint KeyHash { get; }

    /// <summary>The verifier, or null with the reason note.NewVerifier gives ("malformed verifier id", ...).</summary>
    public static NoteVerifier? Parse(string vkey, out string? error)
    {
        var (name, rest) = Chop(vkey, '+');
        var (hash16, key64) = Chop(rest, '+');
        byte[]? key = null;
        try
        {
            key = Convert.FromBase64String(key64);
        }
        catch (FormatException)
        {
            // Reported below as a malformed id.
        }
        if (hash16.Length != 8 || !uint.TryParse(hash16, NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out var hash) ||
            key is null || !IsValidName(name) || key.Length == 0)
        {
            error = "malformed verifier id";
            return null;
        }
        if (hash != ComputeKeyHash(name, key))
        {
            error = "invalid verifier hash";
            return null;
        }
        if (key[0] != AlgEd25519)
        {
            error = "unknown verifier algorithm";
            return null;
        }
        if (key.Length != 1 + Ed25519.PublicKeySize)
        {
            error = "malformed verifier id";
            return null;
        }
        error = null;
        return new NoteVerifier(name, hash, key[1..]);
    }

    /// <summary>Ed25519 (RFC 8032, pure) over the note text.</summary>
    public bool Verify(byte[] message, byte[] signature) =>
        signature.Length == Ed25519.SignatureSize && Ed25519.Verify(signature, 0, _publicKey, 0, message, 0, message.Length);

    /// <summary>note isValidName: non-empty UTF-8 with no space and no '+'.</summary>
    internal static bool IsValidName(string name) =>
        name.Length > 0 && !name.Any(char.IsWhiteSpace) && !name.Contains('+') && !name.Any(char.IsSurrogate);

    private static uint ComputeKeyHash(string name, byte[] key)
    {
        var input = new byte[Encoding.UTF8.GetByteCount(name) + 1 + key.Length];
        var n = Encoding.UTF8.GetBytes(name, input);
        input[n] = (byte)'\n';
        key.CopyTo(input, n + 1);
        return BinaryPrimitives.ReadUInt32BigEndian(SHA256.HashData(input));
    }

    internal static (string Before, string After) Chop(string s, char separator)
    {
        var i = s.IndexOf(separator, StringComparison.Ordinal);
        return i < 0 ? (s, "") : (s[..i], s[(i + 1)..]);
    }
}
