using GitLabLite.Controllers.Concerns;

namespace GitLabLite.Controllers.Web.Admin;

/// <summary>The admin area: anonymous visitors go to sign in, signed-in non-admins get the 403 page, for every action and verb.</summary>
[Authenticate(SessionOnly = true, RequireAdmin = true)]
public abstract class AdminController : WebController;
