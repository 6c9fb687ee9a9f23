using GitLabLite.Services.Features;
using Microsoft.AspNetCore.Mvc.Filters;

namespace GitLabLite.Controllers.Concerns;

/// <summary>See <see cref="RequireFeatureAttribute"/>.</summary>
public sealed class RequireFeatureFilter(ProjectFeatureGate gate, string name) : IAsyncActionFilter
{
    private readonly AccessDenial _off = new(AccessDenialKind.NotFound, "Project", $"not found: the {name} feature is not enabled for this project");

    public async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        var http = context.HttpContext;
        if (!await gate.EnabledAsync(name, http.ProjectPermissions().Project, http.RequestAborted))
        {
            context.Result = RequestContext.Responder(context).Deny(_off);
            return;
        }
        await next();
    }
}
