using System.Collections.Concurrent;
using System.Text;

namespace GitLabLite.Golang.SumDb;

/// <summary>
/// The checksum-database client, as x/mod/sumdb/client.go does it: a lookup's record must be in the signed tree
/// that comes with it (read through tiles proven against that tree), and every signed tree seen must be consistent
/// with the latest one kept (the older one's hash recomputed from the newer one's tiles), else the database is
/// misbehaving: a SECURITY ERROR. The latest tree is kept through <see cref="ISumDbOps"/> (shared by every process),
/// and so are verified lookups and tiles. Lookups of the same record at the same time share one fetch.
/// </summary>
public sealed class SumDbClient : ITileSource
{
    private readonly ISumDbOps _ops;
    private readonly NoteVerifier _verifier;
    private readonly ConcurrentDictionary<string, Lazy<Task<SumDbRecord>>> _records = new();
    private readonly ConcurrentDictionary<Tile, Lazy<Task<TileRead>>> _tiles = new();
    private readonly Lock _latestLock = new();
    private readonly SemaphoreSlim _init = new(1, 1);
    private bool _initialized;
    private SumDbTree _latest;
    private byte[]? _latestMsg;

    public SumDbClient(NoteVerifier verifier, ISumDbOps ops, int tileHeight = 8)
    {
        _verifier = verifier;
        _ops = ops;
        Height = tileHeight;
    }

    public string Name => _verifier.Name;

    public int Height { get; }

    /// <summary>The latest verified tree known to this process.</summary>
    public SumDbTree Latest
    {
        get
        {
            lock (_latestLock) return _latest;
        }
    }

    /// <summary>
    /// sumdb.Client.Lookup: the go.sum lines for path and version (a version ending in /go.mod gives the go.mod line),
    /// from a verified record. Throws <see cref="SumDbException"/> when the answer does not verify or is missing.
    /// </summary>
    public async Task<IReadOnlyList<string>> LookupAsync(string path, string version, CancellationToken ct)
    {
        try
        {
            var record = await RecordAsync(path, version.EndsWith("/go.mod", StringComparison.Ordinal) ? version[..^"/go.mod".Length] : version, ct);
            return record.Lines(path, version);
        }
        catch (SumDbException e)
        {
            throw new SumDbException($"{path}@{version}: {e.Message}", e.Security, e.NotFound);
        }
    }

    /// <summary>The lookup answer as the database sent it (record and its signed tree), verified; for proxying.</summary>
    public async Task<byte[]> LookupBodyAsync(string path, string version, CancellationToken ct)
    {
        await RecordAsync(path, version, ct);
        return await _ops.ReadCacheAsync(LookupFile(path, version), ct) ?? throw new SumDbException("lookup vanished from the cache");
    }

    /// <summary>The cache file of a lookup: &lt;name&gt;/lookup/&lt;escaped path&gt;@&lt;escaped version&gt;.</summary>
    public string LookupFile(string path, string version) => Name + LookupPath(path, version);

    /// <summary>
    /// A hash tile, proven against the latest verified tree (and so cached), or null when it lies outside that tree
    /// (there is nothing to prove it against) or is a data tile.
    /// </summary>
    public async Task<byte[]?> ReadVerifiedTileAsync(Tile tile, CancellationToken ct)
    {
        await InitAsync(ct);
        var latest = Latest;
        // Levels and positions past any possible tree (a hostile path) are outside it too, without overflowing a shift.
        if (tile.L < 0 || tile.H != Height || latest.N == 0 || tile.L * tile.H >= 63 || tile.N > long.MaxValue >> (tile.H + 1)) return null;
        var start = tile.N << tile.H;
        if (start + tile.W > latest.N >> (tile.L * tile.H)) return null;
        var indexes = Enumerable.Range(0, tile.W).Select(i => Tlog.StoredHashIndex(tile.L * tile.H, start + i)).ToList();
        await new TileHashReader(latest, this).ReadHashesAsync(indexes, ct);
        return (await ReadTileAsync(tile)).Data;
    }

    /// <summary>
    /// The database's current signed tree, checked for consistency with the latest one kept (and kept if newer);
    /// the kept one when the database cannot be reached.
    /// </summary>
    public async Task<byte[]?> LatestNoteAsync(CancellationToken ct)
    {
        await InitAsync(ct);
        try
        {
            await MergeLatestAsync(await _ops.ReadRemoteAsync("/latest", ct), ct);
        }
        catch (SumDbException e) when (!e.Security)
        {
            // Unreachable or not verifiable: what was verified before still stands.
        }
        lock (_latestLock) return _latestMsg;
    }

