namespace GitLabLite.Golang.SumDb;

/// <summary>
/// tlog.TileReader: where tiles come from (a cache, then the database). Tiles are handed to <see cref="SaveTilesAsync"/>
/// only after they have been checked against a signed tree, so a cache filled from there holds verified tiles only.
/// </summary>
public interface ITileSource
{
    int Height { get; }

    /// <summary>The data of each tile, in order (W hashes of 32 bytes), and whether it came from the cache.</summary>
    Task<TileRead[]> ReadTilesAsync(IReadOnlyList<Tile> tiles, CancellationToken ct);

    /// <summary>Keeps tiles that were not read from the cache, now that they are proven.</summary>
    Task SaveTilesAsync(IReadOnlyList<Tile> tiles, IReadOnlyList<byte[]> data, CancellationToken ct);
}
