using System.Diagnostics;
using System.Net;
using System.Text.Json;
using GitLabLite.Initializers;
using GitLabLite.Spec.Support;
using Npgsql;

namespace GitLabLite.Spec.Reliability;

/// <summary>
/// Two app processes on one fresh database and one repositories path, started together: migrations run once, and
/// changes made through one (feature flag, token revocation) hold in the other within a second.
/// </summary>
[TestClass]
public sealed class TwoProcessesSpec
{
    private const string RootToken = "glpat-two-processes-root-token-0001";

    [TestMethod]
    public async Task TwoApps_OneDatabase_MigrateOnceAndAgreeWithinASecond()
    {
        var main = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("ConnectionStrings__Main"));
        var database = $"gitlablite_two_{Environment.ProcessId}";
        await AdminAsync(main, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        await AdminAsync(main, $"CREATE DATABASE {database}");
        var storage = Path.Combine(Path.GetTempPath(), $"gitlablite-two-{Guid.NewGuid():N}");
        var env = new Dictionary<string, string>
        {
            ["ConnectionStrings__Main"] = new NpgsqlConnectionStringBuilder(main.ConnectionString) { Database = database }.ConnectionString,
            ["GitLab__RepositoriesPath"] = storage,
            ["GITLAB_ROOT_TOKEN"] = RootToken,
        };
        try
        {
            using var a = AppProcess.Start(env);
            using var b = AppProcess.Start(env);
            await Task.WhenAll(a.WaitReadyAsync(), b.WaitReadyAsync());
            var migrations = Directory.GetFiles(DatabaseMigrator.MigrationsPath, "*.sql").Length;
            var applied = (a.Output + b.Output).Split('\n').Count(l => l.Contains("Applied migration"));
            Assert.AreEqual(migrations, applied, "each migration applied exactly once across both processes");

            using var viaA = a.Client(RootToken);
            using var viaB = b.Client(RootToken);
            var created = await viaA.PostAsync("/api/v4/projects?name=lib&path=lib", null);
            Assert.AreEqual(HttpStatusCode.Created, created.StatusCode, await created.Content.ReadAsStringAsync());
            Assert.DoesNotContain(" mod ", await viaB.GetStringAsync("/root/lib?go-get=1"));
            Assert.AreEqual(HttpStatusCode.Created, (await viaA.PostAsync("/api/v4/features/go_proxy?value=true", null)).StatusCode);
            var clock = Stopwatch.StartNew();
            while (!(await viaB.GetStringAsync("/root/lib?go-get=1")).Contains(" mod ") && clock.Elapsed < TimeSpan.FromSeconds(3)) await Task.Delay(50);
            Assert.IsLessThan(TimeSpan.FromSeconds(1.2), clock.Elapsed, "flag change seen by the other process");

            var issued = await viaA.PostAsync("/api/v4/user/personal_access_tokens?name=t&scopes[]=api", null);
            var token = (await JsonDocument.ParseAsync(await issued.Content.ReadAsStreamAsync())).RootElement.GetProperty("token").GetString()!;
            using var withToken = b.Client(token);
            Assert.AreEqual(HttpStatusCode.OK, (await withToken.GetAsync("/api/v4/user")).StatusCode);
            using var revokeVia = a.Client(token);
            Assert.AreEqual(HttpStatusCode.NoContent, (await revokeVia.DeleteAsync("/api/v4/personal_access_tokens/self")).StatusCode);
            Assert.AreEqual(HttpStatusCode.Unauthorized, (await withToken.GetAsync("/api/v4/user")).StatusCode, "revoked token still accepted");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await AdminAsync(main, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
            if (Directory.Exists(storage)) Directory.Delete(storage, recursive: true);
        }
    }

    private static async Task AdminAsync(NpgsqlConnectionStringBuilder main, string sql)
    {
        await using var conn = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(main.ConnectionString) { Database = "postgres", Pooling = false }.ConnectionString);
        await conn.OpenAsync();
        await using var command = new NpgsqlCommand(sql, conn);
        await command.ExecuteNonQueryAsync();
    }
}
