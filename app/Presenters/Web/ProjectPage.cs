using GitLabLite.Git;
using GitLabLite.Models.Packages.Go;
using GitLabLite.Models.Projects;
using GitLabLite.Presenters.Packages.Go;

namespace GitLabLite.Presenters.Web;

/// <summary>
/// The project page: clone URL, tags, and the Go section. <see cref="Versions"/> are the root module's versions;
/// <see cref="Served"/> the versions of the project's modules that the proxy has served (the version ledger). Each
/// list is one page of it, with links to the others. Tags, versions and served versions are empty when the user may
/// see the project but not its code.
/// </summary>
public sealed record ProjectPage(
    ProjectPermissions Permissions,
    string HttpUrlToRepo,
    IReadOnlyList<GitTag> Tags,
    PageLinks TagPages,
    GoSetup Go,
    bool GoProxyEnabled,
    IReadOnlyList<ModuleVersion> Versions,
    PageLinks VersionPages,
    IReadOnlyList<GoPackage> Served,
    PageLinks ServedPages)
{
    public Project Project => Permissions.Project;

    /// <summary>Owners and administrators may let the next push move a served tag.</summary>
    public bool CanAllowMovingTags => Permissions.IsOwner;
}
