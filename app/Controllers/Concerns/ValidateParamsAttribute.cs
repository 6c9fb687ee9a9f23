using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// Answers 400 for params <see cref="FromParamsAttribute"/> could not bind or validate, and for any other binding
/// error, in GitLab's shape. Last of the concern filters: a caller who may not make the request gets that answer instead.
/// </summary>
[AttributeUsage(AttributeTargets.Class)]
public sealed class ValidateParamsAttribute : Attribute, IActionFilter, IOrderedFilter
{
    public int Order => AuthorizeProjectAttribute.FilterOrder + 200;

    public void OnActionExecuting(ActionExecutingContext context)
    {
        if (context.HttpContext.Features.Get<InvalidParams>() is { } invalid)
            context.Result = new BadRequestObjectResult(invalid.Body);
        else if (!context.ModelState.IsValid)
            context.Result = new BadRequestObjectResult(new
            {
                message = context.ModelState
                    .Where(e => e.Value is { Errors.Count: > 0 })
                    .ToDictionary(e => e.Key, e => e.Value!.Errors.Select(x => x.ErrorMessage).ToArray()),
            });
    }

    public void OnActionExecuted(ActionExecutedContext context)
    {
    }
}
