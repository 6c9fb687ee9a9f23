using FluentValidation;

namespace GitLabLite.Params;

public sealed class AddMemberParamsValidator : AbstractValidator<AddMemberParams>
{
    public AddMemberParamsValidator()
    {
        RuleFor(p => p.UserId).NotNull().WithMessage("is missing");
        RuleFor(p => p.AccessLevel).NotNull().WithMessage("is missing")
            .Must(l => l is null or 10 or 20 or 30 or 40 or 50).WithMessage("does not have a valid value");
        RuleFor(p => p.ExpiresAt).Must(e => string.IsNullOrEmpty(e) || DateOnly.TryParseExact(e, "yyyy-MM-dd", out _))
            .WithMessage("is invalid (expected yyyy-MM-dd)");
    }
}
