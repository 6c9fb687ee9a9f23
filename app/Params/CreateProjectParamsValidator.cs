using FluentValidation;
using GitLabLite.Git;

namespace GitLabLite.Params;

public sealed class CreateProjectParamsValidator : AbstractValidator<CreateProjectParams>
{
    public CreateProjectParamsValidator()
    {
        RuleFor(p => p.EffectivePath).NotNull().WithMessage("is missing, name is missing").OverridePropertyName("path");
        this.NameRule(p => p.EffectiveName);
        this.PathRule(p => p.EffectivePath, _ => false);
        this.VisibilityRule(p => p.Visibility);
        this.DescriptionRule(p => p.Description);
        RuleFor(p => p.DefaultBranch).Must(b => b is null || BareRepository.IsValidBranchName(b)).WithMessage("is not a valid branch name");
        RuleFor(p => p.NamespaceId).Must(n => n is null || n.Length is > 0 and <= 1024).WithMessage("is invalid");
        RuleFor(p => p.ImportUrl).Must(u => u is null || u.Length is > 0 and <= 2048).WithMessage("is invalid");
    }
}
