using GitLabLite.Initializers;
using GitLabLite.Presenters.Packages.Go;
using GitLabLite.Presenters.Web;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Web;

/// <summary>Help pages; /help/go_modules: how to fetch this instance's Go modules, with which credential.</summary>
public sealed class HelpController(GoSetupPresenter goSetup, InstanceSettings settings) : WebController
{
    [HttpGet("help/go_modules")]
    public IActionResult GoModules()
    {
        ViewData["Title"] = "Go modules";
        var group = $"{settings.BaseUrl}/api/v4/groups/<group ID or URL-encoded full path>/-/packages/go";
        return View("~/Views/Help/GoModules.cshtml", new GoModulesHelpPage(
            goSetup.Instance(CurrentUser), goSetup.PullsThrough, group, goSetup.GoEnvLine(group),
            $"{settings.BaseUrl}/api/v4/projects/<project ID>/packages/go", settings.Host));
    }
}
