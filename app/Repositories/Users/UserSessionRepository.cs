using GitLabLite.Models.Users;

namespace GitLabLite.Repositories.Users;

public sealed class UserSessionRepository(Database db)
{
    public Task<long> CreateAsync(string sessionDigest, long userId, DateTime now, CancellationToken ct) =>
        db.QuerySingleAsync<long>(
            "INSERT INTO user_sessions (session_digest, user_id, created_at, last_activity_at) VALUES (@sessionDigest, @userId, @now, @now) RETURNING id",
            new { sessionDigest, userId, now }, ct);

    /// <summary>
    /// The session with that digest while it is alive: within both lifetimes, and its user still active (a blocked
    /// user's sessions end with the block even before anything revokes them).
    /// </summary>
    public Task<UserSession?> FindLiveOrNullAsync(string sessionDigest, DateTime idleSince, DateTime createdSince, CancellationToken ct) =>
        db.QueryFirstOrDefaultAsync<UserSession>(
            """
            SELECT s.id, s.user_id, u.username, s.created_at, s.last_activity_at
            FROM user_sessions s JOIN users u ON u.id = s.user_id
            WHERE s.session_digest = @sessionDigest AND s.last_activity_at > @idleSince AND s.created_at > @createdSince AND u.state = 'active'
            """, new { sessionDigest, idleSince, createdSince }, ct);

    public Task<int> TouchAsync(long id, DateTime now, CancellationToken ct) =>
        db.ExecuteAsync("UPDATE user_sessions SET last_activity_at = @now WHERE id = @id", new { id, now }, ct);

    public Task<int> DeleteAsync(string sessionDigest, CancellationToken ct) =>
        db.ExecuteAsync("DELETE FROM user_sessions WHERE session_digest = @sessionDigest", new { sessionDigest }, ct);

    public Task<int> DeleteForUserAsync(long userId, CancellationToken ct) =>
        db.ExecuteAsync("DELETE FROM user_sessions WHERE user_id = @userId", new { userId }, ct);

    /// <summary>Drops sessions past either lifetime, so the table holds only live ones.</summary>
    public Task<int> DeleteExpiredAsync(DateTime idleSince, DateTime createdSince, CancellationToken ct) =>
        db.ExecuteAsync("DELETE FROM user_sessions WHERE last_activity_at <= @idleSince OR created_at <= @createdSince",
            new { idleSince, createdSince }, ct);
}
