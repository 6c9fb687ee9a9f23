using GitLabLite.Initializers;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;
using Microsoft.Extensions.Options;

namespace GitLabLite.Services.Users;

/// <summary>
/// Web sessions kept in Postgres (user_sessions): a session is a row found by the digest of a random key that only
/// the browser's cookie holds. It lives until signed out or revoked, idle past <see cref="UserSessionOptions.Idle"/>,
/// or older than <see cref="UserSessionOptions.Absolute"/>.
/// </summary>
public sealed class UserSessionService(UserSessionRepository sessions, IOptions<UserSessionOptions> options, TimeProvider clock)
{
    // last_activity_at is written at most this often: idle lifetimes are hours or days, not seconds.
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    /// <summary>Starts a session for the user (clearing expired ones on the way) and returns its key.</summary>
    public async Task<string> StartAsync(long userId, CancellationToken ct)
    {
        var now = Now;
        await sessions.DeleteExpiredAsync(now - options.Value.Idle, now - options.Value.Absolute, ct);
        var key = UserSession.GenerateKey();
        await sessions.CreateAsync(UserSession.Digest(key), userId, now, ct);
        return key;
    }

    /// <summary>The live session of the key, its activity recorded; null once it has ended.</summary>
    public async Task<UserSession?> FindLiveOrNullAsync(string key, CancellationToken ct)
    {
        var now = Now;
        var session = await sessions.FindLiveOrNullAsync(UserSession.Digest(key), now - options.Value.Idle, now - options.Value.Absolute, ct);
        if (session is not null && now - session.LastActivityAt >= TouchEvery) await sessions.TouchAsync(session.Id, now, ct);
        return session;
    }

    /// <summary>When a session started this long ago ends at the latest.</summary>
    public TimeSpan AbsoluteLifetime => options.Value.Absolute;

    public Task EndAsync(string key, CancellationToken ct) => sessions.DeleteAsync(UserSession.Digest(key), ct);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
