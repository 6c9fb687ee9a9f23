using System.Globalization;
using System.Text;

namespace GitLabLite.Golang.SumDb;

/// <summary>A tree head: the log's size and root hash (x/mod/sumdb/tlog note.go Tree).</summary>
public readonly record struct SumDbTree(long N, TlogHash Hash)
{
    private const string Prefix = "go.sum database tree\n";

    /// <summary>tlog.FormatTree: the text a database signs.</summary>
    public string Format() => $"{Prefix}{N.ToString(CultureInfo.InvariantCulture)}\n{Hash}\n";

    /// <summary>tlog.ParseTree: the prefix line, a canonical decimal size, a base64 hash; anything may follow.</summary>
    public static SumDbTree? ParseOrNull(string text)
    {
        if (!text.StartsWith(Prefix, StringComparison.Ordinal) || text.Count(c => c == '\n') < 3 || Encoding.UTF8.GetByteCount(text) > 1_000_000) return null;
        var lines = text.Split('\n', 4);
        if (!long.TryParse(lines[1], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var n) || n < 0 ||
            lines[1] != n.ToString(CultureInfo.InvariantCulture))
            return null;
        return TlogHash.ParseOrNull(lines[2]) is { } hash ? new SumDbTree(n, hash) : null;
    }
}
