using System.Security.Claims;
using GitLabLite.Initializers;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.Extensions.Options;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// Keeps web sessions in Postgres (user_sessions) instead of in the cookie: the cookie holds only a random key, so a
/// session ends for good when its row goes (sign-out, password change, block: <see cref="Services.Users.RevokeUserSessionsService"/>),
/// when it has been idle too long, or when it reaches its absolute lifetime (<see cref="UserSessionOptions"/>). A
/// signed-out or stolen-then-revoked cookie is worth nothing, which a self-contained cookie ticket cannot promise.
/// </summary>
public sealed class SessionTicketStore(UserSessionRepository sessions, IOptions<UserSessionOptions> options, TimeProvider clock) : ITicketStore
{
    // last_activity_at is written at most this often: idle lifetimes are hours or days, not seconds.
    private static readonly TimeSpan TouchEvery = TimeSpan.FromMinutes(1);

    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public async Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var userId = long.Parse(ticket.Principal.FindFirstValue(RequestAuthenticator.UserIdClaim)
            ?? throw new InvalidOperationException("a session ticket needs the user id claim"), System.Globalization.CultureInfo.InvariantCulture);
        var now = Now;
        await sessions.DeleteExpiredAsync(now - options.Value.Idle, now - options.Value.Absolute, cancellationToken);
        var key = UserSession.GenerateKey();
        await sessions.CreateAsync(UserSession.Digest(key), userId, now, cancellationToken);
        return key;
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        var now = Now;
        var session = await sessions.FindLiveOrNullAsync(UserSession.Digest(key), now - options.Value.Idle, now - options.Value.Absolute, cancellationToken);
        if (session is null) return null;
        if (now - session.LastActivityAt >= TouchEvery) await sessions.TouchAsync(session.Id, now, cancellationToken);
        var identity = new ClaimsIdentity(
            [new Claim(RequestAuthenticator.UserIdClaim, session.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Name, session.Username)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        var properties = new AuthenticationProperties
        {
            IssuedUtc = DateTime.SpecifyKind(session.CreatedAt, DateTimeKind.Utc),
            ExpiresUtc = DateTime.SpecifyKind(session.CreatedAt, DateTimeKind.Utc) + options.Value.Absolute,
        };
        return new AuthenticationTicket(new ClaimsPrincipal(identity), properties, CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>Nothing to rewrite: the row holds no ticket, and <see cref="RetrieveAsync(string, CancellationToken)"/> records activity.</summary>
    public Task RenewAsync(string key, AuthenticationTicket ticket) => Task.CompletedTask;

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => sessions.DeleteAsync(UserSession.Digest(key), cancellationToken);

    private DateTime Now => clock.GetUtcNow().UtcDateTime;
}
