using GitLabLite.Controllers.Api.Params;
using GitLabLite.Controllers.Concerns;
using GitLabLite.Finders.Users;
using GitLabLite.Models.Users;
using GitLabLite.Presenters.Users;
using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

/// <summary>GET /user, GET /users, GET /users/:id, POST /users. Reads also accept read_user tokens, as GitLab.</summary>
[Authenticate(RequireSignIn = true, ReadScopes = new[] { TokenScopes.ReadUser })]
public sealed class UsersController(UsersFinder finder, CreateUserService createUser, UserPresenter presenter) : ApiController
{
    [HttpGet("user")]
    public IActionResult Current() => Ok(presenter.Details(Caller.User!));

    [HttpGet("users")]
    public async Task<IActionResult> Index([FromQuery] string? username, [FromQuery] Pagination pagination)
    {
        var filter = string.IsNullOrEmpty(username) ? null : username;
        var (users, total) = await finder.ListAsync(filter, pagination.Offset, pagination.PerPage, Ct);
        // Admins get GitLab's UserWithAdmin view (email, is_admin); everyone else the basic one.
        return Paginated(pagination, total, users.Select(u => Caller.IsAdmin ? presenter.Details(u) : (object)presenter.Basic(u)));
    }

    [HttpGet("users/{id:long}")]
    public async Task<IActionResult> Show(long id)
    {
        var user = await finder.FindOrNullAsync(id, Ct);
        if (user is null) return NotFound404("User");
        return Ok(Caller.IsAdmin || user.Id == Caller.User!.Id ? presenter.Details(user) : presenter.Profile(user));
    }

    [HttpPost("users")]
    [Authenticate(RequireAdmin = true)]
    public async Task<IActionResult> Create([FromParams] CreateUserParams input)
    {
        var result = await createUser.ExecuteAsync(input.Username!, input.Email!, input.Name!, input.Password!, input.Admin ?? false, Ct);
        return FromService(result, presenter.Details, successStatus: 201);
    }
}
