using FluentValidation;
using GitLabLite.Models.Projects;

namespace GitLabLite.Params;

/// <summary>The name/path/visibility/description checks that group and project params share.</summary>
internal static class NamingRules
{
    public const int MaxDescription = 2000;

    public static void NameRule<T>(this AbstractValidator<T> v, Func<T, string?> name) =>
        v.RuleFor(p => p).Custom((p, ctx) =>
        {
            if (name(p) is { } value && PathRules.NameError(value) is { } error) ctx.AddFailure("name", error);
        });

    public static void PathRule<T>(this AbstractValidator<T> v, Func<T, string?> path, Func<T, bool> topLevel) =>
        v.RuleFor(p => p).Custom((p, ctx) =>
        {
            var value = path(p);
            if (value is null) return;
            if (PathRules.PathError(value) is { } error) ctx.AddFailure("path", error);
            else if (value == "-" || (topLevel(p) && PathRules.ReservedTopLevel.Contains(value))) ctx.AddFailure("path", $"{value} is a reserved name");
        });

    public static void VisibilityRule<T>(this AbstractValidator<T> v, Func<T, string?> visibility) =>
        v.RuleFor(p => visibility(p)).Must(s => s is null || VisibilityNames.Parse(s) is not null)
            .WithMessage("does not have a valid value").OverridePropertyName("visibility");

    public static void DescriptionRule<T>(this AbstractValidator<T> v, Func<T, string?> description) =>
        v.RuleFor(p => description(p)).Must(s => s is null || s.Length <= MaxDescription)
            .WithMessage($"is too long (maximum is {MaxDescription} characters)").OverridePropertyName("description");
}
