namespace GitLabLite.Models.Projects;

/// <summary>Which visible projects a list shows; <see cref="IncludeSubgroups"/> widens <see cref="NamespaceId"/> to the groups below it.</summary>
public sealed record ProjectListFilter(long? UserId, bool Admin, string? Search = null, long? NamespaceId = null, bool Membership = false,
    bool Owned = false, int? VisibilityLevel = null, bool IncludeSubgroups = false);
