using FluentValidation;

namespace GitLabLite.Params;

public sealed class CreateGroupParamsValidator : AbstractValidator<CreateGroupParams>
{
    public CreateGroupParamsValidator()
    {
        RuleFor(p => p.EffectivePath).NotNull().WithMessage("is missing, name is missing").OverridePropertyName("path");
        this.NameRule(p => p.EffectiveName);
        this.PathRule(p => p.EffectivePath, p => p.ParentId is null);
        this.VisibilityRule(p => p.Visibility);
        this.DescriptionRule(p => p.Description);
    }
}
