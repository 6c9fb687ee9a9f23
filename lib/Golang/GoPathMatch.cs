using System.Text;

namespace GitLabLite.Golang;

/// <summary>
/// Go's path.Match (shell globs over slash-separated paths: <c>*</c> and <c>?</c> never match <c>/</c>, <c>[...]</c>
/// classes, <c>\</c> escapes) and module.MatchPrefixPatterns, the GOPRIVATE/GONOSUMDB rule
/// (go-proxy-protocol.md section 2.3).
/// </summary>
public static class GoPathMatch
{
    /// <summary>path.Match; null when the pattern is malformed (Go's ErrBadPattern).</summary>
    public static bool? Match(string pattern, string name)
    {
        var p = pattern;
        var s = name;
        while (p.Length > 0)
        {
            var star = ScanChunk(ref p, out var chunk);
            // A trailing * matches the rest of the name unless it has a slash.
            if (star && chunk.Length == 0) return !s.Contains('/', StringComparison.Ordinal);
            var (rest, ok, bad) = MatchChunk(chunk, s);
            if (ok && (rest.Length == 0 || p.Length > 0))
            {
                s = rest;
                continue;
            }
            if (bad) return null;
            if (star)
            {
                var matched = false;
                for (var i = 0; i < s.Length && s[i] != '/'; i++)
                {
                    var (t, ok2, bad2) = MatchChunk(chunk, s[(i + 1)..]);
                    if (ok2)
                    {
                        // The last chunk must use up the name.
                        if (p.Length == 0 && t.Length > 0) continue;
                        s = t;
                        matched = true;
                        break;
                    }
                    if (bad2) return null;
                }
                if (matched) continue;
            }
            // No match: the rest of the pattern must still be well formed.
            while (p.Length > 0)
            {
                ScanChunk(ref p, out var c);
                if (MatchChunk(c, "").Bad) return null;
            }
            return false;
        }
        return s.Length == 0;
    }

    /// <summary>
    /// module.MatchPrefixPatterns: whether any of the comma-separated globs matches a prefix of whole path elements of
    /// <paramref name="target"/> (a glob with N slashes is matched against the first N+1 elements). Empty and
    /// malformed globs match nothing; a trailing slash is ignored.
    /// </summary>
    public static bool MatchPrefixPatterns(string globs, string target) =>
        MatchPrefixPatterns(globs.Split(','), target);

    /// <inheritdoc cref="MatchPrefixPatterns(string, string)"/>
    public static bool MatchPrefixPatterns(IEnumerable<string> globs, string target)
    {
        foreach (var raw in globs)
        {
            var glob = raw.EndsWith('/') ? raw[..^1] : raw;
            if (glob.Length == 0) continue;
            var n = glob.Count(c => c == '/');
            var prefix = target;
            for (var i = 0; i < target.Length; i++)
            {
                if (target[i] != '/') continue;
                if (n == 0)
                {
                    prefix = target[..i];
                    break;
                }
                n--;
            }
            if (n > 0) continue;
            if (Match(glob, prefix) == true) return true;
        }
        return false;
    }

    private static bool ScanChunk(ref string pattern, out string chunk)
    {
        var star = false;
        while (pattern.Length > 0 && pattern[0] == '*')
        {
            pattern = pattern[1..];
            star = true;
        }
        var inRange = false;
        var i = 0;
        for (; i < pattern.Length; i++)
        {
            var c = pattern[i];
            if (c == '\\')
            {
                if (i + 1 < pattern.Length) i++;
            }
            else if (c == '[') inRange = true;
            else if (c == ']') inRange = false;
            else if (c == '*' && !inRange) break;
        }
        chunk = pattern[..i];
        pattern = pattern[i..];
        return star;
    }

    private static (string Remaining, bool Ok, bool Bad) MatchChunk(string chunk, string s)
    {
        // After a mismatch the chunk is still walked, so that a malformed pattern is reported.
        var failed = false;
        while (chunk.Length > 0)
        {
            if (!failed && s.Length == 0) failed = true;
            switch (chunk[0])
            {
                case '[':
                {
                    var r = 0;
                    if (!failed) r = NextRune(ref s);
                    chunk = chunk[1..];
                    var negated = false;
                    if (chunk.Length > 0 && chunk[0] == '^')
                    {
                        negated = true;
                        chunk = chunk[1..];
                    }
                    var match = false;
                    var ranges = 0;
                    while (true)
                    {
                        if (chunk.Length > 0 && chunk[0] == ']' && ranges > 0)
                        {
                            chunk = chunk[1..];
                            break;
                        }
                        if (GetEscaped(ref chunk) is not { } lo) return ("", false, true);
                        var hi = lo;
                        if (chunk[0] == '-')
                        {
                            chunk = chunk[1..];
                            if (GetEscaped(ref chunk) is not { } h) return ("", false, true);
                            hi = h;
                        }
                        if (lo <= r && r <= hi) match = true;
                        ranges++;
                    }
                    if (match == negated) failed = true;
                    break;
                }
                case '?':
                    if (!failed)
                    {
                        if (s[0] == '/') failed = true;
                        NextRune(ref s);
                    }
                    chunk = chunk[1..];
                    break;
                default:
                    if (chunk[0] == '\\')
                    {
                        chunk = chunk[1..];
                        if (chunk.Length == 0) return ("", false, true);
                    }
                    if (!failed)
                    {
                        if (chunk[0] != s[0]) failed = true;
                        s = s[1..];
                    }
                    chunk = chunk[1..];
                    break;
            }
        }
        return failed ? ("", false, false) : (s, true, false);
    }

    /// <summary>A class bound: a rune, possibly escaped; null when malformed (nothing may follow it is malformed too).</summary>
    private static int? GetEscaped(ref string chunk)
    {
        if (chunk.Length == 0 || chunk[0] == '-' || chunk[0] == ']') return null;
        if (chunk[0] == '\\')
        {
            chunk = chunk[1..];
            if (chunk.Length == 0) return null;
        }
        if (Rune.DecodeFromUtf16(chunk, out var rune, out var used) != System.Buffers.OperationStatus.Done) return null;
        chunk = chunk[used..];
        return chunk.Length == 0 ? null : rune.Value;
    }

    private static int NextRune(ref string s)
    {
        Rune.DecodeFromUtf16(s, out var rune, out var used);
        s = s[Math.Max(used, 1)..];
        return rune.Value;
    }
}
