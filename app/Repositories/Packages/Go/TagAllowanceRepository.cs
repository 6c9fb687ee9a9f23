using GitLabLite.Models.Packages.Go;

namespace GitLabLite.Repositories.Packages.Go;

/// <summary>Allowances to move served tags (packages_go_tag_allowances).</summary>
public sealed class TagAllowanceRepository(Database db)
{
    private const string Columns = "a.id, a.project_id, a.tag_name, a.user_id, u.username, a.created_at, a.expires_at, a.used_at, a.revoked_at";

    private const string Select = $"SELECT {Columns} FROM packages_go_tag_allowances a LEFT JOIN users u ON u.id = a.user_id";

    public Task<TagAllowance> CreateAsync(long projectId, string tagName, long userId, DateTime expiresAt, CancellationToken ct) =>
        db.QuerySingleAsync<TagAllowance>(
            $"""
            WITH a AS (
                INSERT INTO packages_go_tag_allowances (project_id, tag_name, user_id, expires_at)
                VALUES (@projectId, @tagName, @userId, @expiresAt) RETURNING *)
            SELECT {Columns} FROM a LEFT JOIN users u ON u.id = a.user_id
            """, new { projectId, tagName, userId, expiresAt }, ct);

    public Task<TagAllowance?> FindOrNullAsync(long projectId, long id, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<TagAllowance>($"{Select} WHERE a.project_id = @projectId AND a.id = @id", new { projectId, id }, ct);

    /// <summary>The project's allowances, newest first.</summary>
    public Task<IReadOnlyList<TagAllowance>> ListAsync(long projectId, CancellationToken ct) =>
        db.QueryAsync<TagAllowance>($"{Select} WHERE a.project_id = @projectId ORDER BY a.id DESC", new { projectId }, ct);

    /// <summary>Allowances for these tags that are neither used, revoked nor expired.</summary>
    public Task<IReadOnlyList<TagAllowance>> ActiveAsync(long projectId, IReadOnlyList<string> tagNames, CancellationToken ct) =>
        db.QueryAsync<TagAllowance>(
            $"""
            {Select} WHERE a.project_id = @projectId AND a.tag_name = ANY(@tagNames)
            AND a.used_at IS NULL AND a.revoked_at IS NULL AND a.expires_at > now() ORDER BY a.id
            """, new { projectId, tagNames = tagNames.ToArray() }, ct);

    /// <summary>False when it was no longer active (used or revoked meanwhile).</summary>
    public async Task<bool> MarkUsedAsync(long id, CancellationToken ct) =>
        await db.ExecuteAsync("UPDATE packages_go_tag_allowances SET used_at = now() WHERE id = @id AND used_at IS NULL AND revoked_at IS NULL", new { id }, ct) == 1;

    public async Task<bool> RevokeAsync(long id, CancellationToken ct) =>
        await db.ExecuteAsync("UPDATE packages_go_tag_allowances SET revoked_at = now() WHERE id = @id AND used_at IS NULL AND revoked_at IS NULL", new { id }, ct) == 1;
}
