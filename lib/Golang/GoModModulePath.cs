using System.Text;

namespace GitLabLite.Golang;

/// <summary>
/// x/mod/modfile.ModulePath: the quick, lax scan the go command uses to decide where a module lives (coderepo.go
/// findDir). It reads only the first line starting with "module " and never fails: "" means missing or malformed.
/// </summary>
public static class GoModModulePath
{
    public static string Scan(ReadOnlySpan<byte> mod)
    {
        while (mod.Length > 0)
        {
            var line = mod;
            mod = [];
            if (line.IndexOf((byte)'\n') is var nl and >= 0)
            {
                mod = line[(nl + 1)..];
                line = line[..nl];
            }
            if (line.IndexOf("//"u8) is var comment and >= 0) line = line[..comment];
            line = TrimSpace(line);
            if (!line.StartsWith("module"u8)) continue;
            line = line["module".Length..];
            var n = line.Length;
            line = TrimSpace(line);
            // "module" must be followed by space, and by something after it.
            if (line.Length == n || line.Length == 0) continue;
            if (line[0] is (byte)'"' or (byte)'`') return Unquote(Encoding.UTF8.GetString(line)) ?? "";
            return Encoding.UTF8.GetString(line);
        }
        return "";
    }

    // bytes.TrimSpace trims ASCII white space (and Unicode spaces, irrelevant for module paths).
    private static ReadOnlySpan<byte> TrimSpace(ReadOnlySpan<byte> s) => s.Trim(" \t\r\n\v\f"u8);

    /// <summary>strconv.Unquote for the forms a module path can take; null when malformed.</summary>
    private static string? Unquote(string s)
    {
        if (s.Length < 2 || s[^1] != s[0]) return null;
        var body = s[1..^1];
        if (s[0] == '`') return body.Contains('`') || body.Contains('\n') ? null : body.Replace("\r", "");
        var result = new StringBuilder();
        for (var i = 0; i < body.Length; i++)
        {
            var c = body[i];
            if (c == '"' || c == '\n') return null;
            if (c != '\\') { result.Append(c); continue; }
            if (++i >= body.Length) return null;
            switch (body[i])
            {
                case '"': result.Append('"'); break;
                case '\\': result.Append('\\'); break;
                case 'n': result.Append('\n'); break;
                case 't': result.Append('\t'); break;
                case 'r': result.Append('\r'); break;
                case 'x' when TryHex(body, i + 1, 2, out var b):
                    result.Append((char)b); i += 2; break;
                case 'u' when TryHex(body, i + 1, 4, out var u):
                    result.Append((char)u); i += 4; break;
                default: return null;
            }
        }
        return result.ToString();
    }

    private static bool TryHex(string s, int start, int count, out int value)
    {
        value = 0;
        return start + count <= s.Length
            && int.TryParse(s.AsSpan(start, count), System.Globalization.NumberStyles.AllowHexSpecifier, null, out value);
    }
}
