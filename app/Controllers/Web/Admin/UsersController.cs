using GitLabLite.Controllers.Api;
using GitLabLite.Finders.Users;
using GitLabLite.Presenters.Web;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Web.Admin;

/// <summary>Admin › Users.</summary>
public sealed class UsersController(UsersFinder users) : AdminController
{
    [HttpGet("admin/users")]
    public async Task<IActionResult> Index([FromQuery] Pagination pagination)
    {
        var (items, total) = await users.ListAsync(null, pagination.Offset, pagination.PerPage, Ct);
        ViewData["Title"] = "Users · Admin area";
        return View("~/Views/Admin/Users.cshtml", new UsersPage(items, total, pagination.Page, pagination.PerPage));
    }

    [HttpGet("admin")]
    public IActionResult Root() => Redirect("/admin/users");
}
