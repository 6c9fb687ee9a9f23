using FluentValidation;
using GitLabLite.Golang;
using GitLabLite.Models.Packages.Go;

namespace GitLabLite.Params;

public sealed class CreateGoProxyRuleParamsValidator : AbstractValidator<CreateGoProxyRuleParams>
{
    public CreateGoProxyRuleParamsValidator()
    {
        RuleFor(p => p.Action).NotEmpty().WithMessage("is missing")
            .Must(a => a is GoProxyRule.Allow or GoProxyRule.Deny).WithMessage("does not have a valid value (allow or deny)");
        RuleFor(p => p.ModulePattern).NotEmpty().WithMessage("is missing")
            .MaximumLength(255).Must(IsGlob).WithMessage("is not a valid glob (Go's path.Match syntax, as in GOPRIVATE)");
        RuleFor(p => p.VersionPattern).MaximumLength(255).Must(v => v is null || IsGlob(v)).WithMessage("is not a valid glob (Go's path.Match syntax)");
    }

    // path.Match reports a malformed pattern whatever it is matched against.
    private static bool IsGlob(string? pattern) =>
        !string.IsNullOrEmpty(pattern) && GoPathMatch.Match(pattern, "") is not null && !pattern.Any(char.IsWhiteSpace) && !pattern.Contains(',');
}
