using System.Net.Http.Headers;
using System.Security.Claims;
using System.Text;
using GitLabLite.Repositories.Users;
using GitLabLite.Services.Users;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// Finds the credentials of a request in GitLab's order (PRIVATE-TOKEN, Bearer, private_token, then HTTP Basic with the
/// token as password, which is what git and go send from ~/.netrc) and resolves them once per request. Browser sessions come from the auth cookie.
/// </summary>
public sealed class RequestAuthenticator(TokenAuthenticator tokens, UserRepository users, AuthFailureLimiter limiter)
{
    private static readonly object ItemKey = new();

    public const string UserIdClaim = "gitlablite:user_id";

    public async Task<AuthenticationResult> AuthenticateAsync(HttpContext http)
    {
        if (http.Items.TryGetValue(ItemKey, out var cached) && cached is AuthenticationResult done)
            return done;
        var result = await ResolveAsync(http);
        http.Items[ItemKey] = result;
        return result;
    }

    private async Task<AuthenticationResult> ResolveAsync(HttpContext http)
    {
        var token = FindToken(http.Request);
        if (token is not null)
        {
            var result = token.Length == 0 ? AuthenticationResult.Invalid : await tokens.AuthenticateAsync(token, http.RequestAborted);
            // A blocked user's genuine token is no guess: only unknown, expired or revoked credentials count.
            if (result.Status == AuthenticationStatus.Invalid && result.DeniedReason is null) limiter.RecordFailure(http.Connection.RemoteIpAddress);
            return result;
        }
        if (http.User.FindFirstValue(UserIdClaim) is { } id && long.TryParse(id, out var userId))
        {
            var user = await users.FindOrNullAsync(userId, http.RequestAborted);
            if (user is { Active: true })
                return new AuthenticationResult(AuthenticationStatus.Authenticated, user, null);
        }
        return AuthenticationResult.Anonymous;
    }

    /// <summary>Whether the request carries credentials of any kind (checked before they are resolved).</summary>
    public static bool PresentsCredentials(HttpRequest request) => FindToken(request) is not null;

    /// <summary>The presented token, "" for credentials that are malformed, null when none were presented.</summary>
    private static string? FindToken(HttpRequest request)
    {
        if (request.Headers.TryGetValue("PRIVATE-TOKEN", out var header))
            return header.ToString().Trim();
        var authorization = request.Headers.Authorization.ToString();
        if (AuthenticationHeaderValue.TryParse(authorization, out var auth))
        {
            if (auth.Scheme.Equals("Bearer", StringComparison.OrdinalIgnoreCase))
                return auth.Parameter?.Trim() ?? "";
            if (auth.Scheme.Equals("Basic", StringComparison.OrdinalIgnoreCase))
                return BasicPassword(auth.Parameter);
        }
        if (request.Query.TryGetValue("private_token", out var query))
            return query.ToString().Trim();
        return null;
    }

    private static string BasicPassword(string? parameter)
    {
        try
        {
            var decoded = Encoding.UTF8.GetString(Convert.FromBase64String(parameter ?? ""));
            var colon = decoded.IndexOf(':');
            return colon < 0 ? "" : decoded[(colon + 1)..];
        }
        catch (FormatException)
        {
            return "";
        }
    }
}
