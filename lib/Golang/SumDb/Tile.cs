using System.Globalization;
using System.Text;

namespace GitLabLite.Golang.SumDb;

/// <summary>
/// A tile of the log (x/mod/sumdb/tlog tile.go): the W (≤ 2^H) hashes at level L·H, starting at the N'th group of
/// 2^H; L = -1 is a data tile (the records themselves). A tile's path is
/// <c>tile/H/L/NNN[.p/W]</c> with N in 3-digit groups (<c>x001/234</c>); W &lt; 2^H marks a partial tile.
/// </summary>
public readonly record struct Tile(int H, int L, long N, int W)
{
    private const int PathBase = 1000;

    public bool IsFull => W == 1 << H;

    /// <summary>The full tile at the same position.</summary>
    public Tile Full => this with { W = 1 << H };

    public string Path
    {
        get
        {
            var n = N;
            var digits = (n % PathBase).ToString("D3", CultureInfo.InvariantCulture);
            while (n >= PathBase)
            {
                n /= PathBase;
                digits = $"x{(n % PathBase).ToString("D3", CultureInfo.InvariantCulture)}/{digits}";
            }
            var partial = IsFull ? "" : $".p/{W}";
            var level = L == -1 ? "data" : L.ToString(CultureInfo.InvariantCulture);
            return $"tile/{H}/{level}/{digits}{partial}";
        }
    }

    /// <summary>tlog.ParseTilePath: only the one canonical spelling of each tile parses.</summary>
    public static Tile? ParseOrNull(string path)
    {
        var f = path.Split('/');
        if (f.Length < 4 || f[0] != "tile") return null;
        if (!TryInt(f[1], out var h)) return null;
        var isData = f[2] == "data";
        var l = 0;
        if (!isData && !TryInt(f[2], out l)) return null;
        if (h < 1 || l < 0 || h > 30) return null;
        var w = 1 << h;
        var parts = f.AsSpan(3);
        if (f[^2].EndsWith(".p", StringComparison.Ordinal))
        {
            if (!TryInt(f[^1], out var ww) || ww <= 0 || ww >= w) return null;
            w = ww;
            parts = f.AsSpan(3, f.Length - 4).ToArray();
            parts[^1] = parts[^1][..^".p".Length];
        }
        long n = 0;
        foreach (var s in parts)
        {
            var digits = s.StartsWith('x') ? s[1..] : s;
            if (!TryInt(digits, out var nn) || nn < 0 || nn >= PathBase) return null;
            n = n * PathBase + nn;
        }
        var tile = new Tile(h, isData ? -1 : l, n, w);
        return tile.Path == path ? tile : null;
    }

    /// <summary>tlog.TileForIndex: the smallest tile of height h that holds the stored hash at index.</summary>
    public static Tile ForIndex(int h, long index) => ForIndexWithRange(h, index).Tile;

    /// <summary>tlog tileForIndex: the tile and the byte range in its data of the hash at index (for tile heights ≥ 1).</summary>
    internal static (Tile Tile, int Start, int End) ForIndexWithRange(int h, long index)
    {
        var (level, n) = Tlog.SplitStoredHashIndex(index);
        var l = level / h;
        level -= l * h;
        var tn = n << level >> h;
        n -= tn << h >> level;
        var w = (int)((n + 1) << level);
        return (new Tile(h, l, tn, w), (int)(n << level) * TlogHash.Size, (int)((n + 1) << level) * TlogHash.Size);
    }

    /// <summary>tlog.HashFromTile: the hash at index, computed from this tile's data.</summary>
    public TlogHash HashAt(ReadOnlySpan<byte> data, long index)
    {
        if (H < 1 || H > 30 || L < 0 || L >= 64 || W < 1 || W > 1 << H) throw new SumDbException($"invalid tile {Path}");
        if (data.Length < W * TlogHash.Size) throw new SumDbException($"data len {data.Length} too short for tile {Path}");
        var (t1, start, end) = ForIndexWithRange(H, index);
        if (L != t1.L || N != t1.N || W < t1.W) throw new SumDbException($"index {index} is in {t1.Path} not {Path}");
        return Fold(data[start..end]);
    }

    /// <summary>tlog tileHash: the subtree hash of a power-of-two run of hashes.</summary>
    internal static TlogHash Fold(ReadOnlySpan<byte> data)
    {
        if (data.Length == TlogHash.Size) return new TlogHash(data);
        var half = data.Length / 2;
        return TlogHash.Node(Fold(data[..half]), Fold(data[half..]));
    }

    /// <summary>tlog tileParent: the tile k levels up that covers this one in a tree of n records; null past its end.</summary>
    internal Tile? Parent(int k, long n)
    {
        var t = this with { L = L + k, N = N >> (k * H), W = 1 << H };
        var max = n >> (t.L * t.H);
        if ((t.N << t.H) + t.W >= max)
        {
            if (t.N << t.H >= max) return null;
            t = t with { W = (int)(max - (t.N << t.H)) };
        }
        return t;
    }

    private static bool TryInt(string s, out int value) =>
        // strconv.Atoi: optional sign, decimal digits only.
        int.TryParse(s, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out value) && s.Length > 0 && !s.Contains(' ');

    public override string ToString() => Path;

    private bool PrintMembers(StringBuilder builder)
    {
        builder.Append(Path);
        return true;
    }
}
