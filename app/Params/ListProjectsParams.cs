namespace GitLabLite.Params;

/// <summary>GET /projects filters.</summary>
public sealed record ListProjectsParams
{
    public string? Search { get; init; }
    public bool Membership { get; init; }
    public bool Owned { get; init; }
    public string? Visibility { get; init; }
    public bool Simple { get; init; }
}
