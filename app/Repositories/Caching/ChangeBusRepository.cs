using Dapper;
using GitLabLite.Models.Caching;
using Npgsql;

namespace GitLabLite.Repositories.Caching;

/// <summary>
/// The SQL of the change bus (db/migrate/*_create_change_bus.sql): one channel for changes, barriers and their
/// acknowledgements, and the bus_nodes table of process leases. The listening connection is held by the caller;
/// everything else runs on pooled connections.
/// </summary>
public sealed class ChangeBusRepository(Database db, NpgsqlDataSource dataSource)
{
    public const string Channel = "gitlablite_bus";

    /// <summary>Statements on the listening connection give up after this long; the caller then reconnects.</summary>
    private const int ListenerCommandTimeoutSeconds = 2;

    /// <summary>A connection LISTENing on <see cref="Channel"/> with <paramref name="onNotification"/> attached.</summary>
    public async Task<NpgsqlConnection> ListenAsync(NotificationEventHandler onNotification, CancellationToken ct)
    {
        var conn = await dataSource.OpenConnectionAsync(ct);
        try
        {
            conn.Notification += onNotification;
            // Acknowledgements and renewals are worth nothing after a crash: never wait for a WAL flush for them.
            await conn.ExecuteAsync(new CommandDefinition($"LISTEN {Channel}; SET synchronous_commit = off",
                commandTimeout: ListenerCommandTimeoutSeconds, cancellationToken: ct));
            return conn;
        }
        catch
        {
            await conn.DisposeAsync();
            throw;
        }
    }

    /// <summary>
    /// Creates or extends the node's lease, on the listening connection (a lease means "I am listening"), and drops
    /// the lease of the process's previous connection, whose acknowledgements will never come.
    /// </summary>
    public Task RenewLeaseAsync(NpgsqlConnection listener, Guid node, Guid? previous, TimeSpan lease, CancellationToken ct) =>
        listener.ExecuteAsync(new CommandDefinition(
            """
            WITH gone AS (DELETE FROM bus_nodes WHERE id = @previous)
            INSERT INTO bus_nodes (id, host, pid, lease_until) VALUES (@node, @host, @pid, now() + @lease)
            ON CONFLICT (id) DO UPDATE SET lease_until = EXCLUDED.lease_until
            """,
            new { node, previous, host = Environment.MachineName, pid = Environment.ProcessId, lease },
            commandTimeout: ListenerCommandTimeoutSeconds, cancellationToken: ct));

    /// <summary>Sends raw payloads on the channel from the listening connection (acknowledgements).</summary>
    public Task NotifyAsync(NpgsqlConnection listener, string[] payloads, CancellationToken ct) =>
        listener.ExecuteAsync(new CommandDefinition(
            $"SELECT pg_notify('{Channel}', p) FROM unnest(@payloads) p", new { payloads },
            commandTimeout: ListenerCommandTimeoutSeconds, cancellationToken: ct));

    /// <summary>
    /// Sends the barrier "sync:<paramref name="marker"/>" and returns the nodes whose lease holds, read after every
    /// change committed before this call: those are the ones that must acknowledge it.
    /// </summary>
    public async Task<IReadOnlyList<BusNodeLease>> SyncAsync(string marker, CancellationToken ct) =>
        // The notification is the one-row side of the join, so it is sent even when no node holds a lease; a barrier
        // carries no data, so its commit does not wait for a WAL flush either.
        (await db.QueryAsync<BusNodeLease>(
            $"""
            SELECT n.id, coalesce(extract(epoch FROM n.lease_until - now()) * 1000, 0)::float8 AS remaining_ms
            FROM (SELECT set_config('synchronous_commit', 'off', true), pg_notify('{Channel}', 'sync:' || @marker)) s
            LEFT JOIN bus_nodes n ON n.lease_until > now()
            """, new { marker }, ct)).Where(n => n.Id is not null).ToList();

    /// <summary>Those of <paramref name="nodes"/> whose lease still holds, with the time it has left.</summary>
    public Task<IReadOnlyList<BusNodeLease>> LeasesAsync(Guid[] nodes, CancellationToken ct) =>
        db.QueryAsync<BusNodeLease>(
            "SELECT id, (extract(epoch FROM lease_until - now()) * 1000)::float8 AS remaining_ms FROM bus_nodes WHERE id = ANY(@nodes) AND lease_until > now()",
            new { nodes }, ct);

    /// <summary>Publishes a change that no trigger sees (refs on disk); the notice makes the caller wait for it.</summary>
    public Task PublishAsync(string topic, string key, CancellationToken ct) =>
        db.ExecuteAsync("SELECT set_config('synchronous_commit', 'off', true), bus_publish(@topic, @key)", new { topic, key }, ct);

    /// <summary>Gives up the node's lease on a clean stop, so that writers stop waiting for it at once.</summary>
    public Task LeaveAsync(Guid node, CancellationToken ct) =>
        db.ExecuteAsync("DELETE FROM bus_nodes WHERE id = @node", new { node }, ct);
}
