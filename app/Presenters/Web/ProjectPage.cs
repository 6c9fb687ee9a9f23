using GitLabLite.Git;
using GitLabLite.Models.Packages.Go;
using GitLabLite.Models.Projects;
using GitLabLite.Presenters.Packages.Go;

namespace GitLabLite.Presenters.Web;

/// <summary>
/// The project page: clone URL, tags, and the Go section. <see cref="Versions"/> are the root module's versions;
/// <see cref="Served"/> every version of the project's modules that the proxy has served (the version ledger). Tags,
/// versions and served versions are empty when the user may see the project but not its code.
/// </summary>
public sealed record ProjectPage(
    ProjectPermissions Permissions,
    string HttpUrlToRepo,
    IReadOnlyList<GitTag> Tags,
    GoSetup Go,
    bool GoProxyEnabled,
    IReadOnlyList<ModuleVersion> Versions,
    IReadOnlyList<GoPackage> Served)
{
    public Project Project => Permissions.Project;

    /// <summary>Owners and administrators may let the next push move a served tag.</summary>
    public bool CanAllowMovingTags => Permissions.IsOwner;
}
