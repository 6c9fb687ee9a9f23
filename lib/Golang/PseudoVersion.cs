using System.Globalization;
using System.Text.RegularExpressions;

namespace GitLabLite.Golang;

/// <summary>
/// Pseudo-versions (x/mod/module/pseudo.go; go.dev/ref/mod#pseudo-versions;
/// go-proxy-protocol.md section 4). Three forms:
/// <c>vX.0.0-yyyymmddhhmmss-abcdefabcdef</c>, <c>vX.Y.(Z+1)-0.yyyymmddhhmmss-abcdefabcdef</c>,
/// <c>vX.Y.Z-pre.0.yyyymmddhhmmss-abcdefabcdef</c> (the last two optionally <c>+incompatible</c>).
/// </summary>
public static partial class PseudoVersion
{
    /// <summary>module.PseudoVersionTimestampFormat as a .NET format string (always UTC).</summary>
    public const string TimestampFormat = "yyyyMMddHHmmss";

    /// <summary>Length of a git revision in a pseudo-version (codehost.ShortenSHA1).</summary>
    public const int RevisionLength = 12;

    // pseudo.go pseudoVersionRE; RE2's \d is ASCII-only and $ is end of text, so .NET needs [0-9] and \z.
    [GeneratedRegex(@"^v[0-9]+\.(0\.0-|[0-9]+\.[0-9]+-([^+]*\.)?0\.)[0-9]{14}-[A-Za-z0-9]+(\+[0-9A-Za-z-]+(\.[0-9A-Za-z-]+)*)?\z", RegexOptions.CultureInvariant)]
    private static partial Regex PseudoVersionRegex();

    [GeneratedRegex(@"^[0-9a-f]{12}\z", RegexOptions.CultureInvariant)]
    private static partial Regex GitShortRevRegex();

    /// <summary>module.IsPseudoVersion.</summary>
    public static bool IsPseudoVersion(string? v) =>
        v is not null && v.Count(c => c == '-') >= 2 && Semver.IsValid(v) && PseudoVersionRegex().IsMatch(v);

    /// <summary>module.IsZeroPseudoVersion.</summary>
    public static bool IsZeroPseudoVersion(string v) => v == Zero(Semver.Major(v));

    /// <summary>module.ZeroPseudoVersion: <c>vX.0.0-00010101000000-000000000000</c>.</summary>
    public static string Zero(string major) =>
        Build(major, null, new DateTime(1, 1, 1, 0, 0, 0, DateTimeKind.Utc), "000000000000");

    /// <summary>
    /// module.PseudoVersion(major, older, t, rev). <paramref name="major"/> is "" (means v0) or
    /// <c>vN</c>; <paramref name="older"/> is the base tag version or null/"" for none; the time
    /// is converted to UTC and truncated to seconds; <paramref name="rev"/> is the 12-hex short
    /// revision. The build suffix of <paramref name="older"/> (<c>+incompatible</c>) carries over.
    /// </summary>
    public static string Build(string? major, string? older, DateTime time, string rev)
    {
        if (string.IsNullOrEmpty(major))
        {
            major = "v0";
        }
        var utc = time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime();
        var segment = utc.ToString(TimestampFormat, CultureInfo.InvariantCulture) + "-" + rev;
        var build = Semver.Build(older);
        var canonical = Semver.Canonical(older);
        if (canonical.Length == 0)
        {
            return major + ".0.0-" + segment; // form (1)
        }
        if (Semver.Prerelease(canonical).Length > 0)
        {
            return canonical + ".0." + segment + build; // form (3)
        }
        var i = canonical.LastIndexOf('.') + 1;
        return canonical[..i] + IncDecimal(canonical[i..]) + "-0." + segment + build; // form (2)
    }

    /// <summary>Overload taking a <see cref="DateTimeOffset"/> (converted to UTC).</summary>
    public static string Build(string? major, string? older, DateTimeOffset time, string rev) =>
        Build(major, older, time.UtcDateTime, rev);

    /// <summary>
    /// Splits a pseudo-version into base (e.g. <c>vX.Y.Z-pre.0</c>, <c>vX.Y.(Z+1)-0</c> or <c>vX.0.0</c>),
    /// timestamp, revision and build; null if <paramref name="v"/> is not a pseudo-version (pseudo.go parsePseudoVersion).
    /// </summary>
    public static (string Base, string Timestamp, string Rev, string Build)? Parse(string? v)
    {
        if (!IsPseudoVersion(v))
        {
            return null;
        }
        var build = Semver.Build(v);
        var s = v![..^build.Length];
        var j = s.LastIndexOf('-');
        var rev = s[(j + 1)..];
        s = s[..j];
        var i = s.LastIndexOf('-');
        var dot = s.LastIndexOf('.');
        return dot > i
            ? (s[..dot], s[(dot + 1)..], rev, build)
            : (s[..i], s[(i + 1)..], rev, build);
    }

