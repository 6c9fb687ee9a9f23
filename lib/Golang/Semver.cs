namespace GitLabLite.Golang;

/// <summary>
/// Semantic versions as Go uses them (golang.org/x/mod/semver; go-proxy-protocol.md section 3):
/// mandatory leading <c>v</c>, short forms <c>vMAJOR</c> and <c>vMAJOR.MINOR</c> valid but not
/// canonical, build metadata ignored in comparisons. Invalid input never throws.
/// </summary>
public static class Semver
{
    private readonly record struct Parsed(string Major, string Minor, string Patch, string Short, string Prerelease, string Build);

    /// <summary>semver.IsValid.</summary>
    public static bool IsValid(string? v) => Parse(v) is not null;

    /// <summary>semver.Canonical: <c>v1.2</c> → <c>v1.2.0</c>, drops build metadata; "" if invalid.</summary>
    public static string Canonical(string? v)
    {
        if (Parse(v) is not { } p)
        {
            return "";
        }
        if (p.Build.Length > 0)
        {
            return v![..^p.Build.Length];
        }
        return p.Short.Length > 0 ? v + p.Short : v!;
    }

    /// <summary>semver.Major: <c>v2.1.0</c> → <c>v2</c>; "" if invalid.</summary>
    public static string Major(string? v) => Parse(v) is { } p ? "v" + p.Major : "";

    /// <summary>semver.MajorMinor: <c>v2.1.0</c> → <c>v2.1</c>; "" if invalid.</summary>
    public static string MajorMinor(string? v) => Parse(v) is { } p ? $"v{p.Major}.{p.Minor}" : "";

    /// <summary>semver.Prerelease: <c>v1.0.0-rc.1+b</c> → <c>-rc.1</c>; "" if none or invalid.</summary>
    public static string Prerelease(string? v) => Parse(v)?.Prerelease ?? "";

    /// <summary>semver.Build: <c>v2.0.0+incompatible</c> → <c>+incompatible</c>; "" if none or invalid.</summary>
    public static string Build(string? v) => Parse(v)?.Build ?? "";

    /// <summary>
    /// semver.Compare: -1, 0 or +1. Invalid versions are equal to each other and less than all valid ones.
    /// </summary>
    public static int Compare(string? v, string? w) => Compare(Parse(v), Parse(w));

    private static int Compare(Parsed? pv, Parsed? pw)
    {
        if (pv is null && pw is null)
        {
            return 0;
        }
        if (pv is null)
        {
            return -1;
        }
        if (pw is null)
        {
            return 1;
        }
        var c = CompareInt(pv.Value.Major, pw.Value.Major);
        if (c != 0)
        {
            return c;
        }
        c = CompareInt(pv.Value.Minor, pw.Value.Minor);
        if (c != 0)
        {
            return c;
        }
        c = CompareInt(pv.Value.Patch, pw.Value.Patch);
        return c != 0 ? c : ComparePrerelease(pv.Value.Prerelease, pw.Value.Prerelease);
    }

    /// <summary>semver.Max: the larger of two versions (by Compare), v if equal.</summary>
    public static string Max(string v, string w) => Compare(v, w) >= 0 ? v : w;

    /// <summary>
    /// Ordering of semver.Sort: by Compare, ties broken by plain (UTF-8 byte) string order.
    /// This is the order the go command uses for version lists.
    /// </summary>
    public static IComparer<string> Comparer { get; } = Comparer<string>.Create((a, b) =>
    {
        var c = Compare(a, b);
        return c != 0 ? c : GoString.CompareUtf8(a, b);
    });

    /// <summary>semver.Sort on a copy: ascending, invalid versions first.</summary>
    public static List<string> Sort(IEnumerable<string> versions)
    {
        // Each version parsed once, not twice per comparison: sorting a 10,000-tag list parsed ~280,000 times, most
        // of a cold list's own time after a push.
        var keyed = versions.Select(v => (Version: v, Parsed: Parse(v))).ToArray();
        Array.Sort(keyed, static (a, b) =>
        {
            var c = Compare(a.Parsed, b.Parsed);
            return c != 0 ? c : GoString.CompareUtf8(a.Version, b.Version);
        });
        return [.. keyed.Select(k => k.Version)];
    }

