namespace GitLabLite.Golang.SumDb;

/// <summary>A tile's data and whether it came from the cache (and so need not be saved again).</summary>
public sealed record TileRead(byte[] Data, bool Cached);
