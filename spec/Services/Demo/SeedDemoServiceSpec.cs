using System.Net;
using Dapper;
using GitLabLite.Git;
using GitLabLite.Initializers;
using GitLabLite.Models.Users;
using GitLabLite.Services.Demo;
using GitLabLite.Spec.Support;
using LibGit2Sharp;
using Npgsql;

namespace GitLabLite.Spec.Services.Demo;

/// <summary>The demo seed (bin/run --demo) through the app: what the Go proxy then serves, idempotence, and what it refuses to touch.</summary>
[TestClass]
public sealed class SeedDemoServiceSpec : RequestSpec
{
    private static readonly string Token = PersonalAccessToken.Generate();

    private static string Prefix => Get<InstanceSettings>().ModulePrefix;

    [TestMethod]
    public async Task Execute_OnAFreshInstance_SeedsPrivateModulesTheDevelopersTokenFetchesThroughTheGoProxy()
    {
        var result = await Get<SeedDemoService>().ExecuteAsync(Token, CancellationToken.None);

        Assert.IsTrue(result.Success, result.Message);
        using var client = Client(Token);
        foreach (var (id, module, versions) in new[]
        {
            ("demo%2Fwords", "demo/words", "v1.0.0\nv1.1.0\n"),
            ("demo%2Fwords", "demo/words/hello", "v1.0.0\n"),
            ("demo%2Fgreeter", "demo/greeter", "v1.0.0\nv1.1.0\n"),
        })
        {
            var list = await client.GetAsync($"/api/v4/projects/{id}/packages/go/{Prefix}/{module}/@v/list");
            Assert.AreEqual(HttpStatusCode.OK, list.StatusCode, module);
            Assert.AreEqual(versions, await list.Content.ReadAsStringAsync(), module);
        }
        var mod = await client.GetStringAsync($"/api/v4/projects/demo%2Fwords/packages/go/{Prefix}/demo/words/hello/@v/v1.0.0.mod");
        StringAssert.Contains(mod, $"module {Prefix}/demo/words/hello\n");
        StringAssert.Contains(mod, $"\t{Prefix}/demo/greeter v1.1.0\n");

        var anonymous = await Client().GetAsync("/api/v4/projects/demo%2Fwords");
        Assert.AreEqual(HttpStatusCode.Unauthorized, anonymous.StatusCode, "the demo projects are private");
        var project = await JsonAsync(await client.GetAsync("/api/v4/projects/demo%2Fgreeter"));
        StringAssert.StartsWith(project.GetProperty("description").GetString(), SeedDemoService.Label);
        var write = await client.PutAsync("/api/v4/projects/demo%2Fgreeter", new FormUrlEncodedContent(new Dictionary<string, string> { ["description"] = "x" }));
        Assert.AreEqual(HttpStatusCode.Forbidden, write.StatusCode, "the demo token is read_api");
    }

    [TestMethod]
    public async Task Execute_Again_CreatesNothingAndKeepsTheCommits()
    {
        Assert.IsTrue((await Get<SeedDemoService>().ExecuteAsync(Token, CancellationToken.None)).Success);
        var first = await SnapshotAsync();

        var again = await Get<SeedDemoService>().ExecuteAsync(Token, CancellationToken.None);

        Assert.IsTrue(again.Success, again.Message);
        Assert.AreEqual(first, await SnapshotAsync());
    }

    [TestMethod]
    public async Task Execute_WhenAGroupDemoExistsThatIsNotDemoData_RefusesAndCreatesNothing()
    {
        var owner = await CreateUserAsync("owner");
        await ProjectFactory.CreateGroupAsync(Services, owner, "demo");
        var before = await SnapshotAsync();

        var result = await Get<SeedDemoService>().ExecuteAsync(Token, CancellationToken.None);

        Assert.IsFalse(result.Success);
        StringAssert.Contains(result.Message, "the namespace demo exists and is not demo data");
        Assert.AreEqual(before, await SnapshotAsync());
    }

    [TestMethod]
    public async Task Execute_WithAnotherUsersToken_Refuses()
    {
        var (_, token) = await CreateUserWithTokenAsync("someone", scopes: [TokenScopes.ReadApi]);

        var result = await Get<SeedDemoService>().ExecuteAsync(token, CancellationToken.None);

        Assert.IsFalse(result.Success);
        StringAssert.Contains(result.Message, "belongs to another user");
    }

    [TestMethod]
    public async Task Execute_WithARevokedDemoToken_SaysHowToGetANewOne()
    {
        Assert.IsTrue((await Get<SeedDemoService>().ExecuteAsync(Token, CancellationToken.None)).Success);
        await using (var connection = await Get<NpgsqlDataSource>().OpenConnectionAsync())
            await connection.ExecuteAsync("UPDATE personal_access_tokens SET revoked = true");

        var result = await Get<SeedDemoService>().ExecuteAsync(Token, CancellationToken.None);

        Assert.IsFalse(result.Success);
        StringAssert.Contains(result.Message, "delete tmp/demo_token");
    }

    [TestMethod]
    public async Task Execute_WithAShortToken_RefusesBeforeCreatingAnything()
    {
        var before = await SnapshotAsync();

        var result = await Get<SeedDemoService>().ExecuteAsync("glpat-short", CancellationToken.None);

        Assert.IsFalse(result.Success);
        Assert.AreEqual(before, await SnapshotAsync());
    }

    /// <summary>Every row the seed may create and the refs of the demo repositories.</summary>
    private static async Task<string> SnapshotAsync()
    {
        await using var connection = await Get<NpgsqlDataSource>().OpenConnectionAsync();
        var rows = await connection.QueryAsync<string>(
            """
            SELECT 'user ' || username FROM users
            UNION ALL SELECT 'namespace ' || path || ' ' || description FROM namespaces
            UNION ALL SELECT 'project ' || path || ' ' || namespace_id FROM projects
            UNION ALL SELECT 'member ' || source_type || source_id || ' ' || user_id || ' ' || access_level FROM members
            UNION ALL SELECT 'token ' || user_id || ' ' || token_digest || ' ' || revoked FROM personal_access_tokens
            UNION ALL SELECT 'gate ' || feature_key || ' ' || key || ' ' || value FROM feature_gates
            ORDER BY 1
            """);
        var storage = Get<RepositoryStorage>();
        var refs = new[] { "demo/words", "demo/greeter" }.Where(storage.Exists).SelectMany(project =>
        {
            using var repository = new Repository(storage.PathFor(project));
            return repository.Refs.Select(r => $"ref {project} {r.CanonicalName} {r.TargetIdentifier}").ToList();
        });
        return string.Join('\n', rows.Concat(refs.Order(StringComparer.Ordinal)));
    }
}
