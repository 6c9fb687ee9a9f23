using GitLabLite.Finders.Projects;
using Microsoft.AspNetCore.Mvc.Filters;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// As <see cref="AuthorizeProjectAttribute"/>, for the group the route's <c>{id}</c> names: puts it with the caller's
/// permissions on the request (<see cref="RequestContext.GroupPermissions"/>), or answers as for an unknown group.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class AuthorizeGroupAttribute : Attribute, IFilterFactory, IOrderedFilter
{
    public int Order => AuthorizeProjectAttribute.FilterOrder;

    public bool IsReusable => true;

    public IFilterMetadata CreateInstance(IServiceProvider services) => new AuthorizeGroupFilter(services.GetRequiredService<GroupFinder>());
}
