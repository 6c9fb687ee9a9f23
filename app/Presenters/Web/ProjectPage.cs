using GitLabLite.Git;
using GitLabLite.Models.Packages.Go;
using GitLabLite.Models.Projects;
using GitLabLite.Presenters.Packages.Go;

namespace GitLabLite.Presenters.Web;

/// <summary>
/// The project page: clone URL, tags, and the Go section. <see cref="Versions"/> are the root module's versions;
/// tags and versions are empty when the user may see the project but not its code.
/// </summary>
public sealed record ProjectPage(
    ProjectPermissions Permissions,
    string HttpUrlToRepo,
    IReadOnlyList<GitTag> Tags,
    GoSetup Go,
    bool GoProxyEnabled,
    IReadOnlyList<ModuleVersion> Versions)
{
    public Project Project => Permissions.Project;
}
