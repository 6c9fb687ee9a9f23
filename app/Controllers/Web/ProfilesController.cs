using GitLabLite.Presenters.Web;
using GitLabLite.Repositories.Projects;
using GitLabLite.Repositories.Users;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Web;

/// <summary>User settings › Profile: who the signed-in user is, and the way to their access tokens and password.</summary>
[Route("-/user_settings/profile")]
public sealed class ProfilesController(NamespaceRepository namespaces, ProjectRepository projects, PersonalAccessTokenRepository tokens, TimeProvider clock)
    : WebController
{
    private const int MaxListed = 100;

    [HttpGet("")]
    public async Task<IActionResult> Show()
    {
        if (CurrentUser is not { } user) return RedirectToSignIn();
        var personal = await namespaces.FindPersonalOrNullAsync(user.Id, Ct);
        var owned = personal is null ? [] : await projects.ListVisibleAsync(new ProjectListFilter(user.Id, user.Admin, NamespaceId: personal.Id), 0, MaxListed, Ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var activeTokens = (await tokens.ListAsync(user.Id, 0, int.MaxValue, Ct)).Count(t => t.Active(now));
        ViewData["Title"] = "Profile";
        return View("~/Views/Profiles/Show.cshtml", new ProfilePage(user, owned, activeTokens));
    }
}
