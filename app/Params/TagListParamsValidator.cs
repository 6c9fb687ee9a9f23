using FluentValidation;

namespace GitLabLite.Params;

public sealed class TagListParamsValidator : AbstractValidator<TagListParams>
{
    public TagListParamsValidator()
    {
        RuleFor(p => p.OrderBy).Must(v => v is "name" or "updated" or "version").WithMessage("does not have a valid value");
        RuleFor(p => p.Sort).Must(v => v is "asc" or "desc").WithMessage("does not have a valid value");
        RuleFor(p => p.Search).MaximumLength(255);
    }
}
