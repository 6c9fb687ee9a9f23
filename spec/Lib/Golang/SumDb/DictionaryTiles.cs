using GitLabLite.Golang.SumDb;

namespace GitLabLite.Spec.Lib.Golang.SumDb;

/// <summary>Tiles of height 8 served from a map of "/tile/..." paths (the vectors' remote files).</summary>
internal sealed class DictionaryTiles(IReadOnlyDictionary<string, byte[]> files) : ITileSource
{
    public int Height => 8;

    public Task<TileRead[]> ReadTilesAsync(IReadOnlyList<Tile> tiles, CancellationToken ct) =>
        Task.FromResult(tiles.Select(t => new TileRead(files.TryGetValue("/" + t.Path, out var d) ? d : throw new SumDbException($"/{t.Path}: 404 Not Found", notFound: true), false)).ToArray());

    public Task SaveTilesAsync(IReadOnlyList<Tile> tiles, IReadOnlyList<byte[]> data, CancellationToken ct) => Task.CompletedTask;
}
