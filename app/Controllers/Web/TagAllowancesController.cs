using FluentValidation;
using GitLabLite.Params;
using GitLabLite.Finders.Projects;
using GitLabLite.Services.Packages.Go;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Web;

/// <summary>
/// The project page's "Allow moving" button (POST /&lt;full_path&gt;/-/packages/go/tag_allowances): the same service,
/// rules and audit as the API, answered with a flash on the project page.
/// </summary>
public sealed class TagAllowancesController(
    ProjectFinder projects, CreateTagAllowanceService create, IValidator<CreateTagAllowanceParams> validator) : WebController
{
    private const string Suffix = "/-/packages/go/tag_allowances";

    [HttpPost("{**path:regex(/-/packages/go/tag_allowances$)}")]
    public async Task<IActionResult> Create(string path, [FromForm(Name = "tag_name")] string? tagName)
    {
        if (CurrentUser is null) return RedirectToSignIn();
        var fullPath = path[..^Suffix.Length];
        var found = fullPath.Contains('/') ? await projects.FindOrNullAsync(fullPath, Auth, Ct) : null;
        if (found is not { CanRead: true }) return NotFoundPage();
        var input = new CreateTagAllowanceParams { TagName = tagName };
        var validation = await validator.ValidateAsync(input, Ct);
        if (!validation.IsValid)
            TempData[FlashAlert] = $"Tag {validation.Errors[0].ErrorMessage}.";
        else if (await create.ExecuteAsync(found, CurrentUser, tagName!, HttpContext.Connection.RemoteIpAddress?.ToString(), Ct) is { Success: false } refused)
            TempData[FlashAlert] = refused.Message;
        else
            TempData[FlashNotice] = $"The next push may move or delete tag {tagName} within the hour. Go clients keep getting the version they recorded.";
        return Redirect($"/{found.Project.FullPath}#go");
    }
}
