using System.Text;

namespace GitLabLite.Golang;

/// <summary>
/// Module, import and file path validation exactly as golang.org/x/mod/module
/// (go-proxy-protocol.md section 2.2). Check methods return <c>null</c> when the input is valid
/// and otherwise the error text Go would report; they never throw for bad input.
/// </summary>
public static class ModulePath
{
    // module.go badWindowsNames; COM0/LPT0 were added and reverted upstream: do not add them.
    private static readonly string[] BadWindowsNames =
    [
        "CON", "PRN", "AUX", "NUL",
        "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8", "COM9",
        "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
    ];

    /// <summary>module.CheckPath: error text (<c>malformed module path "...": ...</c>) or null.</summary>
    public static string? CheckPath(string path)
    {
        var err = CheckGeneralPath(path, GoPathKind.Module);
        if (err is not null)
        {
            return $"malformed module path {GoString.Quote(path)}: {err}";
        }
        var i = path.IndexOf('/', StringComparison.Ordinal);
        if (i < 0)
        {
            i = path.Length;
        }
        if (i == 0)
        {
            return $"malformed module path {GoString.Quote(path)}: leading slash";
        }
        var first = path[..i];
        if (!first.Contains('.', StringComparison.Ordinal))
        {
            return $"malformed module path {GoString.Quote(path)}: missing dot in first path element";
        }
        if (path[0] == '-')
        {
            return $"malformed module path {GoString.Quote(path)}: leading dash in first path element";
        }
        foreach (var r in first.EnumerateRunes())
        {
            // The first element is a DNS name and must be lower case (module.go firstPathOK).
            if (!(r.Value == '-' || r.Value == '.' || r.Value is >= '0' and <= '9' || r.Value is >= 'a' and <= 'z'))
            {
                return $"malformed module path {GoString.Quote(path)}: invalid char {GoString.QuoteRune(r)} in first path element";
            }
        }
        if (SplitPathVersion(path) is null)
        {
            return $"malformed module path {GoString.Quote(path)}: invalid version";
        }
        return null;
    }

    /// <summary>True if <see cref="CheckPath"/> accepts the path.</summary>
    public static bool IsValid(string path) => CheckPath(path) is null;

    /// <summary>module.CheckImportPath.</summary>
    public static string? CheckImportPath(string path)
    {
        var err = CheckGeneralPath(path, GoPathKind.Import);
        return err is null ? null : $"malformed import path {GoString.Quote(path)}: {err}";
    }

    /// <summary>module.CheckFilePath (file names inside module zips).</summary>
    public static string? CheckFilePath(string path)
    {
        var err = CheckGeneralPath(path, GoPathKind.File);
        return err is null ? null : $"malformed file path {GoString.Quote(path)}: {err}";
    }

    /// <summary>
    /// module.SplitPathVersion: returns (prefix, pathMajor) with prefix + pathMajor == path and
    /// pathMajor empty, <c>/vN</c> (N &gt;= 2) or gopkg.in <c>.vN[-unstable]</c>; null when the
    /// final element is a malformed major suffix such as <c>/v1</c>, <c>/v0</c>, <c>/v1.2</c>.
    /// </summary>
    public static (string Prefix, string PathMajor)? SplitPathVersion(string path)
    {
        if (path.StartsWith("gopkg.in/", StringComparison.Ordinal))
        {
            return SplitGopkgIn(path);
        }
        var i = path.Length;
        var dot = false;
        while (i > 0 && (path[i - 1] is >= '0' and <= '9' || path[i - 1] == '.'))
        {
            if (path[i - 1] == '.')
            {
                dot = true;
            }
            i--;
        }
        if (i <= 1 || i == path.Length || path[i - 1] != 'v' || path[i - 2] != '/')
        {
            return (path, "");
        }
        var prefix = path[..(i - 2)];
        var pathMajor = path[(i - 2)..];
        if (dot || pathMajor.Length <= 2 || pathMajor[2] == '0' || pathMajor == "/v1")
        {
            return null;
        }
        return (prefix, pathMajor);
    }

