namespace GitLabLite.Presenters.Projects;

/// <summary>GitLab's API::Entities::ProjectImportStatus. import_type "git" is a repository-by-URL import.</summary>
public sealed record ProjectImportStatusEntity(
    long Id, string Description, string Name, string NameWithNamespace, string Path, string PathWithNamespace, DateTime CreatedAt,
    string ImportStatus, string? ImportType, string? ImportError, IReadOnlyList<object> FailedRelations);
