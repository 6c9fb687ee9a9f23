using GitLabLite.Models.Packages.Go;

namespace GitLabLite.Presenters.Packages.Go;

/// <summary>The API shape of a cached public module version.</summary>
public static class PulledModulePresenter
{
    public static object Present(PulledModule m) => new
    {
        id = m.Id,
        module = m.ModulePath,
        version = m.Version,
        upstream = m.Upstream,
        zip_size = m.ZipSize,
        zip_h1 = m.ZipH1,
        mod_h1 = m.ModH1,
        verified_tree_size = m.VerifiedTreeSize,
        downloads = m.Downloads,
        first_fetched_at = m.FirstFetchedAt,
    };
}
