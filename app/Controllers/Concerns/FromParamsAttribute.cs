using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// Binds a params record from the query, a form body and a JSON body merged (<see cref="GitLabParams"/>) and validates
/// it with its FluentValidation validator. Errors are answered by <see cref="ValidateParamsAttribute"/>, after the
/// access filters, so an unauthorised caller learns nothing from a bad request.
/// </summary>
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class FromParamsAttribute : Attribute, IBindingSourceMetadata
{
    public static readonly BindingSource Source = new("GitLabParams", "GitLab params", isGreedy: true, isFromRequest: true);

    public BindingSource BindingSource => Source;
}
