namespace GitLabLite.Repositories.Packages.Go;

/// <summary>Verified checksum-database answers (lookups, tiles) and the latest verified tree of each database.</summary>
public sealed class GoSumDbRepository(Database db)
{
    public Task<byte[]?> FindCachedAsync(string key, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<byte[]>("SELECT data FROM go_sumdb_cache WHERE key = @key", new { key }, ct);

    /// <summary>Answers are immutable: the first one stored for a key stays.</summary>
    public Task SaveCachedAsync(string key, byte[] data, CancellationToken ct) =>
        db.ExecuteAsync("INSERT INTO go_sumdb_cache (key, data) VALUES (@key, @data) ON CONFLICT (key) DO NOTHING", new { key, data }, ct);

    public Task<byte[]?> FindLatestAsync(string name, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<byte[]>("SELECT note FROM go_sumdb_latest WHERE name = @name", new { name }, ct);

    /// <summary>Compare-and-swap: replaces the latest note only if it is still <paramref name="old"/> (null: none yet).</summary>
    public async Task<bool> ReplaceLatestAsync(string name, byte[]? old, byte[] note, long treeSize, CancellationToken ct) =>
        await db.ExecuteAsync(old is null
            ? "INSERT INTO go_sumdb_latest (name, note, tree_size) VALUES (@name, @note, @treeSize) ON CONFLICT (name) DO NOTHING"
            : "UPDATE go_sumdb_latest SET note = @note, tree_size = @treeSize, updated_at = now() WHERE name = @name AND note = @old",
            new { name, old, note, treeSize }, ct) == 1;
}
