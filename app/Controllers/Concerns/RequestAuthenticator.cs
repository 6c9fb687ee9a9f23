using System.Security.Claims;
using GitLabLite.Finders.Users;
using GitLabLite.Services.Users;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// Resolves the caller of a request once: the presented token (<see cref="RequestCredentials"/>), else the browser
/// session's user. The result is kept on the request; <see cref="AuthenticateAttribute"/> is how controllers get it.
/// </summary>
public sealed class RequestAuthenticator(TokenAuthenticator tokens, UsersFinder users, UserActivityService activity, AuthFailureLimiter limiter, AuthMetrics metrics)
{
    public const string UserIdClaim = "gitlablite:user_id";

    /// <summary>Token first (API clients, git, go), then the session cookie.</summary>
    public async Task<AuthenticationResult> AuthenticateAsync(HttpContext http)
    {
        if (http.Features.Get<AuthenticationResult>() is { } known) return known;
        var credentials = RequestCredentials.Of(http);
        AuthenticationResult result;
        if (credentials.Token is { } token)
        {
            result = token.Length == 0 ? AuthenticationResult.Invalid : await tokens.AuthenticateAsync(token, credentials.Username, http.RequestAborted);
            if (result.Status == AuthenticationStatus.Invalid)
            {
                metrics.TokenFailure();
                // A blocked user's genuine token is no guess: only unknown, expired or revoked credentials count.
                if (result.DeniedReason is null) limiter.RecordFailure(http.Connection.RemoteIpAddress);
            }
        }
        else
            result = await SessionOrAnonymousAsync(http);
        http.Features.Set(result);
        return result;
    }

    /// <summary>
    /// Pages: the session's user only (null when signed out, or when the account was blocked since). A page never
    /// accepts a token, so a leaked read_api token cannot drive forms.
    /// </summary>
    public async Task<AuthenticationResult> AuthenticateSessionAsync(HttpContext http)
    {
        if (http.Features.Get<AuthenticationResult>() is { ViaSession: true } known) return known;
        var result = await SessionOrAnonymousAsync(http);
        http.Features.Set(result);
        return result;
    }

    private async Task<AuthenticationResult> SessionOrAnonymousAsync(HttpContext http)
    {
        if (http.User.FindFirstValue(UserIdClaim) is not { } id || !long.TryParse(id, out var userId)
            || await users.FindOrNullAsync(userId, http.RequestAborted) is not { Active: true } user)
            return AuthenticationResult.Anonymous;
        await activity.RecordAsync(user, http.RequestAborted);
        return AuthenticationResult.ForSession(user);
    }
}
