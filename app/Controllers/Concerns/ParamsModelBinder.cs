using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.AspNetCore.Mvc.ModelBinding.Validation;

namespace GitLabLite.Controllers.Concerns;

/// <summary>See <see cref="FromParamsAttribute"/>. A failure leaves GitLab's error body on the request as <see cref="InvalidParams"/>.</summary>
public sealed class ParamsModelBinder(Type type, IValidator? validator) : IModelBinder
{
    public async Task BindModelAsync(ModelBindingContext bindingContext)
    {
        var http = bindingContext.HttpContext;
        var (value, error) = await GitLabParams.ReadAsync(http.Request, type);
        if (value is null)
        {
            http.Features.Set(new InvalidParams(new { message = error ?? "400 Bad request" }));
            bindingContext.Result = ModelBindingResult.Failed();
            return;
        }
        if (validator is not null)
        {
            var result = await validator.ValidateAsync(new ValidationContext<object>(value), http.RequestAborted);
            if (!result.IsValid) http.Features.Set(InvalidParams.From(result));
        }
        // FluentValidation is the only validation params get; MVC's own (implicit [Required]) would only disagree.
        bindingContext.ValidationState[value] = new ValidationStateEntry { SuppressValidation = true };
        bindingContext.Result = ModelBindingResult.Success(value);
    }
}
