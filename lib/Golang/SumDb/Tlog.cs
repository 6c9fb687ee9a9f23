using System.Numerics;

namespace GitLabLite.Golang.SumDb;

/// <summary>
/// The tiled transparency log of the checksum database (x/mod/sumdb/tlog tlog.go): RFC 6962 trees, with every
/// interior hash stored at an index in level order, and consistency proofs between two tree sizes.
/// </summary>
public static class Tlog
{
    /// <summary>tlog.StoredHashIndex: where the hash of node n at the given level is stored.</summary>
    public static long StoredHashIndex(int level, long n)
    {
        // Level L's n'th hash is written right after level L+1's 2n+1'th hash.
        for (var l = level; l > 0; l--) n = 2 * n + 1;
        long i = 0;
        for (; n > 0; n >>= 1) i += n;
        return i + level;
    }

    /// <summary>tlog.SplitStoredHashIndex: the (level, n) stored at an index.</summary>
    public static (int Level, long N) SplitStoredHashIndex(long index)
    {
        // Determine the largest n whose record hash comes at or before index; at most one too small.
        var n = index / 2;
        var indexN = StoredHashIndex(0, n);
        while (true)
        {
            var x = indexN + 1 + BitOperations.TrailingZeroCount((ulong)(n + 1));
            if (x > index) break;
            n++;
            indexN = x;
        }
        var level = (int)(index - indexN);
        return (level, n >> level);
    }

    /// <summary>tlog.StoredHashCount: how many hashes a log of n records stores.</summary>
    public static long StoredHashCount(long n)
    {
        if (n == 0) return 0;
        var count = StoredHashIndex(0, n - 1) + 1;
        for (var i = (ulong)(n - 1); (i & 1) != 0; i >>= 1) count++;
        return count;
    }

    /// <summary>tlog.TreeHash: the hash of the tree of the first n records.</summary>
    public static async Task<TlogHash> TreeHashAsync(long n, ITlogHashReader reader, CancellationToken ct)
    {
        if (n == 0) return default;
        var indexes = SubTreeIndex(0, n, []);
        var hashes = await ReadExactlyAsync(reader, indexes, ct);
        var (hash, rest) = SubTreeHash(0, n, hashes);
        if (rest.Length != 0) throw new InvalidOperationException("tlog: bad index math in TreeHash");
        return hash;
    }

    /// <summary>tlog.ProveTree: the proof that the tree of size n is a prefix of the tree of size t.</summary>
    public static async Task<TlogHash[]> ProveTreeAsync(long t, long n, ITlogHashReader reader, CancellationToken ct)
    {
        if (t < 1 || n < 1 || n > t) throw new ArgumentException("tlog: invalid inputs in ProveTree");
        var indexes = TreeProofIndex(0, t, n, []);
        if (indexes.Count == 0) return [];
        var hashes = await ReadExactlyAsync(reader, indexes, ct);
        var (proof, rest) = TreeProof(0, t, n, hashes);
        if (rest.Length != 0) throw new InvalidOperationException("tlog: bad index math in ProveTree");
        return [.. proof];
    }

    /// <summary>tlog.CheckTree: whether the proof shows that tree (n, h) is a prefix of tree (t, th).</summary>
    public static bool CheckTree(IReadOnlyList<TlogHash> proof, long t, TlogHash th, long n, TlogHash h)
    {
        if (t < 1 || n < 1 || n > t) return false;
        return RunTreeProof([.. proof], 0, t, n, h) is { } r && r.Old == h && r.Tree == th;
    }

    /// <summary>The largest power of two smaller than n, and its log2.</summary>
    internal static (long K, int L) MaxPow2(long n)
    {
        var l = 0;
        while (1L << (l + 1) < n) l++;
        return (1L << l, l);
    }

    /// <summary>tlog subTreeIndex: the stored hashes that make up the tree of records [lo, hi).</summary>
    internal static List<long> SubTreeIndex(long lo, long hi, List<long> need)
    {
        while (lo < hi)
        {
            var (k, level) = MaxPow2(hi - lo + 1);
            if ((lo & (k - 1)) != 0) throw new InvalidOperationException("tlog: bad math in subTreeIndex");
            need.Add(StoredHashIndex(level, lo >> level));
            lo += k;
        }
        return need;
    }

