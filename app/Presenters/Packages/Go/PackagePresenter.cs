using GitLabLite.Initializers;
using GitLabLite.Models.Packages.Go;
using GitLabLite.Models.Projects;

namespace GitLabLite.Presenters.Packages.Go;

/// <summary>
/// GitLab's API::Entities::Package for a Go module version: name is the module path, created_at the commit time.
/// Go modules have no pipelines or package tags here, so those are always null and empty. Beyond GitLab's fields,
/// go_ledger is what the version ledger recorded when the proxy first served the version (null until then): the
/// hashes go.sum files hold, the downloads (counted in batches, so a few seconds behind), and whether its tag has
/// been moved or deleted since.
/// </summary>
public sealed class PackagePresenter(InstanceSettings settings)
{
    public const string PackageType = "golang";

    public object Present(Project project, GoPackage package) => new
    {
        package.Id,
        Name = package.ModulePath,
        package.Version,
        PackageType,
        Status = "default",
        CreatedAt = package.CommittedAt,
        LastDownloadedAt = package.Served?.LastDownloadedAt,
        GoLedger = package.Served is { } served
            ? new
            {
                FirstServedAt = served.CreatedAt,
                served.DownloadCount,
                served.LastDownloadedAt,
                served.CommitSha,
                served.TagName,
                TagCommitSha = package.TagCommit,
                package.TagMoved,
                served.GoModH1,
                served.ZipH1,
                served.ZipError,
            }
            : null,
        _links = new { WebPath = WebPath(project, package) },
        Pipeline = (object?)null,
        Pipelines = Array.Empty<object>(),
        Tags = Array.Empty<object>(),
    };

    /// <summary>The package's page, relative to the host as GitLab's web_path is (relative URL root included).</summary>
    public string WebPath(Project project, GoPackage package) =>
        $"{(settings.RelativeRoot.Length == 0 ? "" : "/" + settings.RelativeRoot)}/{project.FullPath}/-/packages/{package.Id}";
}
