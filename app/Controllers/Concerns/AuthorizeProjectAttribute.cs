using GitLabLite.Finders.Projects;
using Microsoft.AspNetCore.Mvc.Filters;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// GitLab's user_project + authorize!: finds the project the route's <c>{id}</c> names (numeric id or URL-encoded
/// full path) with the caller's permissions and puts them on the request (<see cref="RequestContext.ProjectPermissions"/>).
/// A project the caller cannot see answers exactly as one that does not exist: 404 when signed in, 401 anonymous.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AuthorizeProjectAttribute(ProjectAbility ability = ProjectAbility.Read) : Attribute, IFilterFactory, IOrderedFilter
{
    public const int FilterOrder = AuthenticateAttribute.FilterOrder + 100;

    public ProjectAbility Ability { get; } = ability;

    public int Order => FilterOrder;

    public bool IsReusable => true;

    public IFilterMetadata CreateInstance(IServiceProvider services) => new AuthorizeProjectFilter(services.GetRequiredService<ProjectFinder>(), Ability);
}
