using FluentValidation;
using GitLabLite.Git;

namespace GitLabLite.Params;

public sealed class UpdateProjectParamsValidator : AbstractValidator<UpdateProjectParams>
{
    public UpdateProjectParamsValidator()
    {
        this.NameRule(p => p.Name);
        this.PathRule(p => p.Path, _ => false);
        this.VisibilityRule(p => p.Visibility);
        this.DescriptionRule(p => p.Description);
        RuleFor(p => p.DefaultBranch).Must(b => b is null || BareRepository.IsValidBranchName(b)).WithMessage("is not a valid branch name");
    }
}
