using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace GitLabLite.Controllers.Web.Admin;

/// <summary>The admin area: anonymous visitors go to sign in, signed-in non-admins get the 403 page, for every action and verb.</summary>
public abstract class AdminController : WebController
{
    public override Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next) =>
        base.OnActionExecutionAsync(context, async () =>
        {
            if (CurrentUser is null) context.Result = RedirectToSignIn();
            else if (!CurrentUser.Admin) context.Result = ForbiddenPage();
            else return await next();
            return new ActionExecutedContext(context, context.Filters, this);
        });
}
