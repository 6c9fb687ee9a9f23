using GitLabLite.Finders.Users;
using GitLabLite.Presenters.Web;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Web;

/// <summary>User settings › Profile: who the signed-in user is, and the way to their access tokens and password.</summary>
[Route("-/user_settings/profile")]
public sealed class ProfilesController(ProfileFinder profiles) : WebController
{
    [HttpGet("")]
    public async Task<IActionResult> Show()
    {
        if (CurrentUser is not { } user) return RedirectToSignIn();
        var (personalProjects, activeTokens) = await profiles.FindAsync(user, Ct);
        ViewData["Title"] = "Profile";
        return View("~/Views/Profiles/Show.cshtml", new ProfilePage(user, personalProjects, activeTokens));
    }
}
