using GitLabLite.Models.Packages.Go;

namespace GitLabLite.Presenters.Web;

/// <summary>Admin › Go pull-through: the settings in force, the instance rules, and the cached public module versions.</summary>
public sealed record PullThroughPage(
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
