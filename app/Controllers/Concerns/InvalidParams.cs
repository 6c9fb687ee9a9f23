namespace GitLabLite.Controllers.Concerns;

/// <summary>The 400 body for params that could not be bound or validated, in GitLab's shapes.</summary>
public sealed record InvalidParams(object Body)
{
    /// <summary>GitLab's validation error shape: {"message": {"field": ["reason", ...]}}.</summary>
    public static InvalidParams From(FluentValidation.Results.ValidationResult result) =>
        new(new
        {
            message = result.Errors
                .GroupBy(e => ToSnakeCase(e.PropertyName))
                .ToDictionary(g => g.Key, g => g.Select(e => e.ErrorMessage).Distinct().ToArray()),
        });

    private static string ToSnakeCase(string name) =>
        string.Concat(name.Select((c, i) => char.IsUpper(c) ? (i > 0 ? "_" : "") + char.ToLowerInvariant(c) : c.ToString()));
}