    /// <summary>The cache file of a tile.</summary>
    public string TileFile(Tile tile) => $"{Name}/{tile.Path}";

    private static string LookupPath(string path, string version)
    {
        var epath = CaseEncoding.EscapePath(path) ?? throw new SumDbException($"malformed module path \"{path}\"");
        var evers = CaseEncoding.EscapeVersion(version) ?? throw new SumDbException($"malformed version \"{version}\"");
        return $"/lookup/{epath}@{evers}";
    }

    private async Task<SumDbRecord> RecordAsync(string path, string version, CancellationToken ct)
    {
        await InitAsync(ct);
        var remotePath = LookupPath(path, version);
        var file = Name + remotePath;
        var flight = _records.GetOrAdd(file, _ => new Lazy<Task<SumDbRecord>>(() => FetchRecordAsync(remotePath, file)));
        try
        {
            return await flight.Value.WaitAsync(ct);
        }
        finally
        {
            if (flight.Value.IsCompleted) _records.TryRemove(new KeyValuePair<string, Lazy<Task<SumDbRecord>>>(file, flight));
        }
    }

    /// <summary>Runs to the end even when the first caller leaves: others may wait on it.</summary>
    private async Task<SumDbRecord> FetchRecordAsync(string remotePath, string file)
    {
        var ct = CancellationToken.None;
        var data = await _ops.ReadCacheAsync(file, ct);
        var fromCache = data is not null;
        data ??= await _ops.ReadRemoteAsync(remotePath, ct);
        var record = SumDbRecord.ParseOrNull(data) ?? throw new SumDbException("malformed record data");
        await MergeLatestAsync(record.Rest, ct);
        await CheckRecordAsync(record.Id, record.Text, ct);
        if (!fromCache) await _ops.WriteCacheAsync(file, data, ct);
        return record;
    }

    /// <summary>Loads the persisted latest tree once and checks it against its own tiles (as the go command does at start).</summary>
    private async Task InitAsync(CancellationToken ct)
    {
        if (Volatile.Read(ref _initialized)) return;
        await _init.WaitAsync(ct);
        try
        {
            if (_initialized) return;
            try
            {
                await MergeLatestAsync(await _ops.ReadLatestAsync(ct), ct);
            }
            catch (SumDbException e)
            {
                throw new SumDbException($"initializing sumdb.Client: {e.Message}", e.Security, e.NotFound);
            }
            Volatile.Write(ref _initialized, true);
        }
        finally
        {
            _init.Release();
        }
    }

    private enum When
    {
        Past = 1,
        Now,
        Future,
    }

    /// <summary>client.go mergeLatest: takes in a signed tree; a newer one than the persisted latest is persisted.</summary>
    private async Task MergeLatestAsync(byte[]? msg, CancellationToken ct)
    {
        if (await MergeLatestMemAsync(msg, ct) != When.Future) return;
        // The tree is newer than what we had: persist it, unless another writer got further meanwhile.
        while (true)
        {
            var stored = await _ops.ReadLatestAsync(ct);
            if (await MergeLatestMemAsync(stored, ct) != When.Past) return;
            byte[]? latestMsg;
            lock (_latestLock) latestMsg = _latestMsg;
            if (await _ops.ReplaceLatestAsync(stored, latestMsg!, ct)) return;
        }
    }

    /// <summary>client.go mergeLatestMem: whether msg's tree is older, the same as or newer than the latest in memory.</summary>
    private async Task<When> MergeLatestMemAsync(byte[]? msg, CancellationToken ct)
    {
        if (msg is null || msg.Length == 0)
        {
            lock (_latestLock) return _latest.N == 0 ? When.Now : When.Past;
        }
        var text = SignedNote.Open(msg, _verifier, out var noteError) ??
                   throw new SumDbException($"reading tree note: {noteError}\nnote:\n{Encoding.UTF8.GetString(msg)}");
        var tree = SumDbTree.ParseOrNull(text) ?? throw new SumDbException($"reading tree: malformed tree note\ntree:\n{text}");
        SumDbTree latest;
        byte[]? latestMsg;
        lock (_latestLock) (latest, latestMsg) = (_latest, _latestMsg);
        while (true)
        {
            if (tree.N <= latest.N)
            {
                await CheckTreesAsync(tree, msg, latest, latestMsg, ct);
                return tree.N < latest.N ? When.Past : When.Now;
            }
            await CheckTreesAsync(latest, latestMsg, tree, msg, ct);
            lock (_latestLock)
            {
                if (_latest == latest)
                {
                    (_latest, _latestMsg) = (tree, msg);
                    return When.Future;
                }
                (latest, latestMsg) = (_latest, _latestMsg);
            }
        }
    }

