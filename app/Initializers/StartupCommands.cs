using GitLabLite.Services.Demo;
using GitLabLite.Services.Users;

namespace GitLabLite.Initializers;

/// <summary>
/// `dotnet GitLabLite.dll [command]`. Without a command the app prepares the database and serves. The commands do one
/// part of the start-up and exit, so that bin/run can show each step with its duration and name the step that
/// failed, and so that a deployment can migrate before it starts new nodes:
/// <c>migrate</c> applies pending migrations and seeds root (what every start does first);
/// <c>seed-demo</c> seeds the demo data (<see cref="SeedDemoService"/>) with the token in GITLAB_DEMO_TOKEN.
/// </summary>
public static class StartupCommands
{
    public static readonly IReadOnlyList<string> Names = ["migrate", "seed-demo"];

    /// <summary>A first argument that is not an option or a key=value setting names a command.</summary>
    public static string? CommandOrNull(string[] args) =>
        args is [var first, ..] && !first.StartsWith('-') && !first.StartsWith('/') && !first.Contains('=') ? first : null;

    public static async Task PrepareDatabaseAsync(this WebApplication app, CancellationToken ct)
    {
        Directory.CreateDirectory(app.Services.GetRequiredService<InstanceSettings>().RepositoriesPath);
        await app.Services.GetRequiredService<DatabaseMigrator>().MigrateAsync(ct);
        await app.Services.GetRequiredService<RootSeeder>().SeedAsync(ct);
    }

    /// <summary>Runs the command and returns the process exit code: 0 done, 1 failed (the reason is logged), 2 unknown command.</summary>
    public static async Task<int> RunCommandAsync(this WebApplication app, string command)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupCommands));
        if (!Names.Contains(command))
        {
            logger.LogError("Unknown command {Command}; the commands are {Commands}", command, string.Join(", ", Names));
            return 2;
        }
        var ct = app.Lifetime.ApplicationStopping;
        try
        {
            await app.PrepareDatabaseAsync(ct);
            if (command == "seed-demo") return await SeedDemoAsync(app, logger, ct);
            logger.LogInformation("Database is up to date");
            return 0;
        }
        catch (Exception e)
        {
            logger.LogCritical(e, "{Command} failed", command);
            return 1;
        }
    }

    private static async Task<int> SeedDemoAsync(WebApplication app, ILogger logger, CancellationToken ct)
    {
        var token = app.Configuration["GITLAB_DEMO_TOKEN"];
        if (string.IsNullOrEmpty(token))
        {
            logger.LogError("Set GITLAB_DEMO_TOKEN to the demo developer's token (bin/run --demo keeps one in tmp/demo_token)");
            return 1;
        }
        var result = await app.Services.GetRequiredService<SeedDemoService>().ExecuteAsync(token, ct);
        if (!result.Success)
        {
            logger.LogError("Demo not seeded: {Reason}", result.Message);
            return 1;
        }
        logger.LogInformation("Demo data is in place");
        return 0;
    }
}
