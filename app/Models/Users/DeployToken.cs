using GitLabLite.Models.Projects;

namespace GitLabLite.Models.Users;

/// <summary>
/// GitLab's DeployToken: a machine credential of one project (<see cref="ProjectId"/>) or of a group
/// (<see cref="GroupId"/>) and every project in it and its subgroups. It is not a user: it reads exactly the projects
/// it belongs to, with its scopes, and nothing else (not even internal projects).
/// </summary>
public sealed record DeployToken
{
    public const string Prefix = "gldt-";

    public long Id { get; init; }
    public long? ProjectId { get; init; }
    public long? GroupId { get; init; }
    public string Name { get; init; } = "";
    public string Username { get; init; } = "";
    public string TokenDigest { get; init; } = "";
    public string[] Scopes { get; init; } = [];
    public DateTime? ExpiresAt { get; init; }
    public bool Revoked { get; init; }
    public DateTime CreatedAt { get; init; }

    /// <summary>The full path of the project or group it belongs to, joined by the repository query.</summary>
    public string OwnerFullPath { get; init; } = "";

    /// <summary>GitLab's default login for a token created without a username is this plus the token's id.</summary>
    public const string DefaultUsernamePrefix = "gitlab+deploy-token-";

    /// <summary>A time given without an offset is read as UTC (an API client's bare date means midnight UTC).</summary>
    public static DateTime AsUtc(DateTime time) => time.Kind == DateTimeKind.Unspecified ? DateTime.SpecifyKind(time, DateTimeKind.Utc) : time.ToUniversalTime();

    public bool Expired(DateTime nowUtc) => ExpiresAt is { } e && e <= nowUtc;

    public bool Active(DateTime nowUtc) => !Revoked && !Expired(nowUtc);

    public bool HasScope(string scope) => Scopes.Contains(scope);

    /// <summary>Its own project, or any project below its group (full paths are the hierarchy: a transfer moves them).</summary>
    public bool Covers(Project project) =>
        ProjectId == project.Id || (GroupId is not null && project.FullPath.StartsWith(OwnerFullPath + "/", StringComparison.OrdinalIgnoreCase));

    /// <summary>
    /// Its own group or one of its subgroups; for a project's token, the groups its project is in (a group endpoint
    /// then serves that project alone, since <see cref="Covers(Project)"/> decides per project).
    /// </summary>
    public bool Covers(Namespace group) => GroupId is not null
        ? GroupId == group.Id || group.FullPath.StartsWith(OwnerFullPath + "/", StringComparison.OrdinalIgnoreCase)
        : OwnerFullPath.StartsWith(group.FullPath + "/", StringComparison.OrdinalIgnoreCase);
}
