using System.Buffers.Binary;
using System.Text;

namespace GitLabLite.Golang.SumDb;

/// <summary>
/// note.Open for one verifier: a signed note is UTF-8 text ending in a newline, a blank line, then signature lines
/// <c>— name base64(keyhash || signature)</c>. The note is accepted when a signature by the known key verifies;
/// signatures by other keys are ignored; a bad signature by the known key rejects the whole note.
/// </summary>
public static class SignedNote
{
    private const int MaxSignatures = 100;

    /// <summary>The verified text, or null with note.Open's error text.</summary>
    public static string? Open(byte[] msg, NoteVerifier verifier, out string? error)
    {
        var span = msg.AsSpan();
        // No control characters but newline, valid UTF-8 throughout.
        for (var i = 0; i < span.Length;)
        {
            if (Rune.DecodeFromUtf8(span[i..], out var r, out var size) != System.Buffers.OperationStatus.Done || (r.Value < 0x20 && r.Value != '\n'))
                return Fail("malformed note", out error);
            i += size;
        }
        var split = span.LastIndexOf("\n\n"u8);
        if (split < 0) return Fail("malformed note", out error);
        var text = msg[..(split + 1)];
        var sigs = span[(split + 2)..];
        if (sigs.Length == 0 || sigs[^1] != '\n') return Fail("malformed note", out error);

        var verified = false;
        var count = 0;
        while (sigs.Length > 0)
        {
            var nl = sigs.IndexOf((byte)'\n');
            var line = Encoding.UTF8.GetString(sigs[..nl]);
            sigs = sigs[(nl + 1)..];
            if (!line.StartsWith("— ", StringComparison.Ordinal)) return Fail("malformed note", out error);
            var (name, b64) = NoteVerifier.Chop(line["— ".Length..], ' ');
            byte[] sig;
            try
            {
                sig = Convert.FromBase64String(b64);
            }
            catch (FormatException)
            {
                return Fail("malformed note", out error);
            }
            if (!NoteVerifier.IsValidName(name) || b64.Length == 0 || sig.Length < 5) return Fail("malformed note", out error);
            if (++count > MaxSignatures) return Fail("malformed note", out error);
            var hash = BinaryPrimitives.ReadUInt32BigEndian(sig);
            // A signature by a key we do not know is neither trusted nor an error.
            if (name != verifier.Name || hash != verifier.KeyHash || verified) continue;
            if (!verifier.Verify(text, sig[4..])) return Fail($"invalid signature for key {name}+{hash:x8}", out error);
            verified = true;
        }
        if (!verified) return Fail("note has no verifiable signatures", out error);
        error = null;
        return Encoding.UTF8.GetString(text);
    }

    private static string? Fail(string message, out string? error)
    {
        error = message;
        return null;
    }
}
