using GitLabLite.Models.Users;
using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Mvc.Filters;

namespace GitLabLite.Controllers.Concerns;

/// <summary>See <see cref="AuthenticateAttribute"/>. One instance per action (reusable): no per-request allocation of its own.</summary>
public sealed class AuthenticateFilter(RequestAuthenticator authenticator, IAntiforgery antiforgery, AuthenticateAttribute options) : IAsyncActionFilter
{
    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        // A controller-wide [Authenticate] steps aside for the action's own.
        if (!ReferenceEquals(context.FindEffectivePolicy<AuthenticateFilter>(), this))
        {
            await next();
            return;
        }
        var http = context.HttpContext;
        var caller = options.SessionOnly ? await authenticator.AuthenticateSessionAsync(http) : await authenticator.AuthenticateAsync(http);
        if (await IsForgeableAsync(caller, http))
        {
            // As GitLab's API: without the token, the session simply does not count, and the request is anonymous.
            caller = AuthenticationResult.Anonymous;
            http.Features.Set(caller);
        }
        if (DenialOrNull(caller, http.Request.Method) is { } denial)
        {
            context.Result = RequestContext.Responder(context).Deny(denial);
            return;
        }
        await next();
    }

    /// <summary>
    /// A state-changing request that only the browser's session cookie authenticates, without the CSRF token the
    /// pages embed (header X-CSRF-Token): what a cross-site form or fetch sends, since the browser attaches the cookie
    /// to those too. Tokens are never attached by a browser on its own, so token requests need no CSRF token; pages
    /// check their forms' token themselves ([AutoValidateAntiforgeryToken]).
    /// </summary>
    private async Task<bool> IsForgeableAsync(AuthenticationResult caller, HttpContext http) =>
        caller.ViaSession && !options.SessionOnly && !IsSafe(http.Request.Method) && !await antiforgery.IsRequestValidAsync(http);

    private static bool IsSafe(string method) =>
        HttpMethods.IsGet(method) || HttpMethods.IsHead(method) || HttpMethods.IsOptions(method) || HttpMethods.IsTrace(method);

    private AccessDenial? DenialOrNull(AuthenticationResult caller, string method)
    {
        if (caller.Status == AuthenticationStatus.Invalid)
            return caller.DeniedReason is { } reason ? AccessDenial.AccountDenied(reason) : AccessDenial.InvalidCredentials;
        if (caller.DeployToken is not null && !options.AllowDeployTokens)
            return AccessDenial.InvalidCredentials;
        var read = HttpMethods.IsGet(method) || HttpMethods.IsHead(method);
        // The API's rules (writes need a signed-in caller with api); pages and git decide the rest themselves.
        var apiRules = options.CheckScopes && !options.SessionOnly;
        if (!caller.SignedIn) return options.RequireSignIn || options.RequireAdmin || (apiRules && !read) ? AccessDenial.Unauthorized : null;
        if (apiRules && !HasScope(caller, read)) return AccessDenial.InsufficientScope;
        return options.RequireAdmin && !caller.IsAdmin ? AccessDenial.NotAdmin : null;
    }

    private bool HasScope(AuthenticationResult caller, bool read)
    {
        if (caller.HasScope(TokenScopes.Api)) return true;
        if (!read) return false;
        if (caller.HasScope(TokenScopes.ReadApi)) return true;
        foreach (var scope in options.ReadScopes)
            if (caller.HasScope(scope)) return true;
        return false;
    }
}
