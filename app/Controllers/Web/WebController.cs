using GitLabLite.Controllers.Concerns;
using GitLabLite.Models.Users;
using GitLabLite.Presenters.Web;
using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Web;

/// <summary>
/// Base of the server-rendered pages: the signed-in user comes from the session cookie only (a page never accepts a
/// token, so a leaked read_api token cannot drive forms), every unsafe request needs an anti-forgery token, and
/// errors are pages rather than JSON.
/// </summary>
[AutoValidateAntiforgeryToken]
[ApiExplorerSettings(IgnoreApi = true)]
[Authenticate(SessionOnly = true)]
public abstract class WebController : Controller, IAccessDeniedResponder
{
    public const string FlashNotice = "notice";
    public const string FlashAlert = "alert";

    protected CancellationToken Ct => HttpContext.RequestAborted;

    /// <summary>The session's caller (anonymous when signed out, or when the account was blocked since).</summary>
    protected AuthenticationResult Auth => HttpContext.Caller();

    protected User? CurrentUser => Auth.User;

    IActionResult IAccessDeniedResponder.Deny(AccessDenial denial) => denial.Kind switch
    {
        AccessDenialKind.Unauthorized => RedirectToSignIn(),
        AccessDenialKind.NotFound => NotFoundPage(),
        _ => ForbiddenPage(),
    };

    protected IActionResult NotFoundPage() => ErrorPage(404, "Page not found",
        "The page could not be found or you don't have permission to view it.");

    protected IActionResult ForbiddenPage() => ErrorPage(403, "Forbidden", "You don't have permission to access this page.");

    /// <summary>Anonymous visitors of pages that need a session go to sign in and come back afterwards.</summary>
    protected IActionResult RedirectToSignIn() =>
        Redirect($"/users/sign_in?returnUrl={Uri.EscapeDataString(Request.Path + Request.QueryString)}");

    /// <summary>A form's validation errors as sentences (the field's label, then the message).</summary>
    protected static List<string> ErrorMessages(FluentValidation.Results.ValidationResult validation) =>
        validation.Errors.Select(e => $"{Label(e.PropertyName)} {e.ErrorMessage}").Distinct().ToList();

    private static string Label(string property) => property switch
    {
        "ExpiresAt" => "Expiration date",
        _ => property,
    };

    private ViewResult ErrorPage(int status, string title, string message)
    {
        Response.StatusCode = status;
        ViewData["Title"] = title;
        return View("~/Views/Shared/Error.cshtml", new ErrorPageModel(status, title, message));
    }
}
