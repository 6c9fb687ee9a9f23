using System.Security.Claims;
using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// Keeps web sessions in Postgres (<see cref="UserSessionService"/>) instead of in the cookie: the cookie holds only a
/// random key, so a session ends for good when its row goes (sign-out, password change, block:
/// <see cref="RevokeUserSessionsService"/>), when it has been idle too long, or when it reaches its absolute lifetime.
/// A signed-out or stolen-then-revoked cookie is worth nothing, which a self-contained cookie ticket cannot promise.
/// This class only maps tickets to sessions and back.
/// </summary>
public sealed class SessionTicketStore(UserSessionService sessions) : ITicketStore
{
    public Task<string> StoreAsync(AuthenticationTicket ticket) => StoreAsync(ticket, CancellationToken.None);

    public Task<string> StoreAsync(AuthenticationTicket ticket, CancellationToken cancellationToken)
    {
        var userId = long.Parse(ticket.Principal.FindFirstValue(RequestAuthenticator.UserIdClaim)
            ?? throw new InvalidOperationException("a session ticket needs the user id claim"), System.Globalization.CultureInfo.InvariantCulture);
        return sessions.StartAsync(userId, cancellationToken);
    }

    public Task<AuthenticationTicket?> RetrieveAsync(string key) => RetrieveAsync(key, CancellationToken.None);

    public async Task<AuthenticationTicket?> RetrieveAsync(string key, CancellationToken cancellationToken)
    {
        var session = await sessions.FindLiveOrNullAsync(key, cancellationToken);
        if (session is null) return null;
        var identity = new ClaimsIdentity(
            [new Claim(RequestAuthenticator.UserIdClaim, session.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture)), new Claim(ClaimTypes.Name, session.Username)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        var properties = new AuthenticationProperties
        {
            IssuedUtc = DateTime.SpecifyKind(session.CreatedAt, DateTimeKind.Utc),
            ExpiresUtc = DateTime.SpecifyKind(session.CreatedAt, DateTimeKind.Utc) + sessions.AbsoluteLifetime,
        };
        return new AuthenticationTicket(new ClaimsPrincipal(identity), properties, CookieAuthenticationDefaults.AuthenticationScheme);
    }

    /// <summary>Nothing to rewrite: the row holds no ticket, and <see cref="RetrieveAsync(string, CancellationToken)"/> records activity.</summary>
    public Task RenewAsync(string key, AuthenticationTicket ticket) => Task.CompletedTask;

    public Task RemoveAsync(string key) => RemoveAsync(key, CancellationToken.None);

    public Task RemoveAsync(string key, CancellationToken cancellationToken) => sessions.EndAsync(key, cancellationToken);
}
