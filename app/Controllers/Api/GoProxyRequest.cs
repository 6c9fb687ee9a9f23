using System.Text.RegularExpressions;
using GitLabLite.Golang;

namespace GitLabLite.Controllers.Api;

/// <summary>
/// A GOPROXY request parsed from the raw request target, so that %2F in module paths is seen exactly as sent: what
/// follows <c>/packages/go/</c> (after a project's or group's id, or at the instance root) is
/// {module}/@v/{list|version.info|.mod|.zip} or {module}/@latest. Module and version are !-case-decoded strictly;
/// anything else is not a proxy request (404).
/// </summary>
public sealed partial record GoProxyRequest(string ModulePath, GoProxyRequestKind Kind, string? Version)
{
    public const int MaxTargetLength = 4096;

    [GeneratedRegex(@"^/api/v4(?:/[^?#]*?)?/packages/go/(?<rest>[^?#]+)(?:\?.*)?$", RegexOptions.CultureInvariant | RegexOptions.Singleline)]
    private static partial Regex Target();

    public static GoProxyRequest? ParseOrNull(string rawTarget)
    {
        if (rawTarget.Length > MaxTargetLength || Target().Match(rawTarget) is not { Success: true } m) return null;
        var rest = Unescape(m.Groups["rest"].Value);
        if (rest is null) return null;
        if (rest.EndsWith("/@latest", StringComparison.Ordinal))
            return Build(rest[..^"/@latest".Length], GoProxyRequestKind.Latest, null);
        var at = rest.LastIndexOf("/@v/", StringComparison.Ordinal);
        if (at < 0) return null;
        var module = rest[..at];
        var file = rest[(at + "/@v/".Length)..];
        if (file == "list") return Build(module, GoProxyRequestKind.List, null);
        foreach (var (suffix, kind) in Suffixes)
            if (file.EndsWith(suffix, StringComparison.Ordinal) && file.Length > suffix.Length)
                return Build(module, kind, file[..^suffix.Length]);
        return null;
    }

    private static readonly (string, GoProxyRequestKind)[] Suffixes =
        [(".info", GoProxyRequestKind.Info), (".mod", GoProxyRequestKind.Mod), (".zip", GoProxyRequestKind.Zip)];

    private static GoProxyRequest? Build(string escapedModule, GoProxyRequestKind kind, string? escapedVersion)
    {
        if (CaseEncoding.UnescapePath(escapedModule) is not { } module) return null;
        string? version = null;
        if (escapedVersion is not null && (version = CaseEncoding.UnescapeVersion(escapedVersion)) is null) return null;
        return new GoProxyRequest(module, kind, version);
    }

    /// <summary>Percent-decoding that refuses malformed escapes, invalid UTF-8 and control characters.</summary>
    private static string? Unescape(string s)
    {
        if (!s.Contains('%')) return s.Any(char.IsControl) ? null : s;
        var bytes = new List<byte>(s.Length);
        for (var i = 0; i < s.Length; i++)
        {
            if (s[i] != '%') { if (s[i] > 0x7f) return null; bytes.Add((byte)s[i]); continue; }
            if (i + 2 >= s.Length || !byte.TryParse(s.AsSpan(i + 1, 2), System.Globalization.NumberStyles.AllowHexSpecifier, null, out var b)) return null;
            bytes.Add(b);
            i += 2;
        }
        try
        {
            var decoded = new System.Text.UTF8Encoding(false, true).GetString(bytes.ToArray());
            return decoded.Any(char.IsControl) ? null : decoded;
        }
        catch (System.Text.DecoderFallbackException)
        {
            return null;
        }
    }
}
