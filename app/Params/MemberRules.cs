using FluentValidation;

namespace GitLabLite.Params;

/// <summary>The rules that adding and updating a member share: GitLab's access levels and a future expiry date.</summary>
public static class MemberRules
{
    /// <summary>A date, yyyy-MM-dd, as GitLab takes it; null when absent, empty or not a date.</summary>
    public static DateOnly? ParseDate(string? value) => DateOnly.TryParseExact(value, "yyyy-MM-dd", out var date) ? date : null;

    public static void ValidAccessLevel<T>(this IRuleBuilder<T, int?> rule) =>
        rule.NotNull().WithMessage("is missing")
            .Must(l => l is null or 10 or 20 or 30 or 40 or 50).WithMessage("does not have a valid value");

    public static void ValidExpiry<T>(this IRuleBuilderInitial<T, string?> rule, TimeProvider clock) =>
        rule.Cascade(CascadeMode.Stop)
            .Must(e => string.IsNullOrEmpty(e) || ParseDate(e) is not null).WithMessage("is invalid (expected yyyy-MM-dd)")
            // A membership ends at the start of its expiry date (ActiveMembership): one that has ended already is no membership.
            .Must(e => ParseDate(e) is not { } date || date > DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime))
            .WithMessage("must be in the future");
}
