using GitLabLite.Models.Packages.Go;

namespace GitLabLite.Repositories.Packages.Go;

/// <summary>Pulled module versions (go_pulled_modules) and changeable upstream answers (go_pulled_answers).</summary>
public sealed class PulledModuleRepository(Database db)
{
    private const string Columns =
        "id, module_path, version, upstream, mod_h1, zip_size, zip_h1, verified_tree_size, downloads, first_fetched_at";

    public Task<PulledModule?> FindAsync(string modulePath, string version, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<PulledModule>($"SELECT {Columns} FROM go_pulled_modules WHERE module_path = @modulePath AND version = @version",
            new { modulePath, version }, ct);

    public Task<PulledModule?> FindByIdAsync(long id, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<PulledModule>($"SELECT {Columns} FROM go_pulled_modules WHERE id = @id", new { id }, ct);

    /// <summary>Newest first.</summary>
    public Task<IReadOnlyList<PulledModule>> ListAsync(int limit, int offset, CancellationToken ct) =>
        db.QueryAsync<PulledModule>($"SELECT {Columns} FROM go_pulled_modules ORDER BY first_fetched_at DESC, id DESC LIMIT @limit OFFSET @offset",
            new { limit, offset }, ct);

    public Task<long> CountAsync(CancellationToken ct) => db.QuerySingleAsync<long>("SELECT count(*) FROM go_pulled_modules", null, ct);

    /// <summary>Lists a version whose .info was stored; the first upstream it came from stays.</summary>
    public Task SaveInfoAsync(string modulePath, string version, string upstream, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            INSERT INTO go_pulled_modules (module_path, version, upstream) VALUES (@modulePath, @version, @upstream)
            ON CONFLICT (module_path, version) DO NOTHING
            """, new { modulePath, version, upstream }, ct);

    public Task SaveModAsync(string modulePath, string version, string upstream, string h1, long? treeSize, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            INSERT INTO go_pulled_modules (module_path, version, upstream, mod_h1, verified_tree_size)
            VALUES (@modulePath, @version, @upstream, @h1, @treeSize)
            ON CONFLICT (module_path, version) DO UPDATE SET mod_h1 = coalesce(go_pulled_modules.mod_h1, excluded.mod_h1),
                verified_tree_size = coalesce(go_pulled_modules.verified_tree_size, excluded.verified_tree_size)
            """, new { modulePath, version, upstream, h1, treeSize }, ct);

    public Task SaveZipAsync(string modulePath, string version, string upstream, long size, string h1, long? treeSize, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            INSERT INTO go_pulled_modules (module_path, version, upstream, zip_size, zip_h1, verified_tree_size)
            VALUES (@modulePath, @version, @upstream, @size, @h1, @treeSize)
            ON CONFLICT (module_path, version) DO UPDATE SET zip_size = excluded.zip_size, zip_h1 = excluded.zip_h1,
                verified_tree_size = coalesce(go_pulled_modules.verified_tree_size, excluded.verified_tree_size)
            """, new { modulePath, version, upstream, size, h1, treeSize }, ct);

    public Task AddDownloadsAsync(string modulePath, string version, long count, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE go_pulled_modules SET downloads = downloads + @count WHERE module_path = @modulePath AND version = @version",
            new { modulePath, version, count }, ct);

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
