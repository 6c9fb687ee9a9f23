using Dapper;
using Npgsql;

namespace GitLabLite.Repositories;

/// <summary>
/// The readiness probe's query. Straight on the data source, not through <see cref="Database"/>: a probe must answer
/// within its own deadline, so Postgres's retry pipeline would only hide an outage.
/// </summary>
public sealed class HealthCheckRepository(NpgsqlDataSource dataSource)
{
    public async Task<bool> PingAsync(CancellationToken ct)
    {
        await using var conn = await dataSource.OpenConnectionAsync(ct);
        return await conn.ExecuteScalarAsync<int>(new CommandDefinition("SELECT 1", cancellationToken: ct)) == 1;
    }
}
