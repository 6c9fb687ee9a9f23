using GitLabLite.Models.Projects;
using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Mvc.Filters;

namespace GitLabLite.Controllers.Concerns;

/// <summary>What the concern filters put on a request: the caller, and the project or group the route names with the caller's permissions.</summary>
public static class RequestContext
{
    /// <summary>The caller, as <see cref="AuthenticateAttribute"/> resolved it.</summary>
    public static AuthenticationResult Caller(this HttpContext http) =>
        http.Features.Get<AuthenticationResult>() ?? throw new InvalidOperationException("no [Authenticate] filter ran for this action");

    /// <summary>The route's project, as <see cref="AuthorizeProjectAttribute"/> found it.</summary>
    public static ProjectPermissions ProjectPermissions(this HttpContext http) =>
        http.Features.Get<ProjectPermissions>() ?? throw new InvalidOperationException("no [AuthorizeProject] filter ran for this action");

    /// <summary>The route's group, as <see cref="AuthorizeGroupAttribute"/> found it.</summary>
    public static GroupPermissions GroupPermissions(this HttpContext http) =>
        http.Features.Get<GroupPermissions>() ?? throw new InvalidOperationException("no [AuthorizeGroup] filter ran for this action");

    internal static IAccessDeniedResponder Responder(FilterContext context) =>
        (context as ActionExecutingContext)?.Controller as IAccessDeniedResponder
        ?? throw new InvalidOperationException($"{context.ActionDescriptor.DisplayName}: its controller does not render access denials");
}
