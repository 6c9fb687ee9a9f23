namespace GitLabLite.Models.Projects;

public sealed record ProjectListFilter(long? UserId, bool Admin, string? Search = null, long? NamespaceId = null, bool Membership = false,
    bool Owned = false, int? VisibilityLevel = null);