    private static Parsed? Parse(string? v)
    {
        if (string.IsNullOrEmpty(v) || v[0] != 'v')
        {
            return null;
        }
        var rest = v.AsSpan(1);
        if (!ParseInt(ref rest, out var major))
        {
            return null;
        }
        if (rest.IsEmpty)
        {
            return new Parsed(major, "0", "0", ".0.0", "", "");
        }
        if (rest[0] != '.')
        {
            return null;
        }
        rest = rest[1..];
        if (!ParseInt(ref rest, out var minor))
        {
            return null;
        }
        if (rest.IsEmpty)
        {
            return new Parsed(major, minor, "0", ".0", "", "");
        }
        if (rest[0] != '.')
        {
            return null;
        }
        rest = rest[1..];
        if (!ParseInt(ref rest, out var patch))
        {
            return null;
        }
        var pre = "";
        if (!rest.IsEmpty && rest[0] == '-')
        {
            if (!ParseIdentifiers(ref rest, prerelease: true, out pre))
            {
                return null;
            }
        }
        var build = "";
        if (!rest.IsEmpty && rest[0] == '+')
        {
            if (!ParseIdentifiers(ref rest, prerelease: false, out build))
            {
                return null;
            }
        }
        return rest.IsEmpty ? new Parsed(major, minor, patch, "", pre, build) : null;
    }

    // semver.go parseInt: decimal digits, no leading zero.
    private static bool ParseInt(ref ReadOnlySpan<char> v, out string value)
    {
        var i = 0;
        while (i < v.Length && v[i] is >= '0' and <= '9')
        {
            i++;
        }
        value = v[..i].ToString();
        if (i == 0 || (v[0] == '0' && i != 1))
        {
            return false;
        }
        v = v[i..];
        return true;
    }

    // semver.go parsePrerelease / parseBuild: dot-separated non-empty [0-9A-Za-z-] identifiers;
    // numeric pre-release identifiers must not have leading zeros.
    private static bool ParseIdentifiers(ref ReadOnlySpan<char> v, bool prerelease, out string value)
    {
        value = "";
        var i = 1;
        var start = 1;
        while (i < v.Length && !(prerelease && v[i] == '+'))
        {
            if (!IsIdentChar(v[i]) && v[i] != '.')
            {
                return false;
            }
            if (v[i] == '.')
            {
                if (start == i || (prerelease && IsBadNum(v[start..i])))
                {
                    return false;
                }
                start = i + 1;
            }
            i++;
        }
        if (start == i || (prerelease && IsBadNum(v[start..i])))
        {
            return false;
        }
        value = v[..i].ToString();
        v = v[i..];
        return true;
    }

    private static bool IsIdentChar(char c) =>
        c is >= 'A' and <= 'Z' || c is >= 'a' and <= 'z' || c is >= '0' and <= '9' || c == '-';

    private static bool IsBadNum(ReadOnlySpan<char> v) => IsNum(v) && v.Length > 1 && v[0] == '0';

    private static bool IsNum(ReadOnlySpan<char> v)
    {
        foreach (var c in v)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }
        }
        return !v.IsEmpty;
    }

    // Numbers of any length: longer is larger, equal lengths compare lexically.
    private static int CompareInt(string x, string y)
    {
        if (x == y)
        {
            return 0;
        }
        if (x.Length != y.Length)
        {
            return x.Length < y.Length ? -1 : 1;
        }
        return string.CompareOrdinal(x, y) < 0 ? -1 : 1;
    }

    // SemVer 2.0.0 precedence (semver.go comparePrerelease).
    private static int ComparePrerelease(string x, string y)
    {
        if (x == y)
        {
            return 0;
        }
        if (x.Length == 0)
        {
            return 1;
        }
        if (y.Length == 0)
        {
            return -1;
        }
        var xs = x[1..].Split('.');
        var ys = y[1..].Split('.');
        for (var k = 0; k < xs.Length && k < ys.Length; k++)
        {
            var dx = xs[k];
            var dy = ys[k];
            if (dx == dy)
            {
                continue;
            }
            var ix = IsNum(dx);
            var iy = IsNum(dy);
            if (ix != iy)
            {
                return ix ? -1 : 1;
            }
            if (ix && dx.Length != dy.Length)
            {
                return dx.Length < dy.Length ? -1 : 1;
            }
            return string.CompareOrdinal(dx, dy) < 0 ? -1 : 1;
        }
        return xs.Length < ys.Length ? -1 : xs.Length > ys.Length ? 1 : 0;
    }
}
