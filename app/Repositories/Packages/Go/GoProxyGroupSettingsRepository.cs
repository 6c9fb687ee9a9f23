namespace GitLabLite.Repositories.Packages.Go;

/// <summary>Per-group pull-through upstreams (go_proxy_group_settings).</summary>
public sealed class GoProxyGroupSettingsRepository(Database db)
{
    /// <summary>The upstreams set on each of the given groups that has any.</summary>
    public async Task<IReadOnlyDictionary<long, string[]>> FindAsync(IReadOnlyList<long> namespaceIds, CancellationToken ct) =>
        (await db.QueryAsync<(long NamespaceId, string[] Upstreams)>(
            "SELECT namespace_id, upstreams FROM go_proxy_group_settings WHERE namespace_id = ANY(@ids)", new { ids = namespaceIds.ToArray() }, ct))
        .ToDictionary(r => r.NamespaceId, r => r.Upstreams);

    public Task SaveAsync(long namespaceId, IReadOnlyList<string> upstreams, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            INSERT INTO go_proxy_group_settings (namespace_id, upstreams) VALUES (@namespaceId, @upstreams)
            ON CONFLICT (namespace_id) DO UPDATE SET upstreams = excluded.upstreams, updated_at = now()
            """, new { namespaceId, upstreams = upstreams.ToArray() }, ct);

    public async Task<bool> DeleteAsync(long namespaceId, CancellationToken ct) =>
        await db.ExecuteAsync("DELETE FROM go_proxy_group_settings WHERE namespace_id = @namespaceId", new { namespaceId }, ct) == 1;
}
