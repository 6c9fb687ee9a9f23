using System.Security.Claims;
using GitLabLite.Controllers.Concerns;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;
using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using GitLabLite.Presenters.Web;

namespace GitLabLite.Controllers.Web;

/// <summary>
/// Base of the server-rendered pages: the signed-in user comes from the session cookie only (a page never accepts a
/// token, so a leaked read_api token cannot drive forms), every unsafe request needs an anti-forgery token, and
/// errors are pages rather than JSON.
/// </summary>
[AutoValidateAntiforgeryToken]
[ApiExplorerSettings(IgnoreApi = true)]
public abstract class WebController : Controller
{
    public const string FlashNotice = "notice";
    public const string FlashAlert = "alert";

    protected CancellationToken Ct => HttpContext.RequestAborted;

    /// <summary>The session's user (null when signed out, or when the account was blocked since), loaded once per request.</summary>
    protected User? CurrentUser { get; private set; }

    protected AuthenticationResult Auth => CurrentUser is { } user
        ? new AuthenticationResult(AuthenticationStatus.Authenticated, user, null)
        : AuthenticationResult.Anonymous;

    public override async Task OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        if (User.FindFirstValue(RequestAuthenticator.UserIdClaim) is { } id && long.TryParse(id, out var userId))
        {
            var user = await HttpContext.RequestServices.GetRequiredService<UserRepository>().FindOrNullAsync(userId, Ct);
            CurrentUser = user is { Active: true } ? user : null;
            if (CurrentUser is not null) await HttpContext.RequestServices.GetRequiredService<UserActivityService>().RecordAsync(CurrentUser, Ct);
        }
        ViewData["CurrentUser"] = CurrentUser;
        await next();
    }

    protected IActionResult NotFoundPage() => ErrorPage(404, "Page not found",
        "The page could not be found or you don't have permission to view it.");

    protected IActionResult ForbiddenPage() => ErrorPage(403, "Forbidden", "You don't have permission to access this page.");

    /// <summary>Anonymous visitors of pages that need a session go to sign in and come back afterwards.</summary>
    protected IActionResult RedirectToSignIn() =>
        Redirect($"/users/sign_in?returnUrl={Uri.EscapeDataString(Request.Path + Request.QueryString)}");

    private ViewResult ErrorPage(int status, string title, string message)
    {
        Response.StatusCode = status;
        ViewData["Title"] = title;
        return View("~/Views/Shared/Error.cshtml", new ErrorPageModel(status, title, message));
    }
}
