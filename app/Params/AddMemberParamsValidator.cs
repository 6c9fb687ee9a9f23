using FluentValidation;

namespace GitLabLite.Params;

public sealed class AddMemberParamsValidator : AbstractValidator<AddMemberParams>
{
    public AddMemberParamsValidator(TimeProvider clock)
    {
        RuleFor(p => p.UserId).NotNull().WithMessage("is missing");
        RuleFor(p => p.AccessLevel).NotNull().WithMessage("is missing")
            .Must(l => l is null or 10 or 20 or 30 or 40 or 50).WithMessage("does not have a valid value");
        RuleFor(p => p.ExpiresAt).Cascade(CascadeMode.Stop)
            .Must(e => string.IsNullOrEmpty(e) || DateOnly.TryParseExact(e, "yyyy-MM-dd", out _)).WithMessage("is invalid (expected yyyy-MM-dd)")
            // A membership ends at the start of its expiry date (ActiveMembership): one that has ended already is no membership.
            .Must((p, _) => p.ExpiresOn is not { } date || date > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            .WithMessage("must be in the future");
    }
}
