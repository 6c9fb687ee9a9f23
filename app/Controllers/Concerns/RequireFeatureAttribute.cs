using GitLabLite.Services.Features;
using Microsoft.AspNetCore.Mvc.Filters;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// A feature gate for the route's project (after <see cref="AuthorizeProjectAttribute"/>, so that, as GitLab's
/// go_proxy check, a caller without access learns nothing from it): off answers as a project that does not exist.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = true)]
public sealed class RequireFeatureAttribute(string name) : Attribute, IFilterFactory, IOrderedFilter
{
    public string Name { get; } = name;

    public int Order => AuthorizeProjectAttribute.FilterOrder + 100;

    public bool IsReusable => true;

    public IFilterMetadata CreateInstance(IServiceProvider services) => new RequireFeatureFilter(services.GetRequiredService<ProjectFeatureGate>(), Name);
}
