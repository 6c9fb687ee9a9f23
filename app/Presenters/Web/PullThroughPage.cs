using GitLabLite.Models.Packages.Go;

namespace GitLabLite.Presenters.Web;

/// <summary>
/// Admin › Go pull-through: the settings in force, the line users set up go with (private and public modules through
/// the instance endpoint alone), the instance rules, and the cached public module versions.
/// </summary>
public sealed record PullThroughPage(
    string SetupLine,
    IReadOnlyList<string> Upstreams,
    string SumDbName,
    string SumDbUrl,
    long? VerifiedTreeSize,
    IReadOnlyList<string> NoSumDb,
    bool Offline,
    bool AnonymousPullThrough,
    int ListTtlSeconds,
    IReadOnlyList<GoProxyRule> Rules,
    IReadOnlyList<PulledModule> Modules,
    long Total,
    int Page,
    int PerPage)
{
    public bool HasNext => (long)Page * PerPage < Total;
}
