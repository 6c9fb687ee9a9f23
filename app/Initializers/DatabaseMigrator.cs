using Dapper;
using Npgsql;

namespace GitLabLite.Initializers;

/// <summary>
/// Applies db/migrate/*.sql in timestamp order at start, each in its own transaction, recorded in
/// schema_migrations. A session-level advisory lock serialises app processes that start together.
/// </summary>
public sealed class DatabaseMigrator(NpgsqlDataSource dataSource, ILogger<DatabaseMigrator> logger)
{
    // Arbitrary constant shared by every GitLabLite process: "GLLM" in ASCII.
    private const long LockKey = 0x474C4C4D;

    public static string MigrationsPath => Path.Combine(AppContext.BaseDirectory, "db", "migrate");

    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var conn = await OpenWhenReadyAsync(ct);
        await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_lock(@LockKey)", new { LockKey }, cancellationToken: ct));
        try
        {
            await conn.ExecuteAsync(new CommandDefinition(
                "CREATE TABLE IF NOT EXISTS schema_migrations (version text PRIMARY KEY, applied_at timestamptz NOT NULL DEFAULT now())",
                cancellationToken: ct));
            var applied = (await conn.QueryAsync<string>(new CommandDefinition("SELECT version FROM schema_migrations", cancellationToken: ct))).ToHashSet();
            foreach (var file in Directory.GetFiles(MigrationsPath, "*.sql").Order(StringComparer.Ordinal))
            {
                var version = Path.GetFileNameWithoutExtension(file).Split('_', 2)[0];
                if (applied.Contains(version)) continue;
                await using var tx = await conn.BeginTransactionAsync(ct);
                await conn.ExecuteAsync(new CommandDefinition(await File.ReadAllTextAsync(file, ct), transaction: tx, cancellationToken: ct));
                await conn.ExecuteAsync(new CommandDefinition("INSERT INTO schema_migrations (version) VALUES (@version)", new { version }, tx, cancellationToken: ct));
                await tx.CommitAsync(ct);
                logger.LogInformation("Applied migration {Migration}", Path.GetFileName(file));
            }
        }
        finally
        {
            await conn.ExecuteAsync(new CommandDefinition("SELECT pg_advisory_unlock(@LockKey)", new { LockKey }, cancellationToken: CancellationToken.None));
        }
    }

    /// <summary>Waits for Postgres instead of crashing when the app starts first (docker-compose, systemd).</summary>
    private async Task<NpgsqlConnection> OpenWhenReadyAsync(CancellationToken ct)
    {
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            try
            {
                return await dataSource.OpenConnectionAsync(ct);
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException && DateTime.UtcNow < deadline)
            {
                logger.LogWarning("Waiting for Postgres: {Reason}", e.Message);
                await Task.Delay(TimeSpan.FromSeconds(1), ct);
            }
        }
    }
}
