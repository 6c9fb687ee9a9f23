using FluentValidation;
using GitLabLite.Models.Users;

namespace GitLabLite.Params;

public sealed class CreatePersonalAccessTokenParamsValidator : AbstractValidator<CreatePersonalAccessTokenParams>
{
    public CreatePersonalAccessTokenParamsValidator(TimeProvider clock)
    {
        RuleFor(p => p.Name).NotEmpty().WithMessage("can't be blank")
            .MaximumLength(CreateUserParamsValidator.MaxLength).WithMessage("is too long (maximum is 255 characters)");
        RuleFor(p => p.Scopes).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("can't be blank")
            .Must(s => s!.All(TokenScopes.All.Contains))
            .WithMessage(p => $"has unknown scopes: {string.Join(", ", p.Scopes!.Where(s => !TokenScopes.All.Contains(s)))} (known: {string.Join(", ", TokenScopes.All)})");
        // The clock is read per validation, not per validator instance, so a long-lived validator stays correct.
        RuleFor(p => p.ExpiresAt)
            .Must(d => d > Today(clock)).WithMessage("must be in the future")
            .Must(d => d <= PersonalAccessToken.LatestExpiry(Today(clock)))
            .WithMessage(_ => $"must be on or before {PersonalAccessToken.LatestExpiry(Today(clock)):yyyy-MM-dd}")
            .When(p => p.ExpiresAt is not null);
    }

    private static DateOnly Today(TimeProvider clock) => DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime);
}
