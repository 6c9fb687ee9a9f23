namespace GitLabLite.Golang.SumDb;

/// <summary>
/// tlog.TileHashReader: reads stored hashes of a tree from tiles, and proves every tile it uses against the tree's
/// hash first (the tiles that make up the whole tree must hash to it; a tile below them must hash to its entry in
/// its parent tile). So a hash it returns is as trustworthy as the signed tree: reading a record's hash this way is
/// its inclusion proof, and computing an older tree's hash this way is the consistency proof.
/// </summary>
public sealed class TileHashReader(SumDbTree tree, ITileSource source) : ITlogHashReader
{
    public async Task<TlogHash[]> ReadHashesAsync(IReadOnlyList<long> indexes, CancellationToken ct)
    {
        var h = source.Height;
        var tileOrder = new Dictionary<Tile, int>();
        var tiles = new List<Tile>();

        // The tiles that make up the whole tree come first: they are checked against the tree hash.
        var stx = Tlog.SubTreeIndex(0, tree.N, []);
        var stxTileOrder = new int[stx.Count];
        for (var i = 0; i < stx.Count; i++)
        {
            var tile = Tile.ForIndex(h, stx[i]).Parent(0, tree.N) ?? throw new InvalidOperationException("tlog: bad math in tileHashReader");
            if (tileOrder.TryGetValue(tile, out var j))
            {
                stxTileOrder[i] = j;
                continue;
            }
            stxTileOrder[i] = tiles.Count;
            tileOrder[tile] = tiles.Count;
            tiles.Add(tile);
        }

        // Then, for each wanted hash, its tile and every tile between it and one already listed.
        var indexTileOrder = new int[indexes.Count];
        for (var i = 0; i < indexes.Count; i++)
        {
            var x = indexes[i];
            if (x >= Tlog.StoredHashIndex(0, tree.N)) throw new SumDbException("indexes not in tree");
            var tile = Tile.ForIndex(h, x);
            var k = 0;
            for (; ; k++)
            {
                var p = tile.Parent(k, tree.N) ?? throw new InvalidOperationException($"tlog: bad math in tileHashReader: {tree.N} {x}");
                if (tileOrder.TryGetValue(p, out var j))
                {
                    if (k == 0) indexTileOrder[i] = j;
                    break;
                }
            }
            // The tiles between must be full: only the right edge of the tree is partial, and it is in stx.
            for (k--; k >= 0; k--)
            {
                var p = tile.Parent(k, tree.N)!.Value;
                if (!p.IsFull) throw new InvalidOperationException($"tlog: bad math in tileHashReader: {tree.N} {x} {p}");
                tileOrder[p] = tiles.Count;
                if (k == 0) indexTileOrder[i] = tiles.Count;
                tiles.Add(p);
            }
        }

        var read = await source.ReadTilesAsync(tiles, ct);
        var data = read.Select(r => r.Data).ToArray();
        if (data.Length != tiles.Count) throw new SumDbException($"TileReader returned bad result slice (len={data.Length}, want {tiles.Count})");
        for (var i = 0; i < tiles.Count; i++)
            if (data[i].Length != tiles[i].W * TlogHash.Size)
                throw new SumDbException($"TileReader returned bad result slice ({tiles[i].Path} len={data[i].Length}, want {tiles[i].W * TlogHash.Size})");

        // The whole-tree tiles must fold into the signed tree hash.
        var last = stx.Count - 1;
        var th = tiles[stxTileOrder[last]].HashAt(data[stxTileOrder[last]], stx[last]);
        for (var i = last - 1; i >= 0; i--)
            th = TlogHash.Node(tiles[stxTileOrder[i]].HashAt(data[stxTileOrder[i]], stx[i]), th);
        if (th != tree.Hash) throw new SumDbException("downloaded inconsistent tile");

        // Every other tile must hash to its entry in its parent (listed before it).
        for (var i = stx.Count; i < tiles.Count; i++)
        {
            var tile = tiles[i];
            var p = tile.Parent(1, tree.N)!.Value;
            if (!tileOrder.TryGetValue(p, out var j)) throw new InvalidOperationException($"tlog: lost parent of {tile}");
            var expected = p.HashAt(data[j], Tlog.StoredHashIndex(p.L * p.H, tile.N));
            if (expected != Tile.Fold(data[i])) throw new SumDbException("downloaded inconsistent tile");
        }

        var fresh = Enumerable.Range(0, tiles.Count).Where(i => !read[i].Cached).ToList();
        if (fresh.Count > 0) await source.SaveTilesAsync([.. fresh.Select(i => tiles[i])], [.. fresh.Select(i => data[i])], ct);

        var hashes = new TlogHash[indexes.Count];
        for (var i = 0; i < indexes.Count; i++)
        {
            var j = indexTileOrder[i];
            hashes[i] = tiles[j].HashAt(data[j], indexes[i]);
        }
        return hashes;
    }
}
