using System.Globalization;

namespace GitLabLite.Golang;

/// <summary>
/// Go toolchain/language versions such as <c>go1.24</c>, <c>go1.21.3</c>, <c>go1.22rc1</c>
/// (go/version Lang and Compare, as used by x/mod/zip to pick the vendor rules).
/// </summary>
public static class GoVersion
{
    private readonly record struct Parsed(long Major, long Minor, long Patch, bool HasMinor, bool HasPatch, string Kind, long Pre);

    /// <summary>go/version.IsValid.</summary>
    public static bool IsValid(string? x) => Parse(x) is not null;

    /// <summary>go/version.Lang: <c>go1.21.3</c> → <c>go1.21</c>, <c>go1.22rc1</c> → <c>go1.22</c>, invalid → "".</summary>
    public static string Lang(string? x)
    {
        if (Parse(x) is not { } v)
        {
            return "";
        }
        if (!v.HasMinor || (v.Major == 1 && v.Minor == 0))
        {
            return string.Create(CultureInfo.InvariantCulture, $"go{v.Major}");
        }
        return string.Create(CultureInfo.InvariantCulture, $"go{v.Major}.{v.Minor}");
    }

    /// <summary>
    /// go/version.Compare: invalid versions are equal to each other and older than valid ones;
    /// a language version (<c>go1.21</c>) precedes its pre-releases, which precede <c>go1.21.0</c>.
    /// </summary>
    public static int Compare(string? x, string? y)
    {
        var a = Parse(x);
        var b = Parse(y);
        if (a is null || b is null)
        {
            return a is null && b is null ? 0 : a is null ? -1 : 1;
        }
        var c = a.Value.Major.CompareTo(b.Value.Major);
        if (c == 0)
        {
            c = a.Value.Minor.CompareTo(b.Value.Minor);
        }
        if (c == 0)
        {
            c = Rank(a.Value).CompareTo(Rank(b.Value));
        }
        if (c == 0)
        {
            c = a.Value.Patch.CompareTo(b.Value.Patch);
        }
        if (c == 0)
        {
            c = a.Value.Pre.CompareTo(b.Value.Pre);
        }
        return Math.Sign(c);
    }

    // Language version < alpha < beta < rc < release (gover.Cmp kind ordering).
    private static int Rank(Parsed v) => v.Kind switch
    {
        "" when !v.HasPatch => 0,
        "alpha" => 1,
        "beta" => 2,
        "rc" => 3,
        _ => 4,
    };

    private static Parsed? Parse(string? x)
    {
        if (x is null || !x.StartsWith("go", StringComparison.Ordinal))
        {
            return null;
        }
        var s = x.AsSpan(2);
        if (!Num(ref s, out var major))
        {
            return null;
        }
        if (s.IsEmpty)
        {
            return new Parsed(major, 0, 0, false, false, "", 0);
        }
        if (s[0] != '.')
        {
            return null;
        }
        s = s[1..];
        if (!Num(ref s, out var minor))
        {
            return null;
        }
        if (s.IsEmpty)
        {
            return new Parsed(major, minor, 0, true, false, "", 0);
        }
        if (s[0] == '.')
        {
            s = s[1..];
            if (!Num(ref s, out var patch) || !s.IsEmpty)
            {
                return null;
            }
            return new Parsed(major, minor, patch, true, true, "", 0);
        }
        var k = 0;
        while (k < s.Length && s[k] is >= 'a' and <= 'z')
        {
            k++;
        }
        var kind = s[..k].ToString();
        if (kind is not ("alpha" or "beta" or "rc"))
        {
            return null;
        }
        s = s[k..];
        if (!Num(ref s, out var pre) || !s.IsEmpty)
        {
            return null;
        }
        return new Parsed(major, minor, 0, true, false, kind, pre);
    }

    private static bool Num(ref ReadOnlySpan<char> s, out long value)
    {
        var i = 0;
        while (i < s.Length && s[i] is >= '0' and <= '9')
        {
            i++;
        }
        value = 0;
        if (i == 0 || (i > 1 && s[0] == '0') || !long.TryParse(s[..i], NumberStyles.None, CultureInfo.InvariantCulture, out value))
        {
            return false;
        }
        s = s[i..];
        return true;
    }
}
