using System.Text;

namespace GitLabLite.Golang;

/// <summary>
/// Finds case-fold collisions and file/directory conflicts (x/mod/zip collisionChecker).
/// Every parent directory of a file is registered too.
/// </summary>
internal sealed class ZipCollisionChecker
{
    private readonly Dictionary<string, (string Path, bool IsDir)> _seen = new(StringComparer.Ordinal);

    /// <summary>Registers <paramref name="path"/>; returns Go's error text on a conflict.</summary>
    public string? Check(string path, bool isDir)
    {
        while (true)
        {
            var fold = ToFold(path);
            if (_seen.TryGetValue(fold, out var other))
            {
                if (path != other.Path)
                {
                    return $"case-insensitive file name collision: {GoString.Quote(other.Path)} and {GoString.Quote(path)}";
                }
                if (isDir != other.IsDir)
                {
                    return $"entry {GoString.Quote(path)} is both a file and a directory";
                }
                if (!isDir)
                {
                    return $"multiple entries for file {GoString.Quote(path)}";
                }
            }
            else
            {
                _seen[fold] = (path, isDir);
            }
            var slash = path.LastIndexOf('/');
            if (slash <= 0)
            {
                return null;
            }
            path = path[..slash];
            isDir = true;
        }
    }

    /// <summary>
    /// strToFold approximation: Go maps each rune to the minimum of its simple case-fold orbit;
    /// upper-casing then lower-casing each rune yields one representative per orbit for the
    /// cases that matter (ASCII, Latin, Greek final sigma, Kelvin sign, long s).
    /// </summary>
    internal static string ToFold(string s)
    {
        var ascii = true;
        foreach (var c in s)
        {
            if (c >= 0x80 || c is >= 'A' and <= 'Z')
            {
                ascii = false;
                break;
            }
        }
        if (ascii)
        {
            return s;
        }
        var sb = new StringBuilder(s.Length);
        foreach (var r in s.EnumerateRunes())
        {
            sb.Append(Rune.ToLowerInvariant(Rune.ToUpperInvariant(r)).ToString());
        }
        return sb.ToString();
    }
}
