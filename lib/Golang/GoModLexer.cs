using System.Text;

namespace GitLabLite.Golang;

/// <summary>
/// Splits go.mod text into lines of tokens the way x/mod/modfile's lexer does: <c>//</c> comments,
/// <c>"..."</c> and back-quoted strings, punctuation <c>( ) [ ] { } ,</c>, whitespace incl. CR.
/// </summary>
internal sealed class GoModLexer(string text)
{
    private int _pos;

    /// <summary>Error text if the input could not be tokenized (then the file does not parse).</summary>
    public string? Error { get; private set; }

    /// <summary>All lines, each a list of tokens (possibly empty for blank or comment lines).</summary>
    public List<List<GoModToken>> Lines()
    {
        var lines = new List<List<GoModToken>>();
        var current = new List<GoModToken>();
        while (Error is null && _pos < text.Length)
        {
            var c = text[_pos];
            if (c == '\n')
            {
                lines.Add(current);
                current = [];
                _pos++;
                continue;
            }
            if (c is ' ' or '\t' or '\r')
            {
                _pos++;
                continue;
            }
            if (c == '/' && Peek("//"))
            {
                while (_pos < text.Length && text[_pos] != '\n')
                {
                    _pos++;
                }
                continue;
            }
            if (c == '/' && Peek("/*"))
            {
                Error = "mod files must use // comments, not /* */ comments";
                break;
            }
            if (c is '(' or ')' or '[' or ']' or '{' or '}' or ',')
            {
                current.Add(new GoModToken(c.ToString(), c));
                _pos++;
                continue;
            }
            if (c is '"' or '`')
            {
                var s = ReadString(c);
                if (s is not null)
                {
                    current.Add(new GoModToken(s, '\0'));
                }
                continue;
            }
            var start = _pos;
            while (_pos < text.Length && IsIdent(text, _pos))
            {
                if (Peek("//"))
                {
                    break;
                }
                if (Peek("/*"))
                {
                    Error = "mod files must use // comments, not /* */ comments";
                    break;
                }
                _pos += char.IsSurrogatePair(text, _pos) ? 2 : 1;
            }
            if (_pos == start)
            {
                Error ??= $"unexpected input character {GoString.Quote(char.ConvertFromUtf32(char.ConvertToUtf32(text, _pos)))}";
                break;
            }
            current.Add(new GoModToken(text[start.._pos], '\0'));
        }
        lines.Add(current);
        return lines;
    }

    private bool Peek(string s) => string.CompareOrdinal(text, _pos, s, 0, s.Length) == 0;

    private string? ReadString(char quote)
    {
        var start = _pos;
        _pos++;
        while (true)
        {
            if (_pos >= text.Length)
            {
                Error = "unexpected EOF in string";
                return null;
            }
            if (text[_pos] == '\n')
            {
                Error = "unexpected newline in string";
                return null;
            }
            var c = text[_pos++];
            if (c == quote)
            {
                return text[start.._pos];
            }
            if (c == '\\' && quote != '`')
            {
                if (_pos >= text.Length)
                {
                    Error = "unexpected EOF in string";
                    return null;
                }
                _pos++;
            }
        }
    }

    // read.go isIdent: printable, not space, not punctuation.
    private static bool IsIdent(string s, int i)
    {
        var c = s[i];
        if (c is ' ' or '(' or ')' or '[' or ']' or '{' or '}' or ',')
        {
            return false;
        }
        if (Rune.DecodeFromUtf16(s.AsSpan(i), out var r, out _) != System.Buffers.OperationStatus.Done)
        {
            return false;
        }
        return !Rune.IsWhiteSpace(r) && GoString.IsPrint(r);
    }

    /// <summary>strconv.Unquote for a go.mod string token; null if malformed.</summary>
    public static string? Unquote(string token)
    {
        if (token.Length < 2 || token[0] != token[^1])
        {
            return null;
        }
        if (token[0] == '`')
        {
            var raw = token[1..^1];
            return raw.Contains('`', StringComparison.Ordinal) ? null : raw.Replace("\r", "", StringComparison.Ordinal);
        }
        if (token[0] != '"')
        {
            return null;
        }
        var sb = new StringBuilder();
        var bytes = new List<byte>();
        for (var i = 1; i < token.Length - 1; i++)
        {
            var c = token[i];
            if (c == '"')
            {
                return null;
            }
            if (c != '\\')
            {
                sb.Append(c);
                continue;
            }
            if (++i >= token.Length - 1)
            {
                return null;
            }
            switch (token[i])
            {
                case 'a': sb.Append('\a'); break;
                case 'b': sb.Append('\b'); break;
                case 'f': sb.Append('\f'); break;
                case 'n': sb.Append('\n'); break;
                case 'r': sb.Append('\r'); break;
                case 't': sb.Append('\t'); break;
                case 'v': sb.Append('\v'); break;
                case '\\': sb.Append('\\'); break;
                case '"': sb.Append('"'); break;
                case 'x' or 'u' or 'U':
                    var n = token[i] == 'x' ? 2 : token[i] == 'u' ? 4 : 8;
                    if (i + n >= token.Length || !int.TryParse(token.AsSpan(i + 1, n), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var code))
                    {
                        return null;
                    }
                    if (token[i] == 'x')
                    {
                        bytes.Clear();
                        bytes.Add((byte)code);
                        sb.Append(GoString.DecodeUtf8(bytes.ToArray()));
                    }
                    else
                    {
                        if (!Rune.IsValid(code))
                        {
                            return null;
                        }
                        sb.Append(char.ConvertFromUtf32(code));
                    }
                    i += n;
                    break;
                case >= '0' and <= '7':
                    if (i + 2 >= token.Length - 1 + 1 || !TryOctal(token.AsSpan(i, 3), out var octal))
                    {
                        return null;
                    }
                    sb.Append(GoString.DecodeUtf8([(byte)octal]));
                    i += 2;
                    break;
                default:
                    return null;
            }
        }
        return sb.ToString();
    }

    private static bool TryOctal(ReadOnlySpan<char> s, out int value)
    {
        value = 0;
        foreach (var c in s)
        {
            if (c is < '0' or > '7')
            {
                return false;
            }
            value = (value * 8) + (c - '0');
        }
        return value <= 255;
    }
}
