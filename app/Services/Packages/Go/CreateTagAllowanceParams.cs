namespace GitLabLite.Services.Packages.Go;

public sealed record CreateTagAllowanceParams
{
    /// <summary>The served tag the next push may move or delete, e.g. v1.0.0 or sub/v1.0.0.</summary>
    public string? TagName { get; init; }
}
