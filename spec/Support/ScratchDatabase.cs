using Npgsql;

namespace GitLabLite.Spec.Support;

/// <summary>
/// A database of its own on the spec run's Postgres, for specs that run app processes (which migrate it themselves)
/// and must not see the tables other specs clean between examples. Dropped on dispose.
/// </summary>
public sealed class ScratchDatabase : IAsyncDisposable
{
    private readonly NpgsqlConnectionStringBuilder _main;

    private ScratchDatabase(NpgsqlConnectionStringBuilder main, string name)
    {
        _main = main;
        Name = name;
    }

    public string Name { get; }

    public string ConnectionString => new NpgsqlConnectionStringBuilder(_main.ConnectionString) { Database = Name }.ConnectionString;

    public static async Task<ScratchDatabase> CreateAsync(string prefix)
    {
        var main = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Main")
            ?? throw new InvalidOperationException("ConnectionStrings__Main is not set: run the specs through bin/test"));
        var database = new ScratchDatabase(main, $"gitlablite_{prefix}_{Environment.ProcessId}");
        await database.AdminAsync($"DROP DATABASE IF EXISTS {database.Name} WITH (FORCE)");
        await database.AdminAsync($"CREATE DATABASE {database.Name}");
        return database;
    }

    public async ValueTask DisposeAsync()
    {
        NpgsqlConnection.ClearAllPools();
        await AdminAsync($"DROP DATABASE IF EXISTS {Name} WITH (FORCE)");
    }

    private async Task AdminAsync(string sql)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(_main.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(sql, conn);
        await command.ExecuteNonQueryAsync();
    }
}
