namespace GitLabLite.Params;

/// <summary>PUT /groups/:id: every field optional, absent ones keep their value.</summary>
public sealed record UpdateGroupParams
{
    public string? Name { get; init; }
    public string? Path { get; init; }
    public string? Description { get; init; }
    public string? Visibility { get; init; }
}
