using FluentValidation;
using GitLabLite.Models.Users;

namespace GitLabLite.Params;

public sealed partial class CreateDeployTokenParamsValidator : AbstractValidator<CreateDeployTokenParams>
{
    public CreateDeployTokenParamsValidator(TimeProvider clock)
    {
        RuleFor(p => p.Name).NotEmpty().WithMessage("can't be blank")
            .MaximumLength(CreateUserParamsValidator.MaxLength).WithMessage("is too long (maximum is 255 characters)");
        RuleFor(p => p.Scopes).Cascade(CascadeMode.Stop).NotEmpty().WithMessage("can't be blank")
            .Must(s => s!.All(DeployTokenScopes.All.Contains))
            .WithMessage(p => $"has unknown scopes: {string.Join(", ", p.Scopes!.Where(s => !DeployTokenScopes.All.Contains(s)))} (known: {string.Join(", ", DeployTokenScopes.All)})");
        // GitLab's DeployToken username format; a personal access token's glpat- value is never a login here.
        RuleFor(p => p.Username!)
            .MaximumLength(CreateUserParamsValidator.MaxLength).WithMessage("is too long (maximum is 255 characters)")
            .Matches(UsernameFormat()).WithMessage("can contain only letters, digits, '_', '-', '+', and '.'")
            .When(p => p.Username is not null);
        RuleFor(p => p.ExpiresAt).Must(t => DeployToken.AsUtc(t!.Value) > clock.GetUtcNow().UtcDateTime).WithMessage("must be in the future")
            .When(p => p.ExpiresAt is not null);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"\A[a-zA-Z0-9\.\+_-]+\z")]
    private static partial System.Text.RegularExpressions.Regex UsernameFormat();
}
