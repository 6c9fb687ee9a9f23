using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Projects;
using Npgsql;

namespace GitLabLite.Spec.Support;

/// <summary>Request specs of the Projects context: API shortcuts for groups, projects and members.</summary>
public abstract class ProjectsRequestSpec : RequestSpec
{
    protected static Task<HttpResponseMessage> PostJsonAsync(HttpClient client, string url, object body) => client.PostAsJsonAsync(url, body);

    protected static async Task<JsonElement> CreateGroupAsync(string token, string path, string visibility = "private", long? parentId = null)
    {
        var response = await PostJsonAsync(Client(token), "/api/v4/groups", new { name = path, path, visibility, parent_id = parentId });
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    protected static async Task<JsonElement> CreateProjectAsync(string token, string path, string visibility = "private", object? namespaceId = null, bool readme = false)
    {
        var response = await PostJsonAsync(Client(token), "/api/v4/projects",
            new { path, visibility, namespace_id = namespaceId, initialize_with_readme = readme });
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    protected static Task AddMemberAsync(MemberSource source, User user, AccessLevel level) =>
        Get<MemberRepository>().CreateAsync(source.Type, source.Id, user.Id, level, null, CancellationToken.None);

    protected static string RepoPath(string fullPath) => Path.Combine(Factory.RepositoriesPath, fullPath + ".git");

    protected static async Task<long> CountAsync(string sql)
    {
        await using var conn = await Get<NpgsqlDataSource>().OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>(sql);
    }

    /// <summary>Nothing of a failed create may remain: no project, route or member rows, no directory but the storage root's own.</summary>
    protected static async Task AssertNothingLeftAsync(long projectsBefore)
    {
        Assert.AreEqual(projectsBefore, await CountAsync("SELECT count(*) FROM projects"));
        Assert.AreEqual(projectsBefore, await CountAsync("SELECT count(*) FROM routes WHERE source_type = 'Project'"));
        var repos = Directory.EnumerateDirectories(Factory.RepositoriesPath, "*.git", SearchOption.AllDirectories).Count();
        Assert.AreEqual(projectsBefore, repos, "repositories on disk");
        var scratch = Path.Combine(Factory.RepositoriesPath, "@imports");
        Assert.IsTrue(!Directory.Exists(scratch) || !Directory.EnumerateFileSystemEntries(scratch).Any(), "import scratch left behind");
    }

    /// <summary>Runs the git CLI; fixtures are real repositories.</summary>
    protected static void Git(string workDir, params string[] args)
    {
        var start = new System.Diagnostics.ProcessStartInfo("git") { WorkingDirectory = workDir, RedirectStandardError = true, RedirectStandardOutput = true };
        foreach (var a in new[] { "-c", "user.name=Spec", "-c", "user.email=spec@example.com", "-c", "init.defaultBranch=main" }.Concat(args))
            start.ArgumentList.Add(a);
        using var process = System.Diagnostics.Process.Start(start)!;
        var err = process.StandardError.ReadToEnd();
        process.StandardOutput.ReadToEnd();
        process.WaitForExit();
        Assert.AreEqual(0, process.ExitCode, $"git {string.Join(' ', args)}: {err}");
    }
}