    // module.go splitGopkgIn: gopkg.in paths must end in .vN (N without leading zero, .v0 allowed).
    private static (string Prefix, string PathMajor)? SplitGopkgIn(string path)
    {
        var i = path.Length;
        if (path.EndsWith("-unstable", StringComparison.Ordinal))
        {
            i -= "-unstable".Length;
        }
        while (i > 0 && path[i - 1] is >= '0' and <= '9')
        {
            i--;
        }
        if (i <= 1 || path[i - 1] != 'v' || path[i - 2] != '.')
        {
            return null;
        }
        var prefix = path[..(i - 2)];
        var pathMajor = path[(i - 2)..];
        if (pathMajor.Length <= 2 || (pathMajor[2] == '0' && pathMajor != ".v0"))
        {
            return null;
        }
        return (prefix, pathMajor);
    }

    /// <summary>
    /// module.CheckPathMajor: null if version <paramref name="v"/> may be used with the
    /// path major suffix (<c>""</c>, <c>/vN</c>, <c>.vN</c>), else e.g. <c>invalid version: should be v0 or v1, not v2</c>.
    /// </summary>
    public static string? CheckPathMajor(string v, string pathMajor)
    {
        if (pathMajor.StartsWith(".v", StringComparison.Ordinal) && pathMajor.EndsWith("-unstable", StringComparison.Ordinal))
        {
            pathMajor = pathMajor[..^"-unstable".Length];
        }
        if (v.StartsWith("v0.0.0-", StringComparison.Ordinal) && pathMajor == ".v1")
        {
            // Historic bug: v0.0.0- pseudo-versions were generated for gopkg.in .v1 (module.go CheckPathMajor).
            return null;
        }
        var m = Semver.Major(v);
        string want;
        if (pathMajor.Length == 0)
        {
            if (m is "v0" or "v1" || Semver.Build(v) == "+incompatible")
            {
                return null;
            }
            want = "v0 or v1";
        }
        else if (pathMajor[0] is '/' or '.')
        {
            if (m == pathMajor[1..])
            {
                return null;
            }
            want = pathMajor[1..];
        }
        else
        {
            want = pathMajor;
        }
        return $"invalid version: should be {want}, not {Semver.Major(v)}";
    }

    /// <summary>module.MatchPathMajor.</summary>
    public static bool MatchPathMajor(string v, string pathMajor) => CheckPathMajor(v, pathMajor) is null;

    /// <summary>
    /// True if <paramref name="pathMajor"/> is a well-formed major suffix as SplitPathVersion
    /// produces it: <c>/vN</c> with N &gt;= 2 and no leading zero, or <c>.vN</c> / <c>.vN-unstable</c>.
    /// </summary>
    public static bool IsMajorSuffix(string pathMajor)
    {
        if (pathMajor.StartsWith("/v", StringComparison.Ordinal))
        {
            return SplitPathVersion("x" + pathMajor) is { PathMajor: var pm } && pm == pathMajor;
        }
        if (pathMajor.StartsWith(".v", StringComparison.Ordinal))
        {
            return SplitGopkgIn("gopkg.in/x" + pathMajor) is { PathMajor: var pm } && pm == pathMajor;
        }
        return false;
    }

    /// <summary>module.PathMajorPrefix: <c>/v2</c> → <c>v2</c>, <c>.v1-unstable</c> → <c>v1</c>, <c>""</c> → <c>""</c>; null if malformed.</summary>
    public static string? PathMajorPrefix(string pathMajor)
    {
        if (pathMajor.Length == 0)
        {
            return "";
        }
        if (pathMajor[0] is not ('/' or '.'))
        {
            return null;
        }
        if (pathMajor.StartsWith(".v", StringComparison.Ordinal) && pathMajor.EndsWith("-unstable", StringComparison.Ordinal))
        {
            pathMajor = pathMajor[..^"-unstable".Length];
        }
        var m = pathMajor[1..];
        return m == Semver.Major(m) ? m : null;
    }

