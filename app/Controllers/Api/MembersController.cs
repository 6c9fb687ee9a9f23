using GitLabLite.Controllers.Concerns;
using GitLabLite.Finders.Projects;
using GitLabLite.Models.Projects;
using GitLabLite.Params;
using GitLabLite.Presenters.Projects;
using GitLabLite.Services.Projects;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

/// <summary>Project and group members: /projects/:id/members and /groups/:id/members.</summary>
public sealed class MembersController(
    MembersFinder members, MemberPresenter presenter, AddMemberService add, UpdateMemberService update, RemoveMemberService remove)
    : ApiController
{
    [HttpGet("projects/{id}/members")]
    [AuthorizeProject]
    public Task<IActionResult> ProjectIndex(string id, [FromQuery] Pagination pagination) => IndexAsync(ProjectSource(), pagination, inherited: false);

    [HttpGet("groups/{id}/members")]
    [AuthorizeGroup]
    public Task<IActionResult> GroupIndex(string id, [FromQuery] Pagination pagination) => IndexAsync(GroupSource(), pagination, inherited: false);

    /// <summary>Direct and inherited (ancestor group) members, each user once with the highest level.</summary>
    [HttpGet("projects/{id}/members/all")]
    [AuthorizeProject]
    public Task<IActionResult> ProjectAll(string id, [FromQuery] Pagination pagination) => IndexAsync(ProjectSource(), pagination, inherited: true);

    [HttpGet("groups/{id}/members/all")]
    [AuthorizeGroup]
    public Task<IActionResult> GroupAll(string id, [FromQuery] Pagination pagination) => IndexAsync(GroupSource(), pagination, inherited: true);

    [HttpGet("projects/{id}/members/{userId}")]
    [AuthorizeProject]
    public Task<IActionResult> ProjectShow(string id, string userId) => ShowAsync(ProjectSource(), userId, inherited: false);

    [HttpGet("groups/{id}/members/{userId}")]
    [AuthorizeGroup]
    public Task<IActionResult> GroupShow(string id, string userId) => ShowAsync(GroupSource(), userId, inherited: false);

    [HttpGet("projects/{id}/members/all/{userId}")]
    [AuthorizeProject]
    public Task<IActionResult> ProjectAllShow(string id, string userId) => ShowAsync(ProjectSource(), userId, inherited: true);

    [HttpGet("groups/{id}/members/all/{userId}")]
    [AuthorizeGroup]
    public Task<IActionResult> GroupAllShow(string id, string userId) => ShowAsync(GroupSource(), userId, inherited: true);

    [HttpPost("projects/{id}/members")]
    [AuthorizeProject]
    public Task<IActionResult> ProjectCreate(string id, [FromParams] AddMemberParams p) => CreateAsync(ProjectSource(), p);

    [HttpPost("groups/{id}/members")]
    [AuthorizeGroup]
    public Task<IActionResult> GroupCreate(string id, [FromParams] AddMemberParams p) => CreateAsync(GroupSource(), p);

    [HttpPut("projects/{id}/members/{userId}")]
    [AuthorizeProject]
    public Task<IActionResult> ProjectUpdate(string id, string userId, [FromParams] UpdateMemberParams p) => UpdateAsync(ProjectSource(), userId, p);

    [HttpPut("groups/{id}/members/{userId}")]
    [AuthorizeGroup]
    public Task<IActionResult> GroupUpdate(string id, string userId, [FromParams] UpdateMemberParams p) => UpdateAsync(GroupSource(), userId, p);

    [HttpDelete("projects/{id}/members/{userId}")]
    [AuthorizeProject]
    public Task<IActionResult> ProjectDestroy(string id, string userId) => DestroyAsync(ProjectSource(), userId);

    [HttpDelete("groups/{id}/members/{userId}")]
    [AuthorizeGroup]
    public Task<IActionResult> GroupDestroy(string id, string userId) => DestroyAsync(GroupSource(), userId);

    private async Task<IActionResult> IndexAsync(Source source, Pagination pagination, bool inherited)
    {
        var (page, total) = await members.ListAsync(source.Key, inherited, pagination.Offset, pagination.PerPage, Ct);
        return Paginated(pagination, total, page.Select(presenter.Present));
    }

    private async Task<IActionResult> ShowAsync(Source source, string userId, bool inherited) =>
        long.TryParse(userId, out var memberId) && await members.FindAsync(source.Key, memberId, inherited, Ct) is { } member
            ? Ok(presenter.Present(member))
            : NotFound404("Member");

    private async Task<IActionResult> UpdateAsync(Source source, string userId, UpdateMemberParams p) =>
        long.TryParse(userId, out var memberId)
            ? FromService(await update.ExecuteAsync(source.Key, source.Actor, memberId, p, Ct), presenter.Present)
            : NotFound404("Member");

    private async Task<IActionResult> CreateAsync(Source source, AddMemberParams p) =>
        FromService(await add.ExecuteAsync(source.Key, source.Actor, p, Ct), presenter.Present, StatusCodes.Status201Created);

    private async Task<IActionResult> DestroyAsync(Source source, string userId)
    {
        if (!long.TryParse(userId, out var memberId)) return NotFound404("Member");
        var response = await remove.ExecuteAsync(source.Key, Caller.User!.Id, source.Actor, memberId, Ct);
        return response.Success ? NoContent() : FromService(response, _ => new { });
    }

    private Source ProjectSource()
    {
        var project = HttpContext.ProjectPermissions();
        return new Source(MemberSource.Project(project.Project.Id), MemberManager.Of(project));
    }

    private Source GroupSource()
    {
        var group = HttpContext.GroupPermissions();
        return new Source(MemberSource.Group(group.Group.Id), MemberManager.Of(group));
    }

    private sealed record Source(MemberSource Key, MemberManager Actor);
}
