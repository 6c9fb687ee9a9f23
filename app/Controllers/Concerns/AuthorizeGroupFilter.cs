using GitLabLite.Finders.Projects;
using Microsoft.AspNetCore.Mvc.Filters;

namespace GitLabLite.Controllers.Concerns;

/// <summary>See <see cref="AuthorizeGroupAttribute"/>.</summary>
public sealed class AuthorizeGroupFilter(GroupFinder groups) : IAsyncActionFilter
{
    private static readonly AccessDenial NotFound = new(AccessDenialKind.NotFound, "Group", "not found: no such group");

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var http = context.HttpContext;
        var caller = http.Caller();
        var id = context.RouteData.Values["id"] as string;
        var found = id is null ? null : await groups.FindOrNullAsync(EncodedRouteValue.Decode(http, id), caller, http.RequestAborted);
        if (found is not { CanRead: true })
        {
            context.Result = RequestContext.Responder(context).Deny(caller.SignedIn ? NotFound : AccessDenial.Unauthorized);
            return;
        }
        http.Features.Set(found);
        await next();
    }
}
