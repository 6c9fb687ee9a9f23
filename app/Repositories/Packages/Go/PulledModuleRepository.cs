using GitLabLite.Models.Packages.Go;

namespace GitLabLite.Repositories.Packages.Go;

/// <summary>Pulled module versions (go_pulled_modules) and changeable upstream answers (go_pulled_answers).</summary>
public sealed class PulledModuleRepository(Database db)
{
    private const string Columns =
        "id, module_path, version, upstream, info, mod, mod_h1, zip_key, zip_size, zip_h1, verified_tree_size, downloads, first_fetched_at";

    public Task<PulledModule?> FindAsync(string modulePath, string version, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<PulledModule>($"SELECT {Columns} FROM go_pulled_modules WHERE module_path = @modulePath AND version = @version",
            new { modulePath, version }, ct);

    public Task<PulledModule?> FindByIdAsync(long id, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<PulledModule>($"SELECT {Columns} FROM go_pulled_modules WHERE id = @id", new { id }, ct);

    /// <summary>Newest first, without the .info and .mod bodies (the admin page lists sizes, not contents).</summary>
    public Task<IReadOnlyList<PulledModule>> ListAsync(int limit, int offset, CancellationToken ct) =>
        db.QueryAsync<PulledModule>(
            """
            SELECT id, module_path, version, upstream, NULL::bytea AS info, NULL::bytea AS mod, mod_h1, zip_key, zip_size, zip_h1,
                   verified_tree_size, downloads, first_fetched_at
            FROM go_pulled_modules ORDER BY first_fetched_at DESC, id DESC LIMIT @limit OFFSET @offset
            """, new { limit, offset }, ct);

    public Task<long> CountAsync(CancellationToken ct) => db.QuerySingleAsync<long>("SELECT count(*) FROM go_pulled_modules", null, ct);

    /// <summary>Keeps the .info of a version; the first one stored stays (versions never change once served).</summary>
    public Task SaveInfoAsync(string modulePath, string version, string upstream, byte[] info, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            INSERT INTO go_pulled_modules (module_path, version, upstream, info) VALUES (@modulePath, @version, @upstream, @info)
            ON CONFLICT (module_path, version) DO UPDATE SET info = coalesce(go_pulled_modules.info, excluded.info)
            """, new { modulePath, version, upstream, info }, ct);

    public Task SaveModAsync(string modulePath, string version, string upstream, byte[] mod, string h1, long? treeSize, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            INSERT INTO go_pulled_modules (module_path, version, upstream, mod, mod_h1, verified_tree_size)
            VALUES (@modulePath, @version, @upstream, @mod, @h1, @treeSize)
            ON CONFLICT (module_path, version) DO UPDATE SET mod = coalesce(go_pulled_modules.mod, excluded.mod),
                mod_h1 = coalesce(go_pulled_modules.mod_h1, excluded.mod_h1),
                verified_tree_size = coalesce(go_pulled_modules.verified_tree_size, excluded.verified_tree_size)
            """, new { modulePath, version, upstream, mod, h1, treeSize }, ct);

    public Task SaveZipAsync(string modulePath, string version, string upstream, string key, long size, string h1, long? treeSize, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            INSERT INTO go_pulled_modules (module_path, version, upstream, zip_key, zip_size, zip_h1, verified_tree_size)
            VALUES (@modulePath, @version, @upstream, @key, @size, @h1, @treeSize)
            ON CONFLICT (module_path, version) DO UPDATE SET zip_key = excluded.zip_key, zip_size = excluded.zip_size, zip_h1 = excluded.zip_h1,
                verified_tree_size = coalesce(go_pulled_modules.verified_tree_size, excluded.verified_tree_size)
            """, new { modulePath, version, upstream, key, size, h1, treeSize }, ct);

    public Task AddDownloadsAsync(long id, long count, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE go_pulled_modules SET downloads = downloads + @count WHERE id = @id", new { id, count }, ct);

    public Task<int> DeleteAsync(long id, CancellationToken ct) => db.ExecuteAsync("DELETE FROM go_pulled_modules WHERE id = @id", new { id }, ct);

    public Task<PulledAnswer?> FindAnswerAsync(string modulePath, string query, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<PulledAnswer>(
            "SELECT module_path, query, body, upstream, fetched_at FROM go_pulled_answers WHERE module_path = @modulePath AND query = @query",
            new { modulePath, query }, ct);

    public Task SaveAnswerAsync(string modulePath, string query, byte[] body, string upstream, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            INSERT INTO go_pulled_answers (module_path, query, body, upstream) VALUES (@modulePath, @query, @body, @upstream)
            ON CONFLICT (module_path, query) DO UPDATE SET body = excluded.body, upstream = excluded.upstream, fetched_at = now()
            """, new { modulePath, query, body, upstream }, ct);

    /// <summary>Forgets the changeable answers of a module (a purge makes the next request ask upstream again).</summary>
    public Task DeleteAnswersAsync(string modulePath, CancellationToken ct) =>
        db.ExecuteAsync("DELETE FROM go_pulled_answers WHERE module_path = @modulePath", new { modulePath }, ct);
}
