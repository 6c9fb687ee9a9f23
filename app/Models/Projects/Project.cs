namespace GitLabLite.Models.Projects;

public sealed record Project
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string Path { get; init; } = "";
    public long NamespaceId { get; init; }
    public long? CreatorId { get; init; }
    public int VisibilityLevel { get; init; }
    public string Description { get; init; } = "";
    public string? DefaultBranch { get; init; }
    public DateTime CreatedAt { get; init; }
    public DateTime LastActivityAt { get; init; }

    /// <summary>The namespace's full path, joined by the repository query.</summary>
    public string NamespaceFullPath { get; init; } = "";

    /// <summary>The namespace's own columns, joined by the repository query for the API's namespace object.</summary>
    public string NamespaceFullName { get; init; } = "";
    public string NamespaceName { get; init; } = "";
    public string NamespacePath { get; init; } = "";
    public string NamespaceType { get; init; } = "User";
    public long? NamespaceParentId { get; init; }

    /// <summary>GitLab's import_status: none, or scheduled, started, finished, failed for a project created from import_url.</summary>
    public string ImportStatus { get; init; } = "none";

    /// <summary>Why the import failed, in words safe to show (never git's output, which may name internal hosts).</summary>
    public string? ImportError { get; init; }

    public string FullPath => $"{NamespaceFullPath}/{Path}";

    public string NameWithNamespace => $"{NamespaceFullName} / {Name}";

    public Visibility Visibility => (Visibility)VisibilityLevel;

    /// <summary>
    /// GitLab's empty_repo: no repository or not a single ref. Not a column: <c>ProjectsFinder</c> reads it from the
    /// disk for the answers that show it; null when nothing has looked.
    /// </summary>
    public bool? EmptyRepo { get; init; }
}
