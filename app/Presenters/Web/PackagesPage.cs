using GitLabLite.Models.Projects;
using GitLabLite.Presenters.Packages.Go;

namespace GitLabLite.Presenters.Web;

/// <summary>The package registry page: every module version with its zip's size once the proxy has built it.</summary>
public sealed record PackagesPage(Project Project, GoSetup Go, bool GoProxyEnabled, IReadOnlyList<PackageRow> Packages, long? SelectedId);
