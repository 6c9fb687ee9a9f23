namespace GitLabLite.Models.Users;

/// <summary>The deploy token scopes GitLabLite has (GitLab's registry scopes would have nothing to guard here).</summary>
public static class DeployTokenScopes
{
    /// <summary>git clone and fetch, and `?go-get=1`.</summary>
    public const string ReadRepository = "read_repository";

    /// <summary>The Go proxy (project, group and instance endpoints).</summary>
    public const string ReadPackageRegistry = "read_package_registry";

    /// <summary>Publishing packages; reading them too, as in GitLab.</summary>
    public const string WritePackageRegistry = "write_package_registry";

    public static readonly IReadOnlyList<string> All = [ReadRepository, ReadPackageRegistry, WritePackageRegistry];
}
