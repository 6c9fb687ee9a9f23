namespace GitLabLite.Repositories.Packages;

/// <summary>
/// build_leases: one row per store key being built (or fetched from an upstream) by some node, so that nodes sharing
/// an object store do not all build the same zip. A lease is held until it expires; its holder renews it while it works.
/// </summary>
public sealed class BuildLeaseRepository(Database db)
{
    /// <summary>Takes the lease when nobody holds it or the holder's has run out (a dead node); false when someone else holds it.</summary>
    public async Task<bool> TryAcquireAsync(string key, string holder, TimeSpan ttl, CancellationToken ct) =>
        await db.QueryFirstOrDefaultAsync<string>(
            """
            INSERT INTO build_leases (key, holder, expires_at) VALUES (@key, @holder, now() + @ttl)
            ON CONFLICT (key) DO UPDATE SET holder = excluded.holder, expires_at = excluded.expires_at
            WHERE build_leases.expires_at < now() OR build_leases.holder = excluded.holder
            RETURNING holder
            """, new { key, holder, ttl }, ct) is not null;

    /// <summary>Extends a lease this holder still has; false when it has lost it.</summary>
    public async Task<bool> RenewAsync(string key, string holder, TimeSpan ttl, CancellationToken ct) =>
        await db.ExecuteAsync("UPDATE build_leases SET expires_at = now() + @ttl WHERE key = @key AND holder = @holder", new { key, holder, ttl }, ct) == 1;

    public Task ReleaseAsync(string key, string holder, CancellationToken ct) =>
        db.ExecuteAsync("DELETE FROM build_leases WHERE key = @key AND holder = @holder", new { key, holder }, ct);
}
