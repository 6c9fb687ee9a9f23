using GitLabLite.Models.Packages.Go;
using GitLabLite.Repositories.Packages.Go;

namespace GitLabLite.Finders.Packages.Go;

/// <summary>The cached public module versions, one page with the total, for the admin API and page.</summary>
public sealed class PulledModulesFinder(PulledModuleRepository pulled)
{
    public async Task<(IReadOnlyList<PulledModule> Items, long Total)> ListAsync(int offset, int limit, CancellationToken ct) =>
        (await pulled.ListAsync(limit, offset, ct), await pulled.CountAsync(ct));
}
