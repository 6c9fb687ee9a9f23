using Microsoft.AspNetCore.Mvc.ActionConstraints;
using Microsoft.AspNetCore.Mvc.ApplicationModels;
using Microsoft.AspNetCore.Routing;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// Every GET route answers HEAD too, as GitLab's do (Grape adds HEAD to each GET route, Rails routes GET for HEAD):
/// the same headers and status, and Kestrel drops the body. Routes that declare HEAD themselves keep their own.
/// </summary>
public sealed class HeadLikeGetConvention : IActionModelConvention
{
    public void Apply(ActionModel action)
    {
        var withHead = action.Selectors.Where(AllowsHead).Select(Template).ToHashSet();
        foreach (var selector in action.Selectors)
        {
            if (AllowsHead(selector) || withHead.Contains(Template(selector))) continue;
            var constraint = selector.ActionConstraints.OfType<HttpMethodActionConstraint>().FirstOrDefault();
            if (constraint is null || !constraint.HttpMethods.Contains(HttpMethods.Get)) continue;
            string[] methods = [.. constraint.HttpMethods, HttpMethods.Head];
            selector.ActionConstraints[selector.ActionConstraints.IndexOf(constraint)] = new HttpMethodActionConstraint(methods);
            for (var i = 0; i < selector.EndpointMetadata.Count; i++)
                if (selector.EndpointMetadata[i] is HttpMethodMetadata metadata)
                    selector.EndpointMetadata[i] = new HttpMethodMetadata(methods, metadata.AcceptCorsPreflight);
        }
    }

    private static bool AllowsHead(SelectorModel selector) =>
        selector.ActionConstraints.OfType<HttpMethodActionConstraint>().Any(c => c.HttpMethods.Contains(HttpMethods.Head));

    private static string Template(SelectorModel selector) => selector.AttributeRouteModel?.Template ?? "";
}
