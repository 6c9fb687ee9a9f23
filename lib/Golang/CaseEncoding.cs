using System.Text;

namespace GitLabLite.Golang;

/// <summary>
/// The "!" case encoding of module paths and versions in proxy URLs and cache paths
/// (x/mod/module EscapePath/EscapeVersion/UnescapePath/UnescapeVersion;
/// go-proxy-protocol.md section 2.1). All methods return null on bad input.
/// </summary>
public static class CaseEncoding
{
    /// <summary>module.EscapePath: requires a valid module path; <c>github.com/Azure</c> → <c>github.com/!azure</c>.</summary>
    public static string? EscapePath(string path) =>
        ModulePath.CheckPath(path) is null ? EscapeString(path) : null;

    /// <summary>module.EscapeVersion: the version must be a valid file-path element without <c>!</c>.</summary>
    public static string? EscapeVersion(string version) =>
        ModulePath.CheckElem(version, GoPathKind.File) is null && !version.Contains('!', StringComparison.Ordinal)
            ? EscapeString(version)
            : null;

    /// <summary>module.UnescapePath: strict decoding, then CheckPath on the result.</summary>
    public static string? UnescapePath(string escaped)
    {
        var path = UnescapeString(escaped);
        return path is not null && ModulePath.CheckPath(path) is null ? path : null;
    }

    /// <summary>module.UnescapeVersion: strict decoding, then the file-element check.</summary>
    public static string? UnescapeVersion(string escaped)
    {
        var v = UnescapeString(escaped);
        return v is not null && ModulePath.CheckElem(v, GoPathKind.File) is null ? v : null;
    }

    // module.go escapeString: '!' and non-ASCII are internal errors (CheckPath forbids them).
    private static string? EscapeString(string s)
    {
        var sb = new StringBuilder(s.Length + 4);
        foreach (var c in s)
        {
            if (c == '!' || c >= 0x80)
            {
                return null;
            }
            if (c is >= 'A' and <= 'Z')
            {
                sb.Append('!').Append((char)(c + ('a' - 'A')));
            }
            else
            {
                sb.Append(c);
            }
        }
        return sb.ToString();
    }

    // module.go unescapeString: ASCII only, "!" must precede a-z, raw upper case is refused
    // so that every path has exactly one spelling.
    private static string? UnescapeString(string escaped)
    {
        var sb = new StringBuilder(escaped.Length);
        var bang = false;
        foreach (var c in escaped)
        {
            if (c >= 0x80)
            {
                return null;
            }
            if (bang)
            {
                bang = false;
                if (c is < 'a' or > 'z')
                {
                    return null;
                }
                sb.Append((char)(c - ('a' - 'A')));
                continue;
            }
            if (c == '!')
            {
                bang = true;
                continue;
            }
            if (c is >= 'A' and <= 'Z')
            {
                return null;
            }
            sb.Append(c);
        }
        return bang ? null : sb.ToString();
    }
}
