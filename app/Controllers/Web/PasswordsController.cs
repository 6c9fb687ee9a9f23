using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Web;

/// <summary>User settings › Password (GitLab's /-/user_settings/password): change it, then sign in again everywhere.</summary>
[Route("-/user_settings/password")]
public sealed class PasswordsController(ChangePasswordService changePassword) : WebController
{
    [HttpGet("edit")]
    public IActionResult Edit() => CurrentUser is null ? RedirectToSignIn() : Form(null);

    [HttpPost("")]
    public async Task<IActionResult> Update(
        [FromForm(Name = "current_password")] string? currentPassword, [FromForm] string? password,
        [FromForm(Name = "password_confirmation")] string? confirmation)
    {
        if (CurrentUser is null) return RedirectToSignIn();
        var result = await changePassword.ExecuteAsync(CurrentUser, currentPassword, password, confirmation, Ct);
        if (!result.Success)
        {
            Response.StatusCode = StatusCodes.Status422UnprocessableEntity;
            return Form(result.Message);
        }
        // The service ended every session; this drops the cookie that named this one.
        await HttpContext.SignOutAsync(CookieAuthenticationDefaults.AuthenticationScheme);
        TempData[FlashNotice] = "Password was successfully updated. Please sign in again.";
        return Redirect("/users/sign_in");
    }

    private ViewResult Form(string? error)
    {
        ViewData["Title"] = "Password";
        ViewData[FlashAlert] = error;
        return View("~/Views/Passwords/Edit.cshtml");
    }
}
