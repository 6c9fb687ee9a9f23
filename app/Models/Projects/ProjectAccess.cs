namespace GitLabLite.Models.Projects;

/// <summary>A user's effective access level to a project, and when it changes by itself (a membership expiring), if ever.</summary>
public sealed record ProjectAccess
{
    public static readonly ProjectAccess None = new();

    public AccessLevel AccessLevel { get; init; }

    /// <summary>The earliest expiry among the memberships it was computed from; from then on it must be computed again.</summary>
    public DateTime? AccessChangesAt { get; init; }
}
