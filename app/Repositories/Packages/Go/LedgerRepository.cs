using GitLabLite.Models.Packages.Go;

namespace GitLabLite.Repositories.Packages.Go;

/// <summary>The version ledger's SQL (packages_go_ledger_entries).</summary>
public sealed class LedgerRepository(Database db)
{
    private const string Columns = """
        id, project_id, module_path, version, commit_sha, module_dir, tag_name, committed_at, go_mod_h1, zip_h1, zip_error,
        download_count, last_downloaded_at, created_at
        """;

    public Task<LedgerEntry?> FindOrNullAsync(long projectId, string modulePath, string version, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<LedgerEntry>(
            $"SELECT {Columns} FROM packages_go_ledger_entries WHERE project_id = @projectId AND module_path = @modulePath AND version = @version",
            new { projectId, modulePath, version }, ct);

    /// <summary>Records the version; null when it has been recorded already (by another request or process), whose row then stands.</summary>
    public Task<LedgerEntry?> InsertOrNullAsync(LedgerEntry entry, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<LedgerEntry>(
            $"""
            INSERT INTO packages_go_ledger_entries (project_id, module_path, version, commit_sha, module_dir, tag_name, committed_at, go_mod_h1)
            VALUES (@ProjectId, @ModulePath, @Version, @CommitSha, @ModuleDir, @TagName, @CommittedAt, @GoModH1)
            ON CONFLICT (project_id, module_path, version) DO NOTHING
            RETURNING {Columns}
            """, entry, ct);

    /// <summary>
    /// The first build's outcome, the zip's h1 or why it has none, unless one is recorded already; returns the row
    /// as it stands afterwards (a hash recorded earlier is never replaced).
    /// </summary>
    public async Task<LedgerEntry> RecordZipAsync(long id, string? zipH1, string? zipError, CancellationToken ct) =>
        await db.QueryFirstOrDefaultAsync<LedgerEntry>(
            $"""
            UPDATE packages_go_ledger_entries SET zip_h1 = @zipH1, zip_error = @zipError
            WHERE id = @id AND zip_h1 IS NULL AND zip_error IS NULL RETURNING {Columns}
            """, new { id, zipH1, zipError }, ct)
        ?? await FindAsync(id, ct);

    public async Task<LedgerEntry> FindAsync(long id, CancellationToken ct) =>
        await db.QueryFirstOrDefaultAsync<LedgerEntry>($"SELECT {Columns} FROM packages_go_ledger_entries WHERE id = @id", new { id }, ct)
        ?? throw new InvalidOperationException($"ledger entry {id} is gone");

    /// <summary>Every version the project has served, oldest first.</summary>
    public Task<IReadOnlyList<LedgerEntry>> ListAsync(long projectId, CancellationToken ct) =>
        db.QueryAsync<LedgerEntry>(
            $"SELECT {Columns} FROM packages_go_ledger_entries WHERE project_id = @projectId ORDER BY created_at, id",
            new { projectId }, ct);

    /// <summary>The first version served from each of these tags (a tag may serve several modules, all from its one commit).</summary>
    public Task<IReadOnlyList<LedgerEntry>> FindServedTagsAsync(long projectId, IReadOnlyList<string> tagNames, CancellationToken ct) =>
        db.QueryAsync<LedgerEntry>(
            $"""
            SELECT DISTINCT ON (tag_name) {Columns} FROM packages_go_ledger_entries
            WHERE project_id = @projectId AND tag_name = ANY(@tagNames) ORDER BY tag_name, id
            """, new { projectId, tagNames = tagNames.ToArray() }, ct);

    /// <summary>Adds batched download counts: one statement for many versions.</summary>
    public Task<int> AddDownloadsAsync(IReadOnlyList<(long Id, long Count, DateTime LastAt)> downloads, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            UPDATE packages_go_ledger_entries e
            SET download_count = e.download_count + d.count,
                last_downloaded_at = GREATEST(e.last_downloaded_at, d.last_at)
            FROM unnest(@ids, @counts, @lastAts) AS d(id, count, last_at)
            WHERE e.id = d.id
            """,
            new
            {
                ids = downloads.Select(d => d.Id).ToArray(),
                counts = downloads.Select(d => d.Count).ToArray(),
                lastAts = downloads.Select(d => d.LastAt).ToArray(),
            }, ct);
}
