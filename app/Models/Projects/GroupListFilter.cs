namespace GitLabLite.Models.Projects;

/// <summary>Which visible groups a list shows: all, a group's children (<see cref="ParentId"/>) or all its descendants (<see cref="AncestorId"/>).</summary>
public sealed record GroupListFilter(long? UserId, bool Admin, string? Search = null, long? ParentId = null, long? AncestorId = null);
