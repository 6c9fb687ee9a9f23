using GitLabLite.Models.Users;

namespace GitLabLite.Repositories.Users;

public sealed class PersonalAccessTokenRepository(Database db)
{
    private const string Columns = "id, user_id, name, token_digest, scopes, expires_at, revoked, last_used_at, created_at";

    private static readonly string WithUser =
        $"SELECT {Database.Qualified(Columns, "t")}, {UserRepository.ColumnsOf("u")} " +
        "FROM personal_access_tokens t JOIN users u ON u.id = t.user_id WHERE t.token_digest = @tokenDigest";

    /// <summary>The token with that digest and its owner, in one round trip (every token-authenticated request needs both).</summary>
    public Task<(PersonalAccessToken Token, User User)?> FindByDigestWithUserOrNullAsync(string tokenDigest, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<PersonalAccessToken, User, (PersonalAccessToken, User)?>(
            WithUser, (token, user) => (token, user), "id", new { tokenDigest }, ct);

    public Task<PersonalAccessToken?> FindOrNullAsync(long id, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<PersonalAccessToken>($"SELECT {Columns} FROM personal_access_tokens WHERE id = @id", new { id }, ct);

    public Task<IReadOnlyList<PersonalAccessToken>> ListAsync(long? userId, int offset, int limit, CancellationToken ct) =>
        db.QueryAsync<PersonalAccessToken>(
            $"SELECT {Columns} FROM personal_access_tokens WHERE (@userId::bigint IS NULL OR user_id = @userId) ORDER BY id OFFSET @offset LIMIT @limit",
            new { userId, offset, limit }, ct);

    public Task<long> CountAsync(long? userId, CancellationToken ct) =>
        db.QuerySingleAsync<long>("SELECT count(*) FROM personal_access_tokens WHERE (@userId::bigint IS NULL OR user_id = @userId)", new { userId }, ct);

    /// <summary>Null when a token with that digest exists already (only possible for a chosen GITLAB_ROOT_TOKEN).</summary>
    public Task<PersonalAccessToken?> CreateAsync(long userId, string name, string tokenDigest, string[] scopes, DateOnly? expiresAt, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<PersonalAccessToken>(
            $"""
            INSERT INTO personal_access_tokens (user_id, name, token_digest, scopes, expires_at)
            VALUES (@userId, @name, @tokenDigest, @scopes, @expiresAt)
            ON CONFLICT (token_digest) DO NOTHING RETURNING {Columns}
            """, new { userId, name, tokenDigest, scopes, expiresAt = AsTimestamp(expiresAt) }, ct);

    /// <summary>Moves the expiry of the user's token with that digest, unless it was revoked.</summary>
    public Task<int> RenewAsync(string tokenDigest, long userId, DateOnly expiresAt, CancellationToken ct) =>
        db.ExecuteAsync(
            "UPDATE personal_access_tokens SET expires_at = @expiresAt, updated_at = now() WHERE token_digest = @tokenDigest AND user_id = @userId AND NOT revoked",
            new { tokenDigest, userId, expiresAt = AsTimestamp(expiresAt) }, ct);

    public Task<int> RevokeAsync(long id, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE personal_access_tokens SET revoked = true, updated_at = now() WHERE id = @id AND NOT revoked", new { id }, ct);

    /// <summary>GitLab throttles last_used_at writes; one write a minute per token keeps hot paths off the disk.</summary>
    public Task<int> TouchLastUsedAsync(long id, CancellationToken ct) =>
        db.ExecuteAsync(
            "UPDATE personal_access_tokens SET last_used_at = now() WHERE id = @id AND (last_used_at IS NULL OR last_used_at < now() - interval '1 minute')",
            new { id }, ct);

    // Dapper cannot bind DateOnly; an unspecified-kind DateTime goes as `timestamp`, whose cast to `date` keeps the day
    // whatever the session time zone.
    private static DateTime? AsTimestamp(DateOnly? date) => date?.ToDateTime(TimeOnly.MinValue);
}
