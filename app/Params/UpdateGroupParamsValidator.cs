using FluentValidation;

namespace GitLabLite.Params;

public sealed class UpdateGroupParamsValidator : AbstractValidator<UpdateGroupParams>
{
    public UpdateGroupParamsValidator()
    {
        this.NameRule(p => p.Name);
        this.VisibilityRule(p => p.Visibility);
        this.DescriptionRule(p => p.Description);
    }
}
