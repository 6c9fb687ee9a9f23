using System.Globalization;
using System.Text;

namespace GitLabLite.Golang;

/// <summary>
/// String helpers that reproduce Go's view of strings: Go strings are byte strings that are
/// usually UTF-8, C# strings are UTF-16. Bytes that are not valid UTF-8 are carried in C# as
/// lone low surrogates U+DC80..U+DCFF ("surrogate escape"), so that Go's "invalid UTF-8"
/// checks and <c>%q</c> quoting can be reproduced exactly.
/// </summary>
public static class GoString
{
    /// <summary>Decodes UTF-8 bytes; each byte that is not part of valid UTF-8 becomes U+DC00+byte.</summary>
    public static string DecodeUtf8(ReadOnlySpan<byte> bytes)
    {
        var sb = new StringBuilder(bytes.Length);
        while (!bytes.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(bytes, out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                sb.Append(rune.ToString());
                bytes = bytes[consumed..];
            }
            else
            {
                // Go ranges over invalid UTF-8 one byte at a time (golang.org/ref/spec#For_range).
                sb.Append((char)(0xDC00 + bytes[0]));
                bytes = bytes[1..];
            }
        }
        return sb.ToString();
    }

    /// <summary>Encodes back to the bytes Go would hold; the inverse of <see cref="DecodeUtf8"/>.</summary>
    public static byte[] EncodeUtf8(string s)
    {
        var output = new List<byte>(s.Length);
        Span<byte> buf = stackalloc byte[4];
        for (var i = 0; i < s.Length;)
        {
            var status = Rune.DecodeFromUtf16(s.AsSpan(i), out var rune, out var consumed);
            if (status == System.Buffers.OperationStatus.Done)
            {
                var n = rune.EncodeToUtf8(buf);
                for (var k = 0; k < n; k++)
                {
                    output.Add(buf[k]);
                }
                i += consumed;
            }
            else
            {
                var c = s[i];
                output.Add(c is >= '\uDC80' and <= '\uDCFF' ? (byte)(c - 0xDC00) : (byte)'?');
                i++;
            }
        }
        return output.ToArray();
    }

    /// <summary>True if the string maps to valid UTF-8 (Go's utf8.ValidString): no lone surrogates.</summary>
    public static bool IsValidUtf8(string s)
    {
        for (var i = 0; i < s.Length;)
        {
            if (Rune.DecodeFromUtf16(s.AsSpan(i), out _, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                return false;
            }
            i += consumed;
        }
        return true;
    }

    /// <summary>Go's unicode.IsPrint: letters, marks, numbers, punctuation, symbols and ASCII space.</summary>
    public static bool IsPrint(Rune r) => r.Value == ' ' || Rune.GetUnicodeCategory(r) switch
    {
        UnicodeCategory.SpaceSeparator or UnicodeCategory.LineSeparator or UnicodeCategory.ParagraphSeparator
            or UnicodeCategory.Control or UnicodeCategory.Format or UnicodeCategory.Surrogate
            or UnicodeCategory.PrivateUse or UnicodeCategory.OtherNotAssigned => false,
        _ => true,
    };

    /// <summary>Go's unicode.IsLetter.</summary>
    public static bool IsLetter(Rune r) => Rune.IsLetter(r);

    /// <summary>Go's strconv.Quote (the <c>%q</c> verb on strings): error messages must match the reference.</summary>
    public static string Quote(string s) => QuoteWith(s, '"');

    /// <summary>Go's strconv.QuoteRune (the <c>%q</c> verb on runes), e.g. <c>'\''</c>.</summary>
    public static string QuoteRune(Rune r) => QuoteWith(r.ToString(), '\'');

    private static string QuoteWith(string s, char quote)
    {
        var sb = new StringBuilder(s.Length + 2);
        sb.Append(quote);
        for (var i = 0; i < s.Length;)
        {
            if (Rune.DecodeFromUtf16(s.AsSpan(i), out var r, out var consumed) != System.Buffers.OperationStatus.Done)
            {
                var c = s[i];
                if (c is >= '\uDC80' and <= '\uDCFF')
                {
                    sb.Append(CultureInfo.InvariantCulture, $"\\x{c - 0xDC00:x2}");
                }
                else
                {
                    sb.Append("\\ufffd");
                }
                i++;
                continue;
            }
            i += consumed;
            AppendEscapedRune(sb, r, quote);
        }
        sb.Append(quote);
        return sb.ToString();
    }

    private static void AppendEscapedRune(StringBuilder sb, Rune r, char quote)
    {
        var v = r.Value;
        if (v == quote || v == '\\')
        {
            sb.Append('\\').Append((char)v);
            return;
        }
        if (IsPrint(r))
        {
            sb.Append(r.ToString());
            return;
        }
        switch (v)
        {
            case '\a': sb.Append("\\a"); return;
            case '\b': sb.Append("\\b"); return;
            case '\f': sb.Append("\\f"); return;
            case '\n': sb.Append("\\n"); return;
            case '\r': sb.Append("\\r"); return;
            case '\t': sb.Append("\\t"); return;
            case '\v': sb.Append("\\v"); return;
        }
        if (v < ' ' || v == 0x7f)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\\x{v:x2}");
        }
        else if (v < 0x10000)
        {
            sb.Append(CultureInfo.InvariantCulture, $"\\u{v:x4}");
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"\\U{v:x8}");
        }
    }

    /// <summary>Ordinal comparison of the UTF-8 encodings (Go's string &lt;), not UTF-16 order.</summary>
    public static int CompareUtf8(string? a, string? b)
    {
        if (ReferenceEquals(a, b))
        {
            return 0;
        }
        if (a is null)
        {
            return -1;
        }
        if (b is null)
        {
            return 1;
        }
        return EncodeUtf8(a).AsSpan().SequenceCompareTo(EncodeUtf8(b));
    }

    /// <summary>Comparer for <see cref="CompareUtf8"/>, i.e. Go's sort.Strings / slices.Sort order.</summary>
    public static IComparer<string> Utf8Comparer { get; } = Comparer<string>.Create(CompareUtf8);
}
