using GitLabLite.Params;
using GitLabLite.Controllers.Concerns;
using GitLabLite.Models.Users;
using GitLabLite.Presenters.Users;
using GitLabLite.Finders.Users;
using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

/// <summary>
/// Deploy tokens (GitLab's API::DeployTokens): a project's or a group's, for its Maintainers and Owners (others who may
/// see it get 403, as GitLab's read_deploy_token); every token on the instance for admins. DELETE destroys the token,
/// which stops working with the next request (authentication reads the table every time).
/// </summary>
public sealed class DeployTokensController(
    DeployTokensFinder finder, CreateDeployTokenService create, RevokeDeployTokenService revoke, DeployTokenPresenter presenter) : ApiController
{
    [HttpGet("deploy_tokens")]
    [Authenticate(RequireAdmin = true)]
    public Task<IActionResult> Index([FromQuery] Pagination pagination, [FromQuery] bool? active) => ListAsync(null, pagination, active);

    [HttpGet("projects/{id}/deploy_tokens")]
    [AuthorizeProject]
    public Task<IActionResult> ProjectIndex(string id, [FromQuery] Pagination pagination, [FromQuery] bool? active) =>
        ForProject(owner => ListAsync(owner, pagination, active));

    [HttpGet("groups/{id}/deploy_tokens")]
    [AuthorizeGroup]
    public Task<IActionResult> GroupIndex(string id, [FromQuery] Pagination pagination, [FromQuery] bool? active) =>
        ForGroup(owner => ListAsync(owner, pagination, active));

    [HttpGet("projects/{id}/deploy_tokens/{tokenId}")]
    [AuthorizeProject]
    public Task<IActionResult> ProjectShow(string id, string tokenId) => ForProject(owner => ShowAsync(owner, tokenId));

    [HttpGet("groups/{id}/deploy_tokens/{tokenId}")]
    [AuthorizeGroup]
    public Task<IActionResult> GroupShow(string id, string tokenId) => ForGroup(owner => ShowAsync(owner, tokenId));

    [HttpPost("projects/{id}/deploy_tokens")]
    [AuthorizeProject]
    public Task<IActionResult> ProjectCreate(string id, [FromParams] CreateDeployTokenParams p) => ForProject(owner => CreateAsync(owner, p));

    [HttpPost("groups/{id}/deploy_tokens")]
    [AuthorizeGroup]
    public Task<IActionResult> GroupCreate(string id, [FromParams] CreateDeployTokenParams p) => ForGroup(owner => CreateAsync(owner, p));

    [HttpDelete("projects/{id}/deploy_tokens/{tokenId}")]
    [AuthorizeProject]
    public Task<IActionResult> ProjectDestroy(string id, string tokenId) => ForProject(owner => DestroyAsync(owner, tokenId));

    [HttpDelete("groups/{id}/deploy_tokens/{tokenId}")]
    [AuthorizeGroup]
    public Task<IActionResult> GroupDestroy(string id, string tokenId) => ForGroup(owner => DestroyAsync(owner, tokenId));

    private async Task<IActionResult> ListAsync(DeployTokenOwner? owner, Pagination pagination, bool? active)
    {
        var (page, total) = await finder.ListAsync(owner, active == true, pagination.Offset, pagination.PerPage, Ct);
        return Paginated(pagination, total, page.Select(presenter.Present));
    }

    private async Task<IActionResult> ShowAsync(DeployTokenOwner owner, string tokenId) =>
        long.TryParse(tokenId, out var id) && await finder.FindOrNullAsync(owner, id, Ct) is { } token
            ? Ok(presenter.Present(token))
            : NotFound404("Deploy Token");

    private async Task<IActionResult> CreateAsync(DeployTokenOwner owner, CreateDeployTokenParams p)
    {
        var created = await create.ExecuteAsync(owner, p.Name!, p.Username, p.Scopes!, p.ExpiresAt, Caller.User!, Ct);
        return StatusCode(StatusCodes.Status201Created, presenter.Created(created));
    }

    private async Task<IActionResult> DestroyAsync(DeployTokenOwner owner, string tokenId) =>
        long.TryParse(tokenId, out var id) && await revoke.DestroyAsync(owner, id, Ct) ? NoContent() : NotFound404("Deploy Token");

    /// <summary>Runs <paramref name="action"/> for the route's project when the caller may manage its deploy tokens (Maintainer+ or admin).</summary>
    private Task<IActionResult> ForProject(Func<DeployTokenOwner, Task<IActionResult>> action)
    {
        var project = HttpContext.ProjectPermissions();
        return project.CanAdmin ? action(DeployTokenOwner.Project(project.Project.Id)) : Task.FromResult<IActionResult>(Forbidden403());
    }

    private Task<IActionResult> ForGroup(Func<DeployTokenOwner, Task<IActionResult>> action)
    {
        var group = HttpContext.GroupPermissions();
        return group.CanAdmin ? action(DeployTokenOwner.Group(group.Group.Id)) : Task.FromResult<IActionResult>(Forbidden403());
    }
}
