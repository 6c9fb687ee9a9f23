using GitLabLite.Models.Projects;
using GitLabLite.Presenters.Projects;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Projects;
using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

/// <summary>Project and group members: /projects/:id/members and /groups/:id/members.</summary>
public sealed class MembersController(
    MemberRepository members, MemberPresenter presenter, AddMemberService add, RemoveMemberService remove) : ProjectsContextController
{
    private sealed record Source(MemberSource Key, AccessLevel Access, bool Admin);

    [HttpGet("{kind:regex(^(projects|groups)$)}/{id}/members")]
    public async Task<IActionResult> Index(string kind, string id, [FromQuery] Pagination pagination)
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: false);
        if (denied is not null) return denied;
        var (source, missing) = await FindSourceAsync(kind, id, auth);
        if (missing is not null) return missing;
        var page = await members.ListUsersAsync(source!.Key, pagination.Offset, pagination.PerPage, Ct);
        var total = await members.CountAsync(source.Key.Type, source.Key.Id, Ct);
        return Paginated(pagination, total, page.Select(presenter.Present));
    }

    /// <summary>Direct and inherited (ancestor group) members, each user once with the highest level.</summary>
    [HttpGet("projects/{id}/members/all")]
    public async Task<IActionResult> All(string id, [FromQuery] Pagination pagination)
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: false);
        if (denied is not null) return denied;
        var (found, missing) = await FindProjectAsync(id, auth);
        if (missing is not null) return missing;
        var page = await members.ListProjectAllUsersAsync(found!.Project.Id, pagination.Offset, pagination.PerPage, Ct);
        var total = await members.CountProjectAllAsync(found.Project.Id, Ct);
        return Paginated(pagination, total, page.Select(presenter.Present));
    }

    [HttpPost("{kind:regex(^(projects|groups)$)}/{id}/members")]
    public async Task<IActionResult> Create(string kind, string id)
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: true);
        if (denied is not null) return denied;
        var (source, missing) = await FindSourceAsync(kind, id, auth);
        if (missing is not null) return missing;
        var (p, invalid) = await ReadParamsAsync<AddMemberParams>();
        if (invalid is not null) return invalid;
        return FromService(await add.ExecuteAsync(source!.Key, source.Access, source.Admin, p!, Ct), presenter.Present, StatusCodes.Status201Created);
    }

    [HttpDelete("{kind:regex(^(projects|groups)$)}/{id}/members/{userId}")]
    public async Task<IActionResult> Destroy(string kind, string id, string userId)
    {
        var (auth, denied) = await AuthorizeApiAsync(requireSignIn: true);
        if (denied is not null) return denied;
        var (source, missing) = await FindSourceAsync(kind, id, auth);
        if (missing is not null) return missing;
        if (!long.TryParse(userId, out var memberId)) return NotFound404("Member");
        var response = await remove.ExecuteAsync(source!.Key, auth.User!.Id, source.Access, source.Admin, memberId, Ct);
        return response.Success ? NoContent() : FromService(response, _ => new { });
    }

    private async Task<(Source? Source, IActionResult? Missing)> FindSourceAsync(string kind, string id, AuthenticationResult auth)
    {
        if (kind == "projects")
        {
            var (project, missing) = await FindProjectAsync(id, auth);
            return project is null ? (null, missing) : (new Source(MemberSource.Project(project.Project.Id), project.Access, project.Admin), null);
        }
        var (group, groupMissing) = await FindGroupAsync(id, auth);
        return group is null ? (null, groupMissing) : (new Source(MemberSource.Group(group.Group.Id), group.Access, group.Admin), null);
    }
}
