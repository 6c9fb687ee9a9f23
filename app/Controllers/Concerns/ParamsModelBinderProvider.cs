using FluentValidation;
using Microsoft.AspNetCore.Mvc.ModelBinding;

namespace GitLabLite.Controllers.Concerns;

/// <summary>Gives [FromParams] parameters a <see cref="ParamsModelBinder"/> with the type's validator (resolved once per type).</summary>
public sealed class ParamsModelBinderProvider : IModelBinderProvider
{
    public IModelBinder? GetBinder(ModelBinderProviderContext context)
    {
        if (context.BindingInfo.BindingSource != FromParamsAttribute.Source) return null;
        var type = context.Metadata.ModelType;
        var validator = (IValidator?)context.Services.GetService(typeof(IValidator<>).MakeGenericType(type));
        return new ParamsModelBinder(type, validator);
    }
}
