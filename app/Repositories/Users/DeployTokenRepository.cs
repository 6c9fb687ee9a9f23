using GitLabLite.Models.Users;

namespace GitLabLite.Repositories.Users;

public sealed class DeployTokenRepository(Database db)
{
    // The owner's full path comes from its route, so group coverage needs no ancestry query.
    private const string Select = """
        SELECT d.id, d.project_id, d.group_id, d.name, d.username, d.token_digest, d.scopes, d.expires_at, d.revoked, d.created_at,
               r.path AS owner_full_path
        FROM deploy_tokens d
        JOIN routes r ON (r.source_type = 'Project' AND r.source_id = d.project_id) OR (r.source_type = 'Namespace' AND r.source_id = d.group_id)
        """;

    /// <summary>The token with that digest (one indexed lookup on every deploy-token request).</summary>
    public Task<DeployToken?> FindByDigestOrNullAsync(string tokenDigest, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<DeployToken>($"{Select} WHERE d.token_digest = @tokenDigest", new { tokenDigest }, ct);

    public Task<DeployToken?> FindOrNullAsync(DeployTokenOwner owner, long id, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<DeployToken>($"{Select} WHERE d.id = @id AND {OwnedBy}", new { id, owner.ProjectId, owner.GroupId }, ct);

    /// <summary>
    /// The owner's tokens (every token for a null owner: the admin list), oldest first; <paramref name="activeOnly"/>
    /// leaves out revoked and expired ones (GitLab's active=true).
    /// </summary>
    public Task<IReadOnlyList<DeployToken>> ListAsync(DeployTokenOwner? owner, bool activeOnly, int offset, int limit, CancellationToken ct) =>
        db.QueryAsync<DeployToken>($"{Select} WHERE {Listed} ORDER BY d.id OFFSET @offset LIMIT @limit",
            new { all = owner is null, owner?.ProjectId, owner?.GroupId, activeOnly, offset, limit }, ct);

    public Task<long> CountAsync(DeployTokenOwner? owner, bool activeOnly, CancellationToken ct) =>
        db.QuerySingleAsync<long>($"SELECT count(*) FROM deploy_tokens d WHERE {Listed}",
            new { all = owner is null, owner?.ProjectId, owner?.GroupId, activeOnly }, ct);

    /// <summary>Creates the token; without a username it gets GitLab's gitlab+deploy-token-{id}. Null when the digest exists.</summary>
    public Task<DeployToken?> CreateAsync(
        DeployTokenOwner owner, string name, string? username, string tokenDigest, string[] scopes, DateTime? expiresAt, long creatorId, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<DeployToken>(
            $"""
            WITH next AS (SELECT nextval(pg_get_serial_sequence('deploy_tokens', 'id')) AS id),
            d AS (
                INSERT INTO deploy_tokens (id, project_id, group_id, name, username, token_digest, scopes, expires_at, creator_id)
                SELECT next.id, @ProjectId, @GroupId, @name, COALESCE(@username, @defaultPrefix || next.id), @tokenDigest, @scopes, @expiresAt, @creatorId
                FROM next ON CONFLICT (token_digest) DO NOTHING RETURNING *)
            {Select.Replace("FROM deploy_tokens d", "FROM d")}
            """, // the inserted row (CTE d) read as Select reads the table
            new { owner.ProjectId, owner.GroupId, name, username, defaultPrefix = DeployToken.DefaultUsernamePrefix, tokenDigest, scopes, expiresAt, creatorId }, ct);

    public async Task<bool> RevokeAsync(DeployTokenOwner owner, long id, CancellationToken ct) =>
        await db.ExecuteAsync($"UPDATE deploy_tokens d SET revoked = true, updated_at = now() WHERE d.id = @id AND {OwnedBy} AND NOT d.revoked",
            new { id, owner.ProjectId, owner.GroupId }, ct) == 1;

    /// <summary>GitLab's API DELETE destroys the token (the page revokes it instead, and lists it as revoked).</summary>
    public async Task<bool> DeleteAsync(DeployTokenOwner owner, long id, CancellationToken ct) =>
        await db.ExecuteAsync($"DELETE FROM deploy_tokens d WHERE d.id = @id AND {OwnedBy}", new { id, owner.ProjectId, owner.GroupId }, ct) == 1;

    private const string Listed =
        "(@all OR d.project_id = @ProjectId OR d.group_id = @GroupId) AND (NOT @activeOnly OR (NOT d.revoked AND (d.expires_at IS NULL OR d.expires_at > now())))";

    private const string OwnedBy = "(d.project_id = @ProjectId OR d.group_id = @GroupId)";
}
