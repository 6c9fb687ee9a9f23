namespace GitLabLite.Params;

/// <summary>POST /projects/:id/packages/go/tag_allowances, and the project page's form.</summary>
public sealed record CreateTagAllowanceParams
{
    /// <summary>The served tag the next push may move or delete, e.g. v1.0.0 or sub/v1.0.0.</summary>
    public string? TagName { get; init; }
}
