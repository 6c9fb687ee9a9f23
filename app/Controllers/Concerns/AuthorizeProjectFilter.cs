using GitLabLite.Finders.Projects;
using Microsoft.AspNetCore.Mvc.Filters;

namespace GitLabLite.Controllers.Concerns;

/// <summary>See <see cref="AuthorizeProjectAttribute"/>.</summary>
public sealed class AuthorizeProjectFilter(ProjectFinder projects, ProjectAbility ability) : IAsyncActionFilter
{
    private static readonly AccessDenial NotFound = new(AccessDenialKind.NotFound, "Project", "not found: no such project");

    private static readonly AccessDenial NoCode =
        new(AccessDenialKind.Forbidden, "Project", "forbidden: reading this project's code and packages needs the Reporter role");

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var http = context.HttpContext;
        var caller = http.Caller();
        var id = context.RouteData.Values["id"] as string;
        var found = id is null ? null : await projects.FindOrNullAsync(EncodedRouteValue.Decode(http, id), caller, http.RequestAborted);
        var denial = found is not { CanRead: true } ? caller.SignedIn ? NotFound : AccessDenial.Unauthorized
            : ability == ProjectAbility.ReadCode && !found.CanReadCode ? NoCode
            : null;
        if (denial is not null)
        {
            context.Result = RequestContext.Responder(context).Deny(denial);
            return;
        }
        http.Features.Set(found);
        await next();
    }
}
