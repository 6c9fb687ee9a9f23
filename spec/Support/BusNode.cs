using GitLabLite.Repositories;
using GitLabLite.Repositories.Caching;
using GitLabLite.Services.Caching;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Polly.Registry;

namespace GitLabLite.Spec.Support;

/// <summary>
/// Another app process as far as the change bus can tell: its own connection pool (named by
/// <see cref="ApplicationName"/>, so a spec can kill its connections), its own <see cref="ChangeBus"/> and lease.
/// </summary>
public sealed class BusNode : IAsyncDisposable
{
    private BusNode(NpgsqlDataSource dataSource, Database db, ChangeBus bus, string applicationName)
    {
        DataSource = dataSource;
        Database = db;
        Bus = bus;
        ApplicationName = applicationName;
    }

    public NpgsqlDataSource DataSource { get; }

    public Database Database { get; }

    public ChangeBus Bus { get; }

    public string ApplicationName { get; }

    /// <summary>Starts the node and waits until its bus is current (listening, lease held).</summary>
    public static async Task<BusNode> StartAsync(IServiceProvider app)
    {
        var applicationName = $"bus-node-{Guid.NewGuid():N}";
        var connectionString = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Main")) { ApplicationName = applicationName };
        var dataSource = NpgsqlDataSource.Create(connectionString.ConnectionString);
        var db = new Database(dataSource, app.GetRequiredService<ResiliencePipelineProvider<string>>());
        var bus = new ChangeBus(new ChangeBusRepository(db, dataSource), db, NullLogger<ChangeBus>.Instance);
        var node = new BusNode(dataSource, db, bus, applicationName);
        await bus.StartAsync(CancellationToken.None);
        await node.WaitCurrentAsync();
        return node;
    }

    public async Task WaitCurrentAsync()
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(30);
        while (!Bus.Current)
        {
            if (DateTime.UtcNow > deadline) throw new TimeoutException("the bus node never became current");
            await Task.Delay(10);
        }
    }

    /// <summary>Terminates the node's connections (its LISTEN connection among them) from the server side, as a network failure would.</summary>
    public async Task KillListenerAsync()
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Main")) { Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await using var kill = new NpgsqlCommand(
            "SELECT count(pg_terminate_backend(pid)) FROM pg_stat_activity WHERE application_name = @name", conn);
        kill.Parameters.AddWithValue("name", ApplicationName);
        if ((long)(await kill.ExecuteScalarAsync())! == 0) throw new InvalidOperationException("no LISTEN connection to kill");
    }

    public async ValueTask DisposeAsync()
    {
        await Bus.StopAsync(CancellationToken.None);
        Bus.Dispose();
        await DataSource.DisposeAsync();
    }
}
