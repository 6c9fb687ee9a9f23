using System.Text;
using System.Text.RegularExpressions;

namespace GitLabLite.Golang;

/// <summary>
/// The parts of a go.mod file the proxy needs, parsed like x/mod/modfile.ParseLax
/// (go.dev/ref/mod#go-mod-file): only <c>module</c>, <c>go</c>, <c>require</c>, <c>retract</c>
/// and <c>ignore</c> are interpreted; other directives are skipped. Comments, quoted
/// strings, CRLF, blocks and a <c>module</c> directive anywhere in the file are handled.
/// <see cref="Parse(ReadOnlySpan{byte})"/> never throws; problems are reported in <see cref="Error"/>.
/// </summary>
public sealed partial class GoModFile
{
    /// <summary>x/mod/zip MaxGoMod: the largest root go.mod accepted in a module zip (16 MiB).</summary>
    public const long MaxGoMod = 16 << 20;

    private GoModFile(string? modulePath, string? goVersion, string? error)
    {
        ModulePath = modulePath;
        GoVersion = goVersion;
        Error = error;
    }

    /// <summary>The unquoted <c>module</c> path, or null if there is no module directive (or it is malformed).</summary>
    public string? ModulePath { get; }

    /// <summary>The <c>go</c> directive version (e.g. <c>1.21</c>, <c>1.21.3</c>, <c>1.22rc1</c>), or null.</summary>
    public string? GoVersion { get; }

    /// <summary>The first parse error as "go.mod:LINE: message", or null when ParseLax would succeed.</summary>
    public string? Error { get; }

    /// <summary>True when the file parses (ParseLax returns no error).</summary>
    public bool IsValid => Error is null;

    /// <summary>
    /// The go language version that x/mod/zip uses for the vendor rules:
    /// <c>version.Lang("go" + Go.Version)</c> when the file parses, else "" (zip.go parseGoVers).
    /// </summary>
    public string ZipLanguageVersion => IsValid && GoVersion is not null ? Golang.GoVersion.Lang("go" + GoVersion) : "";

    // modfile GoVersionRE and laxGoVersionRE; RE2 $ means end of text (\z).
    [GeneratedRegex(@"^([1-9][0-9]*)\.(0|[1-9][0-9]*)(\.(0|[1-9][0-9]*))?([a-z]+[0-9]+)?\z", RegexOptions.CultureInvariant)]
    internal static partial Regex GoVersionRegex();

    [GeneratedRegex(@"^v?(([1-9][0-9]*)\.(0|[1-9][0-9]*))([^0-9].*)\z", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    internal static partial Regex LaxGoVersionRegex();

    /// <summary>Parses go.mod bytes (no size limit is applied here; see <see cref="MaxGoMod"/>).</summary>
    public static GoModFile Parse(ReadOnlySpan<byte> data)
    {
        string text;
        try
        {
            text = new UTF8Encoding(false, true).GetString(data);
        }
        catch (DecoderFallbackException)
        {
            return new GoModFile(null, null, "go.mod: invalid UTF-8 encoding");
        }
        return Parse(text);
    }

    /// <summary>Parses go.mod text.</summary>
    public static GoModFile Parse(string text)
    {
        var lexer = new GoModLexer(text);
        var lines = lexer.Lines();
        if (lexer.Error is not null)
        {
            return new GoModFile(null, null, $"go.mod:{lines.Count}: {lexer.Error}");
        }
        var state = new GoModParseState();
        for (var n = 0; n < lines.Count && state.Error is null; n++)
        {
            var line = lines[n];
            if (line.Count == 0)
            {
                continue;
            }
            var open = line.FindIndex(t => t.IsPunct('('));
            if (open < 0)
            {
                state.Add(n + 1, line[0].Text, line[1..]);
                continue;
            }

            // "verb (" opens a block whose lines each carry the verb (read.go parseLineBlock).
            if (open != line.Count - 1)
            {
                state.Error = $"go.mod:{n + 1}: syntax error (expected newline after opening paren)";
                break;
            }
            var verb = open > 0 ? line[0].Text : "";
            var closed = false;
            for (n++; n < lines.Count && state.Error is null; n++)
            {
                var inner = lines[n];
                if (inner.Count == 0)
                {
                    continue;
                }
                if (inner[0].IsPunct(')'))
                {
                    if (inner.Count > 1)
                    {
                        state.Error = $"go.mod:{n + 1}: syntax error (expected newline after closing paren)";
                    }
                    closed = true;
                    break;
                }
                if (open == 1)
                {
                    state.Add(n + 1, verb, inner);
                }
            }
            if (!closed && state.Error is null)
            {
                state.Error = $"go.mod:{lines.Count}: syntax error (unterminated block)";
            }
        }
        return state.Error is not null
            ? new GoModFile(state.ModulePath, state.GoVersion, state.Error)
            : new GoModFile(state.ModulePath, state.GoVersion, null);
    }

    /// <summary>Parses and returns only the module path (null if absent or the file does not parse).</summary>
    public static string? ModulePathOf(ReadOnlySpan<byte> data) => Parse(data) is { IsValid: true } f ? f.ModulePath : null;

    /// <summary>
    /// The go.mod that direct mode synthesizes for a version without one (coderepo.go
    /// LegacyGoMod): exactly <c>module &lt;path&gt;\n</c>, the path quoted only if modfile.AutoQuote
    /// requires it. The client compares .mod bodies with these bytes (go-proxy-protocol.md section 7).
    /// </summary>
    public static byte[] LegacyGoMod(string modulePath) =>
        Encoding.UTF8.GetBytes("module " + AutoQuote(modulePath) + "\n");

    /// <summary>modfile.AutoQuote: quote with Go syntax only if the token needs it.</summary>
    public static string AutoQuote(string s) => MustQuote(s) ? GoString.Quote(s) : s;

    /// <summary>modfile.MustQuote.</summary>
    public static bool MustQuote(string s)
    {
        foreach (var r in s.EnumerateRunes())
        {
            switch (r.Value)
            {
                case ' ' or '"' or '\'' or '`':
                    return true;
                case '(' or ')' or '[' or ']' or '{' or '}' or ',':
                    if (s.Length > 1)
                    {
                        return true;
                    }
                    break;
                default:
                    if (!GoString.IsPrint(r))
                    {
                        return true;
                    }
                    break;
            }
        }
        return s.Length == 0 || s.Contains("//", StringComparison.Ordinal) || s.Contains("/*", StringComparison.Ordinal);
    }

    internal static string? ParseString(GoModToken token) =>
        token.Punct != '\0' ? null
        : token.Text.Length > 0 && token.Text[0] is '"' or '`' ? GoModLexer.Unquote(token.Text)
        : token.Text;

    internal static bool IsValidModuleVersion(GoModToken token) =>
        ParseString(token) is { } v && ModuleVersionRules.Canonical(v).Length > 0;
}
