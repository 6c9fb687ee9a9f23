using GitLabLite.Models.Projects;
using GitLabLite.Presenters.Packages.Go;

namespace GitLabLite.Presenters.Web;

/// <summary>
/// The package registry page: one page of the module versions, each with its zip's size once the proxy has built it,
/// and every module of the project (for the go get lines).
/// </summary>
public sealed record PackagesPage(
    Project Project, GoSetup Go, bool GoProxyEnabled, IReadOnlyList<PackageRow> Packages, PageLinks Pages, long? SelectedId, IReadOnlyList<string> Modules);