    /// <summary>client.go checkTrees: the older tree's hash, recomputed from the newer tree's tiles, must match.</summary>
    private async Task CheckTreesAsync(SumDbTree older, byte[]? olderNote, SumDbTree newer, byte[]? newerNote, CancellationToken ct)
    {
        var reader = new TileHashReader(newer, this);
        TlogHash h;
        try
        {
            h = await Tlog.TreeHashAsync(older.N, reader, ct);
        }
        catch (SumDbException e)
        {
            throw new SumDbException(older.N == newer.N ? $"checking tree#{older.N}: {e.Message}" : $"checking tree#{older.N} against tree#{newer.N}: {e.Message}", e.Security, e.NotFound);
        }
        if (h == older.Hash) return;

        var message = new StringBuilder("SECURITY ERROR\ngo.sum database server misbehavior detected!\n\n");
        message.Append($"old database:\n\t{Indent(olderNote)}\n");
        message.Append($"new database:\n\t{Indent(newerNote)}\n");
        message.Append($"proof of misbehavior:\n\t{h}");
        try
        {
            var proof = await Tlog.ProveTreeAsync(newer.N, older.N, reader, ct);
            if (!Tlog.CheckTree(proof, newer.N, newer.Hash, older.N, h)) message.Append("\tinternal error: generated inconsistent proof\n");
            else foreach (var p in proof) message.Append($"\n\t{p}");
        }
        catch (SumDbException e)
        {
            message.Append($"\tinternal error: {e.Message}\n");
        }
        _ops.SecurityError(message.ToString());
        throw new SumDbException("security error: misbehaving server", security: true);

        static string Indent(byte[]? note) => Encoding.UTF8.GetString(note ?? []).Replace("\n", "\n\t", StringComparison.Ordinal);
    }

    /// <summary>client.go checkRecord: the record's hash, read through the latest tree's tiles, must be its leaf hash.</summary>
    private async Task CheckRecordAsync(long id, byte[] data, CancellationToken ct)
    {
        var latest = Latest;
        if (id >= latest.N) throw new SumDbException($"cannot validate record {id} in tree of size {latest.N}");
        var hashes = await new TileHashReader(latest, this).ReadHashesAsync([Tlog.StoredHashIndex(0, id)], ct);
        if (hashes[0] != TlogHash.Record(data)) throw new SumDbException("cannot authenticate record data in server response");
    }

    Task<TileRead[]> ITileSource.ReadTilesAsync(IReadOnlyList<Tile> tiles, CancellationToken ct) => Task.WhenAll(tiles.Select(ReadTileAsync));

    async Task ITileSource.SaveTilesAsync(IReadOnlyList<Tile> tiles, IReadOnlyList<byte[]> data, CancellationToken ct)
    {
        for (var i = 0; i < tiles.Count; i++) await _ops.WriteCacheAsync(TileFile(tiles[i]), data[i], ct);
    }

    /// <summary>One read per tile at a time, however many lookups need it.</summary>
    private async Task<TileRead> ReadTileAsync(Tile tile)
    {
        var flight = _tiles.GetOrAdd(tile, t => new Lazy<Task<TileRead>>(() => FetchTileAsync(t)));
        try
        {
            return await flight.Value;
        }
        finally
        {
            if (flight.Value.IsCompleted) _tiles.TryRemove(new KeyValuePair<Tile, Lazy<Task<TileRead>>>(tile, flight));
        }
    }

    /// <summary>client.go readTile: the cache, the full tile in the cache, the database, the full tile from the database.</summary>
    private async Task<TileRead> FetchTileAsync(Tile tile)
    {
        var ct = CancellationToken.None;
        if (await _ops.ReadCacheAsync(TileFile(tile), ct) is { } cached) return new TileRead(cached, true);
        var full = tile.Full;
        if (!tile.IsFull && await _ops.ReadCacheAsync(TileFile(full), ct) is { } cachedFull)
            return new TileRead(Prefix(cachedFull, full, tile), true);
        try
        {
            return new TileRead(await _ops.ReadRemoteAsync("/" + tile.Path, ct), false);
        }
        catch (SumDbException) when (!tile.IsFull)
        {
            // The database may serve only the full tile once it is complete; the partial is a prefix of it.
            return new TileRead(Prefix(await _ops.ReadRemoteAsync("/" + full.Path, ct), full, tile), false);
        }
    }

    private static byte[] Prefix(byte[] fullData, Tile full, Tile tile) => fullData[..(fullData.Length / full.W * tile.W)];
}
