using GitLabLite.Repositories.Packages;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// Leases in Postgres that keep nodes from building the same store entry at once: one node builds while the others
/// wait for its result to appear in the shared store. A lease lasts <see cref="Ttl"/> and its holder renews it every
/// third of that while it works, so a node that dies holding one delays the others by at most <see cref="Ttl"/>.
/// </summary>
public sealed class BuildLeases(BuildLeaseRepository repository, ILogger<BuildLeases> logger)
{
    public static readonly TimeSpan Ttl = TimeSpan.FromSeconds(15);

    private static readonly TimeSpan PollInterval = TimeSpan.FromMilliseconds(200);

    /// <summary>This process, unique across nodes and restarts.</summary>
    private readonly string _holder = $"{ZipCacheJanitor.OwnerTag}/{Guid.NewGuid():N}";

    /// <summary>
    /// Waits until this node holds the lease on <paramref name="key"/> (then the caller builds, and disposes the lease
    /// when done), or until <paramref name="built"/> finds what another holder made meanwhile.
    /// </summary>
    public async Task<(BuildLease? Lease, T? Built)> AcquireAsync<T>(string key, Func<CancellationToken, Task<T?>> built, CancellationToken ct) where T : class
    {
        while (true)
        {
            if (await repository.TryAcquireAsync(key, _holder, Ttl, ct)) return (new BuildLease(done => RenewUntilAsync(key, done), () => ReleaseAsync(key)), null);
            await Task.Delay(PollInterval, ct);
            if (await built(ct) is { } result) return (null, result);
        }
    }

    private async Task ReleaseAsync(string key)
    {
        try
        {
            await repository.ReleaseAsync(key, _holder, CancellationToken.None);
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Could not release the build lease on {Key}; it runs out by itself", key);
        }
    }

    private async Task RenewUntilAsync(string key, CancellationToken done)
    {
        while (!done.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(Ttl / 3, done);
                if (!await repository.RenewAsync(key, _holder, Ttl, done))
                    logger.LogWarning("Lost the build lease on {Key}; another node may build it too", key);
            }
            catch (OperationCanceledException) when (done.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // Postgres away: the lease may run out and another node build the same entry, which is wasteful but
                // safe (entries are content-addressed and commits atomic).
                logger.LogWarning(e, "Could not renew the build lease on {Key}", key);
            }
        }
    }
}
