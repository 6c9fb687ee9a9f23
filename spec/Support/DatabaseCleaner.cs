using Dapper;
using GitLabLite.Services.Caching;
using GitLabLite.Services.Users;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GitLabLite.Spec.Support;

/// <summary>
/// Empties every table but schema_migrations and the change bus's leases, re-seeds root and empties repository storage (repositories and the
/// zip cache), so each spec starts from a fresh install.
/// </summary>
public static class DatabaseCleaner
{
    public static async Task CleanAsync(IServiceProvider services)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        await using var conn = await dataSource.OpenConnectionAsync();
        var tables = (await conn.QueryAsync<string>(
            "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public' AND tablename NOT IN ('schema_migrations', 'bus_nodes')")).ToList();
        if (tables.Count > 0)
            await conn.ExecuteAsync($"TRUNCATE {string.Join(", ", tables)} RESTART IDENTITY CASCADE");
        // The truncation resets every app instance's caches (ids restart); wait until all of them have.
        await services.GetRequiredService<ChangeBus>().SyncAsync(CancellationToken.None);
        await services.GetRequiredService<RootSeeder>().SeedAsync(CancellationToken.None);
        await services.GetRequiredService<GitLabLite.Services.Features.FeatureFlags>().ReloadAsync(CancellationToken.None);
        var storage = services.GetRequiredService<GitLabLite.Initializers.InstanceSettings>().RepositoriesPath;
        foreach (var dir in Directory.EnumerateDirectories(storage)) Directory.Delete(dir, recursive: true);
    }
}
