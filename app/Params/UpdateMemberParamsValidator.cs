using FluentValidation;

namespace GitLabLite.Params;

public sealed class UpdateMemberParamsValidator : AbstractValidator<UpdateMemberParams>
{
    public UpdateMemberParamsValidator(TimeProvider clock)
    {
        RuleFor(p => p.AccessLevel).ValidAccessLevel();
        RuleFor(p => p.ExpiresAt).ValidExpiry(clock);
    }
}