    /// <summary>tlog subTreeHash: folds the hashes SubTreeIndex named into the hash of [lo, hi); returns the rest.</summary>
    internal static (TlogHash Hash, ReadOnlyMemory<TlogHash> Remaining) SubTreeHash(long lo, long hi, ReadOnlyMemory<TlogHash> hashes)
    {
        var count = 0;
        while (lo < hi)
        {
            var (k, _) = MaxPow2(hi - lo + 1);
            if ((lo & (k - 1)) != 0 || lo >= hi) throw new InvalidOperationException("tlog: bad math in subTreeHash");
            count++;
            lo += k;
        }
        if (hashes.Length < count) throw new InvalidOperationException("tlog: bad index math in subTreeHash");
        var span = hashes.Span;
        var h = span[count - 1];
        for (var i = count - 2; i >= 0; i--) h = TlogHash.Node(span[i], h);
        return (h, hashes[count..]);
    }

    private static async Task<TlogHash[]> ReadExactlyAsync(ITlogHashReader reader, List<long> indexes, CancellationToken ct)
    {
        var hashes = await reader.ReadHashesAsync(indexes, ct);
        if (hashes.Length != indexes.Count) throw new SumDbException($"tlog: ReadHashes({indexes.Count} indexes) = {hashes.Length} hashes");
        return hashes;
    }

    private static List<long> TreeProofIndex(long lo, long hi, long n, List<long> need)
    {
        if (n == hi) return lo == 0 ? need : SubTreeIndex(lo, hi, need);
        var (k, _) = MaxPow2(hi - lo);
        if (n <= lo + k)
        {
            TreeProofIndex(lo, lo + k, n, need);
            return SubTreeIndex(lo + k, hi, need);
        }
        SubTreeIndex(lo, lo + k, need);
        return TreeProofIndex(lo + k, hi, n, need);
    }

    private static (List<TlogHash> Proof, ReadOnlyMemory<TlogHash> Remaining) TreeProof(long lo, long hi, long n, ReadOnlyMemory<TlogHash> hashes)
    {
        if (n == hi)
        {
            if (lo == 0) return ([], hashes);
            var (th, rest) = SubTreeHash(lo, hi, hashes);
            return ([th], rest);
        }
        var (k, _) = MaxPow2(hi - lo);
        List<TlogHash> proof;
        TlogHash sub;
        if (n <= lo + k)
        {
            (proof, hashes) = TreeProof(lo, lo + k, n, hashes);
            (sub, hashes) = SubTreeHash(lo + k, hi, hashes);
        }
        else
        {
            (sub, hashes) = SubTreeHash(lo, lo + k, hashes);
            (proof, hashes) = TreeProof(lo + k, hi, n, hashes);
        }
        proof.Add(sub);
        return (proof, hashes);
    }

    /// <summary>tlog runTreeProof: the old and new tree hashes the proof implies, or null when it is malformed.</summary>
    private static (TlogHash Old, TlogHash Tree)? RunTreeProof(ReadOnlySpan<TlogHash> p, long lo, long hi, long n, TlogHash old)
    {
        if (n == hi)
        {
            if (lo == 0) return p.Length == 0 ? (old, old) : null;
            return p.Length == 1 ? (p[0], p[0]) : null;
        }
        if (p.Length == 0) return null;
        var (k, _) = MaxPow2(hi - lo);
        var last = p[^1];
        if (n <= lo + k)
        {
            if (RunTreeProof(p[..^1], lo, lo + k, n, old) is not { } left) return null;
            return (left.Old, TlogHash.Node(left.Tree, last));
        }
        if (RunTreeProof(p[..^1], lo + k, hi, n, old) is not { } right) return null;
        return (TlogHash.Node(last, right.Old), TlogHash.Node(last, right.Tree));
    }
}
