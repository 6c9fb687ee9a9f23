namespace GitLabLite.Models.Projects;

/// <summary>What one user may do with one group (GitLab's GroupPolicy, reduced to what GitLabLite has).</summary>
public sealed record GroupPermissions(Namespace Group, AccessLevel Access, bool SignedIn, bool Admin)
{
    public bool CanRead => Admin || Group.Visibility == Visibility.Public
        || (SignedIn && Group.Visibility == Visibility.Internal) || Access >= AccessLevel.Guest;

    /// <summary>Subgroups and projects: Maintainer or Owner (GitLab's default creation levels).</summary>
    public bool CanAdmin => Admin || Access >= AccessLevel.Maintainer;

    /// <summary>admin_group_member: only Owners manage a group's members (GitLab's GroupPolicy).</summary>
    public bool IsOwner => Admin || Access >= AccessLevel.Owner;
}
