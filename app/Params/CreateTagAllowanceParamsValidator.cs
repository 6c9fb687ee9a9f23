using FluentValidation;
using GitLabLite.Git;

namespace GitLabLite.Params;

public sealed class CreateTagAllowanceParamsValidator : AbstractValidator<CreateTagAllowanceParams>
{
    public CreateTagAllowanceParamsValidator()
    {
        RuleFor(p => p.TagName).NotEmpty().WithMessage("is missing")
            .Must(t => string.IsNullOrEmpty(t) || BareRepository.IsValidTagName(t)).WithMessage("is not a valid tag name");
    }
}
