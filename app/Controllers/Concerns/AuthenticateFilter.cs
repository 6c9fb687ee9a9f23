using GitLabLite.Models.Users;
using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Mvc.Filters;

namespace GitLabLite.Controllers.Concerns;

/// <summary>See <see cref="AuthenticateAttribute"/>. One instance per action (reusable): no per-request allocation of its own.</summary>
public sealed class AuthenticateFilter(RequestAuthenticator authenticator, AuthenticateAttribute options) : IAsyncActionFilter
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
        if (DenialOrNull(caller, http.Request.Method) is { } denial)
        {
            context.Result = RequestContext.Responder(context).Deny(denial);
            return;
        }
        await next();
    }

    private AccessDenial? DenialOrNull(AuthenticationResult caller, string method)
    {
        if (caller.Status == AuthenticationStatus.Invalid)
            return caller.DeniedReason is { } reason ? AccessDenial.AccountDenied(reason) : AccessDenial.InvalidCredentials;
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
