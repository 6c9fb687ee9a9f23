using GitLabLite.Models.Projects;

namespace GitLabLite.Params;

/// <summary>GET /projects and GET /groups/:id/projects filters.</summary>
public sealed record ListProjectsParams
{
    public string? Search { get; init; }
    public bool Membership { get; init; }
    public bool Owned { get; init; }
    public string? Visibility { get; init; }
    public bool Simple { get; init; }

    /// <summary>GET /groups/:id/projects only: also the projects of the groups below.</summary>
    public bool IncludeSubgroups { get; init; }

    public ProjectListFilter ToFilter(long? userId, bool admin, long? namespaceId = null) =>
        new(userId, admin, string.IsNullOrEmpty(Search) ? null : Search, namespaceId, Membership, Owned,
            (int?)VisibilityNames.Parse(Visibility), IncludeSubgroups && namespaceId is not null);
}
