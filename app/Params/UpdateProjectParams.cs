namespace GitLabLite.Params;

/// <summary>PUT /projects/:id: every field optional, absent ones keep their value.</summary>
public sealed record UpdateProjectParams
{
    public string? Name { get; init; }
    public string? Path { get; init; }
    public string? Description { get; init; }
    public string? Visibility { get; init; }
    public string? DefaultBranch { get; init; }
}
