using Microsoft.AspNetCore.Mvc.Filters;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// GitLab's authenticate! as a filter: resolves the caller once and puts it on the request
/// (<see cref="RequestContext.Caller"/>). Invalid credentials are refused; so is a token without api, or without
/// read_api (or one of <see cref="ReadScopes"/>) for a read, and unsafe methods need a signed-in caller, unless
/// <see cref="CheckScopes"/> is off or <see cref="SessionOnly"/> is on (git and pages decide those themselves). A
/// state-changing request signed in only by the session cookie counts as anonymous unless it carries the CSRF token
/// the pages embed (X-CSRF-Token), as in GitLab's API.
/// The most specific one applies: an action's attribute replaces its controller's.
/// </summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method, Inherited = true, AllowMultiple = false)]
public sealed class AuthenticateAttribute : Attribute, IFilterFactory, IOrderedFilter
{
    /// <summary>First of the concern filters: authentication, then project or group access, then feature gates, then params.</summary>
    public const int FilterOrder = -300;

    /// <summary>GET and HEAD too need a signed-in caller (the API's /user, /features, token endpoints).</summary>
    public bool RequireSignIn { get; set; }

    /// <summary>Administrators only (signed-in others are Forbidden).</summary>
    public bool RequireAdmin { get; set; }

    /// <summary>Pages: only the browser session counts; tokens are ignored (a leaked token cannot drive forms).</summary>
    public bool SessionOnly { get; set; }

    /// <summary>False where the action decides scopes itself (git over HTTP: repository scopes, read or write).</summary>
    public bool CheckScopes { get; set; } = true;

    /// <summary>
    /// Deploy tokens count (git, `?go-get=1` and the Go proxy, as in GitLab); elsewhere they are refused as invalid
    /// credentials, since a deploy token is no user.
    /// </summary>
    public bool AllowDeployTokens { get; set; }

    /// <summary>Scopes that allow reads besides api and read_api (read_user on the users API).</summary>
    public string[] ReadScopes { get; set; } = [];

    public int Order => FilterOrder;

    public bool IsReusable => true;

    public IFilterMetadata CreateInstance(IServiceProvider services) =>
        new AuthenticateFilter(services.GetRequiredService<RequestAuthenticator>(), services.GetRequiredService<Microsoft.AspNetCore.Antiforgery.IAntiforgery>(), this);
}
