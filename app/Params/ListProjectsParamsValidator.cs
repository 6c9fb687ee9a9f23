using FluentValidation;

namespace GitLabLite.Params;

public sealed class ListProjectsParamsValidator : AbstractValidator<ListProjectsParams>
{
    public ListProjectsParamsValidator()
    {
        this.VisibilityRule(p => p.Visibility);
        RuleFor(p => p.Search).Must(s => s is null || s.Length <= 255).WithMessage("is too long");
    }
}
