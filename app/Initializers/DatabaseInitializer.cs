using Dapper;
using GitLabLite.Repositories;

namespace GitLabLite.Initializers;

public static class DatabaseInitializer
{
    public static IServiceCollection AddDatabase(this IServiceCollection services, IConfiguration config)
    {
        var connectionString = config.GetConnectionString("Main");
        if (string.IsNullOrWhiteSpace(connectionString))
            throw new InvalidOperationException("ConnectionStrings:Main is not set (env ConnectionStrings__Main); bin/run sets it for the embedded Postgres.");
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        services.AddNpgsqlDataSource(connectionString);
        services.AddPostgresResilience();
        services.AddSingleton<Database>();
        services.AddSingleton<DatabaseMigrator>();
        return services;
    }
}
