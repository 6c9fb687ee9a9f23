using FluentValidation;

namespace GitLabLite.Params;

public sealed class AddMemberParamsValidator : AbstractValidator<AddMemberParams>
{
    public AddMemberParamsValidator(TimeProvider clock)
    {
        RuleFor(p => p.UserId).NotNull().WithMessage("is missing");
        RuleFor(p => p.AccessLevel).ValidAccessLevel();
        RuleFor(p => p.ExpiresAt).ValidExpiry(clock);
    }
}