    /// <summary>
    /// module.checkPath: the general rules shared by all path kinds; returns the reason
    /// without the "malformed ... path" prefix.
    /// </summary>
    internal static string? CheckGeneralPath(string path, GoPathKind kind)
    {
        if (!GoString.IsValidUtf8(path))
        {
            return "invalid UTF-8";
        }
        if (path.Length == 0)
        {
            return "empty string";
        }
        if (path[0] == '-' && kind != GoPathKind.File)
        {
            return "leading dash";
        }
        if (path.Contains("//", StringComparison.Ordinal))
        {
            return "double slash";
        }
        if (path[^1] == '/')
        {
            return "trailing slash";
        }
        var start = 0;
        for (var i = 0; i < path.Length; i++)
        {
            if (path[i] == '/')
            {
                var err = CheckElem(path[start..i], kind);
                if (err is not null)
                {
                    return err;
                }
                start = i + 1;
            }
        }
        return CheckElem(path[start..], kind);
    }

    /// <summary>module.checkElem: rules for a single path element.</summary>
    internal static string? CheckElem(string elem, GoPathKind kind)
    {
        if (elem.Length == 0)
        {
            return "empty path element";
        }
        if (elem.All(c => c == '.'))
        {
            return $"invalid path element {GoString.Quote(elem)}";
        }
        if (elem[0] == '.' && kind == GoPathKind.Module)
        {
            return "leading dot in path element";
        }
        if (elem[^1] == '.')
        {
            return "trailing dot in path element";
        }
        if (!GoString.IsValidUtf8(elem))
        {
            return "invalid UTF-8";
        }
        foreach (var r in elem.EnumerateRunes())
        {
            var ok = kind switch
            {
                GoPathKind.Module => ModPathOk(r),
                GoPathKind.Import => ModPathOk(r) || r.Value == '+',
                _ => FileNameOk(r),
            };
            if (!ok)
            {
                return $"invalid char {GoString.QuoteRune(r)}";
            }
        }

        // Windows reserved names, compared on the part before the first dot (module.go checkElem).
        var shortName = elem;
        var dotAt = shortName.IndexOf('.', StringComparison.Ordinal);
        if (dotAt >= 0)
        {
            shortName = shortName[..dotAt];
        }
        foreach (var bad in BadWindowsNames)
        {
            if (string.Equals(bad, shortName, StringComparison.OrdinalIgnoreCase))
            {
                return $"{GoString.Quote(shortName)} disallowed as path element component on Windows";
            }
        }
        if (kind == GoPathKind.File)
        {
            return null;
        }

        // Windows 8.3 short names such as EXAMPL~1 (module.go checkElem, module and import paths only).
        var tilde = shortName.LastIndexOf('~');
        if (tilde >= 0 && tilde < shortName.Length - 1 && shortName[(tilde + 1)..].All(c => c is >= '0' and <= '9'))
        {
            return "trailing tilde and digits in path element";
        }
        return null;
    }

    // module.go modPathOK.
    private static bool ModPathOk(Rune r) =>
        r.Value is '-' or '.' or '_' or '~'
        || r.Value is >= '0' and <= '9'
        || r.Value is >= 'A' and <= 'Z'
        || r.Value is >= 'a' and <= 'z';

    // module.go fileNameOK: ASCII letters/digits, "!#$%&()+,-.=@[]^_{}~ " and any Unicode letter.
    private static bool FileNameOk(Rune r)
    {
        if (r.IsAscii)
        {
            const string allowed = "!#$%&()+,-.=@[]^_{}~ ";
            var c = (char)r.Value;
            return c is >= '0' and <= '9' || c is >= 'A' and <= 'Z' || c is >= 'a' and <= 'z' || allowed.Contains(c, StringComparison.Ordinal);
        }
        return GoString.IsLetter(r);
    }
}
