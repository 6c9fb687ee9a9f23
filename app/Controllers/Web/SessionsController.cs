using System.Security.Claims;
using GitLabLite.Controllers.Concerns;
using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using GitLabLite.Presenters.Web;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Web;

/// <summary>Sign in with username or email and password, and sign out (GitLab's Devise sessions).</summary>
public sealed class SessionsController(SignInService signIn) : WebController
{
    [HttpGet("users/sign_in")]
    public IActionResult New(string? returnUrl)
    {
        if (CurrentUser is not null) return Redirect(SafeReturnUrl(returnUrl));
        return View(new SignInForm(null, returnUrl));
    }

    [HttpPost("users/sign_in")]
    public async Task<IActionResult> Create([FromForm] string? login, [FromForm] string? password, [FromForm] string? returnUrl)
    {
        var result = await signIn.ExecuteAsync(login, password, HttpContext.Connection.RemoteIpAddress, Ct);
        if (!result.Success)
        {
            Response.StatusCode = StatusCodes.Status401Unauthorized;
            TempData.Remove(FlashNotice);
            ViewData[FlashAlert] = result.Message;
            return View("New", new SignInForm(login, returnUrl));
        }
        var user = result.Payload!;
        var identity = new ClaimsIdentity(
            [new Claim(RequestAuthenticator.UserIdClaim, user.Id.ToString()), new Claim(ClaimTypes.Name, user.Username)],
            CookieAuthenticationDefaults.AuthenticationScheme);
        await HttpContext.SignInAsync(CookieAuthenticationDefaults.AuthenticationScheme, new ClaimsPrincipal(identity));
        TempData[FlashNotice] = result.Message ?? "Signed in successfully.";
        return Redirect(SafeReturnUrl(returnUrl));
    }

    [HttpPost("users/sign_out")]
    public async Task<IActionResult> Destroy()
    {
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        TempData[FlashNotice] = "Signed out successfully.";
        return Redirect("/users/sign_in");
    }

    // Only paths on this site: an absolute or protocol-relative returnUrl would make sign-in an open redirect.
    private string SafeReturnUrl(string? returnUrl) => !string.IsNullOrEmpty(returnUrl) && Url.IsLocalUrl(returnUrl) ? returnUrl : "/";
}
