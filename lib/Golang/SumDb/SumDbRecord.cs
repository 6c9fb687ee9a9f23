using System.Globalization;
using System.Text;

namespace GitLabLite.Golang.SumDb;

/// <summary>
/// A lookup answer (x/mod/sumdb/tlog note.go ParseRecord): the record id on one line, the record text (go.sum lines)
/// ending at a blank line, then the signed tree note.
/// </summary>
public sealed record SumDbRecord(long Id, byte[] Text, byte[] Rest)
{
    public static SumDbRecord? ParseOrNull(byte[] msg)
    {
        var i = Array.IndexOf(msg, (byte)'\n');
        if (i < 0 || !long.TryParse(Encoding.ASCII.GetString(msg, 0, i), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var id)) return null;
        var rest = msg.AsSpan(i + 1);
        var blank = rest.IndexOf("\n\n"u8);
        if (blank < 0) return null;
        var text = rest[..(blank + 1)];
        return IsValidText(text) ? new SumDbRecord(id, text.ToArray(), rest[(blank + 2)..].ToArray()) : null;
    }

    /// <summary>The go.sum lines of the record that start with "path version " (version may end in /go.mod).</summary>
    public IReadOnlyList<string> Lines(string path, string version)
    {
        var prefix = $"{path} {version} ";
        return Encoding.UTF8.GetString(Text).Split('\n').Where(l => l.StartsWith(prefix, StringComparison.Ordinal)).ToList();
    }

    /// <summary>tlog isValidRecordText: UTF-8, no control characters but newline, no blank line, ends in newline.</summary>
    private static bool IsValidText(ReadOnlySpan<byte> text)
    {
        var last = 0;
        while (text.Length > 0)
        {
            if (Rune.DecodeFromUtf8(text, out var r, out var size) != System.Buffers.OperationStatus.Done) return false;
            if ((r.Value < 0x20 && r.Value != '\n') || (last == '\n' && r.Value == '\n')) return false;
            text = text[size..];
            last = r.Value;
        }
        return last == '\n';
    }
}
