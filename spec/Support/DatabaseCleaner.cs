using Dapper;
using GitLabLite.Services.Users;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace GitLabLite.Spec.Support;

/// <summary>Empties every table but schema_migrations and re-seeds root, so each spec starts from a fresh install.</summary>
public static class DatabaseCleaner
{
    public static async Task CleanAsync(IServiceProvider services)
    {
        var dataSource = services.GetRequiredService<NpgsqlDataSource>();
        await using var conn = await dataSource.OpenConnectionAsync();
        var tables = (await conn.QueryAsync<string>(
            "SELECT quote_ident(tablename) FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'schema_migrations'")).ToList();
        if (tables.Count > 0)
            await conn.ExecuteAsync($"TRUNCATE {string.Join(", ", tables)} RESTART IDENTITY CASCADE");
        await services.GetRequiredService<RootSeeder>().SeedAsync(CancellationToken.None);
        await services.GetRequiredService<GitLabLite.Services.Features.FeatureFlags>().ReloadAsync(CancellationToken.None);
    }
}
