using GitLabLite.Models.Packages.Go;

namespace GitLabLite.Repositories.Packages.Go;

/// <summary>Allow and deny rules for pulled modules (go_proxy_rules).</summary>
public sealed class GoProxyRuleRepository(Database db)
{
    private const string Columns = "id, namespace_id, action, module_pattern, version_pattern, created_at";

    /// <summary>The instance rules and those of the given groups, instance first, each level in creation order.</summary>
    public Task<IReadOnlyList<GoProxyRule>> ListApplicableAsync(IReadOnlyList<long> namespaceIds, CancellationToken ct) =>
        db.QueryAsync<GoProxyRule>(
            $"SELECT {Columns} FROM go_proxy_rules WHERE namespace_id IS NULL OR namespace_id = ANY(@ids) ORDER BY namespace_id NULLS FIRST, id",
            new { ids = namespaceIds.ToArray() }, ct);

    /// <summary>The rules of one level: the instance's (null) or one group's.</summary>
    public Task<IReadOnlyList<GoProxyRule>> ListAsync(long? namespaceId, CancellationToken ct) =>
        db.QueryAsync<GoProxyRule>(
            $"SELECT {Columns} FROM go_proxy_rules WHERE namespace_id IS NOT DISTINCT FROM @namespaceId ORDER BY id", new { namespaceId }, ct);

    public Task<GoProxyRule> CreateAsync(long? namespaceId, string action, string modulePattern, string versionPattern, CancellationToken ct) =>
        db.QuerySingleAsync<GoProxyRule>(
            $"""
            INSERT INTO go_proxy_rules (namespace_id, action, module_pattern, version_pattern)
            VALUES (@namespaceId, @action, @modulePattern, @versionPattern) RETURNING {Columns}
            """, new { namespaceId, action, modulePattern, versionPattern }, ct);

    public async Task<bool> DeleteAsync(long? namespaceId, long id, CancellationToken ct) =>
        await db.ExecuteAsync("DELETE FROM go_proxy_rules WHERE id = @id AND namespace_id IS NOT DISTINCT FROM @namespaceId", new { namespaceId, id }, ct) == 1;
}
