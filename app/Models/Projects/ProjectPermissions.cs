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

    public bool CanAdmin => Admin || Access >= AccessLevel.Maintainer;

    public bool CanDelete => Admin || Access >= AccessLevel.Owner;
}
