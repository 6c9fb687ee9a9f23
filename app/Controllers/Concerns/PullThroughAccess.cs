using GitLabLite.Models.Users;
using GitLabLite.Services.Packages.Go;
using GitLabLite.Services.Users;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// Who may use pull-through (public modules and the checksum-database proxy): any valid token with api or read_api
/// (as the Go proxy asks of private modules), and anonymous callers only when GitLab:GoProxy:AnonymousPullThrough
/// allows it; otherwise 401 with a Basic challenge, so `go` retries with ~/.netrc. Invalid credentials get 404, as
/// on every Go proxy endpoint.
/// </summary>
public sealed class PullThroughAccess(RequestAuthenticator authenticator, PullThroughService pullThrough)
{
    /// <summary>Null when the caller may pull; else the refusal (a 401 must carry the Basic challenge).</summary>
    public async Task<PullThroughResult?> RefusalAsync(HttpContext http)
    {
        var auth = await authenticator.AuthenticateAsync(http);
        if (auth.Status == AuthenticationStatus.Invalid) return PullThroughResult.Error(404, "not found: invalid credentials");
        if (auth.Token is { } token && !token.HasScope(TokenScopes.Api) && !token.HasScope(TokenScopes.ReadApi))
            return PullThroughResult.Error(403, "forbidden: the token needs the api or read_api scope");
        if (!auth.SignedIn && !pullThrough.AllowsAnonymous)
            return PullThroughResult.Error(401, "unauthorized: public modules through this server need credentials (a token with read_api in ~/.netrc)");
        return null;
    }
}
