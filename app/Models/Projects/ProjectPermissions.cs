namespace GitLabLite.Models.Projects;

/// <summary>
/// What one user may do with one project, from its visibility, the user's effective access level and admin flag
/// (GitLab's ProjectPolicy, reduced to the abilities GitLabLite has).
/// </summary>
public sealed record ProjectPermissions(Project Project, AccessLevel Access, bool SignedIn, bool Admin)
{
    /// <summary>The project exists for this user at all (otherwise answer 404).</summary>
    public bool CanRead => Admin || Project.Visibility == Visibility.Public
        || (SignedIn && Project.Visibility == Visibility.Internal) || Access >= AccessLevel.Guest;

    /// <summary>Code, tags, packages: public and internal projects follow visibility; private needs Reporter.</summary>
    public bool CanReadCode => Admin || Access >= AccessLevel.Reporter
        || (CanRead && Project.Visibility != Visibility.Private);

    public bool CanPush => Admin || Access >= AccessLevel.Developer;

    /// <summary>admin_project: settings (name, description, default branch) and members up to Maintainer.</summary>
    public bool CanAdmin => Admin || Access >= AccessLevel.Maintainer;

    /// <summary>
    /// owner_access: delete the project (remove_project), change its visibility (change_visibility_level), its path
    /// (which breaks every clone URL and import path: GitLab issue 20496 takes it from Maintainers) and manage Owners.
    /// </summary>
    public bool IsOwner => Admin || Access >= AccessLevel.Owner;
}