    /// <summary>module.PseudoVersionTime: the UTC timestamp; null if not a pseudo-version or malformed time.</summary>
    public static DateTime? Time(string? v)
    {
        if (Parse(v) is not { } p)
        {
            return null;
        }
        return DateTime.TryParseExact(p.Timestamp, TimestampFormat, CultureInfo.InvariantCulture,
            DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var t)
            ? DateTime.SpecifyKind(t, DateTimeKind.Utc)
            : null;
    }

    /// <summary>module.PseudoVersionRev; null if not a pseudo-version.</summary>
    public static string? Rev(string? v) => Parse(v)?.Rev;

    /// <summary>
    /// module.PseudoVersionBase: the base tag version ("" for form 1), or null if
    /// <paramref name="v"/> is not a pseudo-version or is inconsistent (form 1 with build
    /// metadata; <c>vX.Y.0-0.…</c> whose patch cannot be decremented).
    /// </summary>
    public static string? BaseVersion(string? v)
    {
        if (Parse(v) is not { } p)
        {
            return null;
        }
        var baseVersion = p.Base;
        var pre = Semver.Prerelease(baseVersion);
        switch (pre)
        {
            case "":
                // vX.0.0-…+incompatible is nonsensical: no parent tag but an incompatible one (pseudo.go).
                return p.Build.Length > 0 ? null : "";
            case "-0":
                baseVersion = baseVersion[..^pre.Length];
                var i = baseVersion.LastIndexOf('.');
                var patch = DecDecimal(baseVersion[(i + 1)..]);
                if (patch is null)
                {
                    return null;
                }
                baseVersion = baseVersion[..(i + 1)] + patch;
                break;
            default:
                baseVersion = baseVersion[..^".0".Length];
                break;
        }
        return baseVersion + p.Build;
    }

    /// <summary>
    /// Pure validation of a pseudo-version's own parts: syntax, a parseable UTC time, a
    /// 12-character lower-case hex revision (git), and a consistent base. Returns null or the
    /// reason. Repository checks (commit time, ancestry, tags) are the caller's (section 4.2).
    /// </summary>
    public static string? Validate(string? v)
    {
        if (Parse(v) is not { } p)
        {
            return "malformed pseudo-version: syntax error";
        }
        if (Time(v) is null)
        {
            return $"malformed time {GoString.Quote(p.Timestamp)}";
        }
        if (!GitShortRevRegex().IsMatch(p.Rev))
        {
            return p.Rev.Length != RevisionLength
                ? $"revision {p.Rev} is not a {RevisionLength}-character git short hash"
                : $"revision {p.Rev} is not lower-case hex";
        }
        if (BaseVersion(v) is null)
        {
            return p.Build.Length > 0 && Semver.Prerelease(p.Base).Length == 0
                ? $"lacks base version, but has build metadata {GoString.Quote(p.Build)}"
                : "cannot decrement patch of base version";
        }
        if (p.Build.Length > 0 && p.Build != ModuleVersionRules.IncompatibleSuffix)
        {
            return $"build metadata {GoString.Quote(p.Build)} is not {ModuleVersionRules.IncompatibleSuffix}";
        }
        return null;
    }

    /// <summary>codehost.ShortenSHA1: a 40-hex git hash becomes its first 12 characters; other input is returned unchanged.</summary>
    public static string ShortenSha1(string rev) =>
        rev.Length == 40 && rev.All(c => c is >= '0' and <= '9' or >= 'a' and <= 'f') ? rev[..RevisionLength] : rev;

    // pseudo.go incDecimal: "9" → "10".
    internal static string IncDecimal(string decimalDigits)
    {
        var digits = decimalDigits.ToCharArray().ToList();
        var i = digits.Count - 1;
        for (; i >= 0 && digits[i] == '9'; i--)
        {
            digits[i] = '0';
        }
        if (i >= 0)
        {
            digits[i]++;
        }
        else
        {
            digits[0] = '1';
            digits.Add('0');
        }
        return new string([.. digits]);
    }

    // pseudo.go decDecimal: "10" → "9"; all zeros cannot be decremented.
    internal static string? DecDecimal(string decimalDigits)
    {
        var digits = decimalDigits.ToCharArray();
        var i = digits.Length - 1;
        for (; i >= 0 && digits[i] == '0'; i--)
        {
            digits[i] = '9';
        }
        if (i < 0)
        {
            return null;
        }
        if (i == 0 && digits[i] == '1' && digits.Length > 1)
        {
            return new string(digits, 1, digits.Length - 1);
        }
        digits[i]--;
        return new string(digits);
    }
}
