using GitLabLite.Golang.SumDb;

namespace GitLabLite.Spec.Lib.Golang.SumDb;

/// <summary>RFC 6962 hashing and tiling against tables written by x/mod/sumdb/tlog.</summary>
[TestClass]
public sealed class TlogSpec
{
    private static readonly Lazy<MemoryHashes> Log = new(() =>
    {
        var log = new MemoryHashes();
        foreach (var r in SumDbVectors.Get("records").EnumerateArray()) log.Add(System.Text.Encoding.UTF8.GetBytes(r.GetString()!));
        return log;
    });

    [TestMethod]
    public void StoredHashIndex_WithGoTable_MatchesAndSplitsBack()
    {
        foreach (var c in SumDbVectors.Get("storedHashIndex").EnumerateArray())
        {
            var (level, n, index) = (c.GetProperty("level").GetInt32(), c.GetProperty("n").GetInt64(), c.GetProperty("index").GetInt64());
            Assert.AreEqual(index, Tlog.StoredHashIndex(level, n), $"StoredHashIndex({level}, {n})");
            Assert.AreEqual((level, n), Tlog.SplitStoredHashIndex(index), $"SplitStoredHashIndex({index})");
        }
    }

    [TestMethod]
    public void StoredHashCount_WithGoTable_Matches()
    {
        foreach (var c in SumDbVectors.Get("storedHashCount").EnumerateArray())
            Assert.AreEqual(c.GetProperty("count").GetInt64(), Tlog.StoredHashCount(c.GetProperty("n").GetInt64()));
    }

    [TestMethod]
    public async Task TreeHash_AtEverySize_MatchesGo()
    {
        foreach (var p in SumDbVectors.Get("treeHashes").EnumerateObject())
            Assert.AreEqual(p.Value.GetString(), (await Tlog.TreeHashAsync(long.Parse(p.Name), Log.Value, default)).ToString(), $"tree of {p.Name}");
    }

    [TestMethod]
    public async Task TreeHash_FromVerifiedTiles_MatchesEverySize()
    {
        // What the client does for consistency: an older tree's hash read through the newest tree's tiles.
        var latest = new SumDbTree(300, TlogHash.ParseOrNull(SumDbVectors.Get("treeHashes").GetProperty("300").GetString()!)!.Value);
        var tiles = new DictionaryTiles(SumDbVectors.Files(SumDbVectors.Get("remote").GetProperty("real")));
        var reader = new TileHashReader(latest, tiles);
        foreach (var n in new long[] { 1, 2, 255, 256, 257, 270, 299, 300 })
            Assert.AreEqual(SumDbVectors.Get("treeHashes").GetProperty(n.ToString()).GetString(), (await Tlog.TreeHashAsync(n, reader, default)).ToString());
    }

    [TestMethod]
    public async Task TileHashReader_WithTamperedTile_RefusesIt()
    {
        var latest = new SumDbTree(300, TlogHash.ParseOrNull(SumDbVectors.Get("treeHashes").GetProperty("300").GetString()!)!.Value);
        var files = SumDbVectors.Files(SumDbVectors.Get("remote").GetProperty("real"));
        files["/tile/8/0/001.p/44"][5] ^= 1;
        var error = await Assert.ThrowsExactlyAsync<SumDbException>(() => new TileHashReader(latest, new DictionaryTiles(files)).ReadHashesAsync([Tlog.StoredHashIndex(0, 280)], default));
        Assert.AreEqual("downloaded inconsistent tile", error.Message);
    }

    [TestMethod]
    public void TilePaths_WithGoTable_ParseOnlyTheCanonicalSpelling()
    {
        foreach (var c in SumDbVectors.Get("tilePaths").EnumerateArray())
        {
            var path = c.GetProperty("path").GetString()!;
            var tile = Tile.ParseOrNull(path);
            if (!c.GetProperty("valid").GetBoolean())
            {
                Assert.IsNull(tile, path);
                continue;
            }
            Assert.AreEqual(new Tile(c.GetProperty("h").GetInt32(), c.TryGetProperty("l", out var l) ? l.GetInt32() : 0,
                c.TryGetProperty("n", out var n) ? n.GetInt64() : 0, c.GetProperty("w").GetInt32()), tile, path);
            Assert.AreEqual(path, tile!.Value.Path);
        }
    }

    [TestMethod]
    public void TileForIndex_WithGoTable_Matches()
    {
        foreach (var c in SumDbVectors.Get("tileForIndex").EnumerateArray())
            Assert.AreEqual(c.GetProperty("path").GetString(), Tile.ForIndex(c.GetProperty("h").GetInt32(), c.GetProperty("index").GetInt64()).Path);
    }

    [TestMethod]
    public async Task ProveTree_WithGoTable_MatchesAndChecks()
    {
        var sizes = SumDbVectors.Get("treeHashes");
        foreach (var c in SumDbVectors.Get("treeProofs").EnumerateArray())
        {
            var (t, n) = (c.GetProperty("t").GetInt64(), c.GetProperty("n").GetInt64());
            var expected = c.GetProperty("proof").ValueKind == System.Text.Json.JsonValueKind.Null ? [] : c.GetProperty("proof").EnumerateArray().Select(p => p.GetString()!).ToList();
            var proof = await Tlog.ProveTreeAsync(t, n, Log.Value, default);
            CollectionAssert.AreEqual(expected, proof.Select(p => p.ToString()).ToList(), $"ProveTree({t}, {n})");
            var th = TlogHash.ParseOrNull(sizes.GetProperty(t.ToString()).GetString()!)!.Value;
            var h = TlogHash.ParseOrNull(sizes.GetProperty(n.ToString()).GetString()!)!.Value;
            Assert.IsTrue(Tlog.CheckTree(proof, t, th, n, h), $"CheckTree({t}, {n})");
            // Another tree of size n (here: the tree of n-1 or n+1 records) is not proven a prefix.
            var other = TlogHash.ParseOrNull(sizes.GetProperty((n == t ? n - 1 : n + 1).ToString()).GetString()!)!.Value;
            Assert.IsFalse(Tlog.CheckTree(proof, t, th, n, other), $"CheckTree({t}, {n}) with another hash");
        }
    }

    /// <summary>A log in memory, as sumdb.TestServer keeps one (tlog.StoredHashes).</summary>
    private sealed class MemoryHashes : ITlogHashReader
    {
        private readonly List<TlogHash> _hashes = [];
        private long _records;

        public void Add(byte[] data)
        {
            var h = TlogHash.Record(data);
            _hashes.Add(h);
            for (var (n, level) = (_records, 0); (n & 1) == 1; n >>= 1, level++)
            {
                h = TlogHash.Node(_hashes[(int)Tlog.StoredHashIndex(level, n - 1)], h);
                _hashes.Add(h);
            }
            _records++;
        }

        public Task<TlogHash[]> ReadHashesAsync(IReadOnlyList<long> indexes, CancellationToken ct) =>
            Task.FromResult(indexes.Select(i => _hashes[(int)i]).ToArray());
    }
}
