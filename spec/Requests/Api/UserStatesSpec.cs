using System.Net;
using Dapper;
using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Services.Users;
using GitLabLite.Spec.Support;
using Npgsql;

namespace GitLabLite.Spec.Requests.Api;

/// <summary>
/// The admin's users calls with GitLab's shapes (lib/api/users.rb): block, unblock, deactivate, activate (201 with a
/// bare true, false or null; 403 with GitLab's reasons) and DELETE (204; 409 for the sole owner of a group unless
/// hard_delete), and what each does to the user's tokens (API and Go proxy 403 with the reason, git 401), web
/// sessions (ended) and sign-in (blocked: refused with the reason; deactivated: reactivates).
/// </summary>
[TestClass]
public sealed class UserStatesSpec : RequestSpec
{
    private const string Password = "password-123456";

    [TestMethod]
    public async Task Block_ThenUnblock_AnswersAsGitLabAndGatesTokensSessionsAndSignIn()
    {
        var (_, admin) = await CreateUserWithTokenAsync("boss", admin: true);
        var (alice, token) = await CreateUserWithTokenAsync("alice");
        var project = await ModuleProjectAsync(alice, admin);
        var browser = await WebSession.SignInAsync(Factory, "alice", Password);

        await AssertStateCallAsync(admin, alice.Id, "block", "true");
        Assert.AreEqual("blocked", await StateAsync(alice.Id));
        await AssertStateCallAsync(admin, alice.Id, "block", "null");

        var api = await Client(token).GetAsync("/api/v4/user");
        Assert.AreEqual(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.AreEqual("403 Forbidden - Your account has been blocked.", (await JsonAsync(api)).GetProperty("message").GetString());
        var proxy = await BasicClient(token).GetAsync($"/api/v4/projects/{project.Id}/packages/go/gitlab.example.com/alice/lib/@v/list");
        Assert.AreEqual(HttpStatusCode.Forbidden, proxy.StatusCode);
        StringAssert.Contains(await proxy.Content.ReadAsStringAsync(), "Your account has been blocked.");
        var git = await BasicClient(token).GetAsync("/alice/lib.git/info/refs?service=git-upload-pack");
        Assert.AreEqual(HttpStatusCode.Unauthorized, git.StatusCode);
        StringAssert.Contains(await git.Content.ReadAsStringAsync(), "Your account has been blocked.");
        Assert.AreEqual(0, await CountAsync($"SELECT count(*) FROM user_sessions WHERE user_id = {alice.Id}"), "the block ended the session");
        Assert.IsFalse(await SignedInAsync(browser));

        var refused = await new WebSession(Factory).PostFormAsync("/users/sign_in", "/users/sign_in", new() { ["login"] = "alice", ["password"] = Password });
        Assert.AreEqual(HttpStatusCode.Unauthorized, refused.StatusCode);
        StringAssert.Contains(await refused.Content.ReadAsStringAsync(), "Your account has been blocked.");
        var guess = await new WebSession(Factory).PostFormAsync("/users/sign_in", "/users/sign_in", new() { ["login"] = "alice", ["password"] = "wrong-guess-123" });
        StringAssert.Contains(await guess.Content.ReadAsStringAsync(), SignInService.InvalidMessage, "a wrong password learns nothing about the block");

        var deactivate = await Client(admin).PostAsync($"/api/v4/users/{alice.Id}/deactivate", null);
        Assert.AreEqual(HttpStatusCode.Forbidden, deactivate.StatusCode);
        Assert.AreEqual("403 Forbidden - A blocked user cannot be deactivated by the API", (await JsonAsync(deactivate)).GetProperty("message").GetString());
        var activate = await Client(admin).PostAsync($"/api/v4/users/{alice.Id}/activate", null);
        Assert.AreEqual(HttpStatusCode.Forbidden, activate.StatusCode);
        Assert.AreEqual("403 Forbidden - A blocked user must be unblocked to be activated", (await JsonAsync(activate)).GetProperty("message").GetString());

        await AssertStateCallAsync(admin, alice.Id, "unblock", "true");
        await AssertStateCallAsync(admin, alice.Id, "unblock", "false");
        Assert.AreEqual(HttpStatusCode.OK, (await Client(token).GetAsync("/api/v4/user")).StatusCode, "the token works again");
        Assert.AreEqual(HttpStatusCode.OK, (await BasicClient(token).GetAsync("/alice/lib.git/info/refs?service=git-upload-pack")).StatusCode);
        Assert.IsFalse(await SignedInAsync(browser), "an unblock does not bring the ended session back");
        Assert.IsTrue(await SignedInAsync(await WebSession.SignInAsync(Factory, "alice", Password)));
    }

    [TestMethod]
    public async Task Block_ByWhomAndOfWhom_IsCheckedFirst()
    {
        var (boss, admin) = await CreateUserWithTokenAsync("boss", admin: true);
        var (alice, token) = await CreateUserWithTokenAsync("alice");
        var self = await Client(admin).PostAsync($"/api/v4/users/{boss.Id}/block", null);
        Assert.AreEqual(HttpStatusCode.Forbidden, self.StatusCode);
        Assert.AreEqual("403 Forbidden - The API initiating user cannot be blocked by the API", (await JsonAsync(self)).GetProperty("message").GetString());
        foreach (var action in new[] { "block", "unblock", "deactivate", "activate" })
        {
            var missing = await Client(admin).PostAsync($"/api/v4/users/999999/{action}", null);
            Assert.AreEqual(HttpStatusCode.NotFound, missing.StatusCode, action);
            Assert.AreEqual("404 User Not Found", (await JsonAsync(missing)).GetProperty("message").GetString());
            var notAdmin = await Client(token).PostAsync($"/api/v4/users/{boss.Id}/{action}", null);
            Assert.AreEqual(HttpStatusCode.Forbidden, notAdmin.StatusCode, action);
            Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client().PostAsync($"/api/v4/users/{alice.Id}/{action}", null)).StatusCode, action);
        }
        var readApi = await CreateTokenAsync(boss, [TokenScopes.ReadApi]);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client(readApi).PostAsync($"/api/v4/users/{alice.Id}/block", null)).StatusCode, "read_api cannot write");
        Assert.AreEqual("active", await StateAsync(alice.Id));
        Assert.AreEqual("active", await StateAsync(boss.Id));
    }

    [TestMethod]
    public async Task Deactivate_OnlyDormantUsers_ThenSignInReactivates()
    {
        var (_, admin) = await CreateUserWithTokenAsync("boss", admin: true);
        var (alice, token) = await CreateUserWithTokenAsync("alice");
        Assert.AreEqual(HttpStatusCode.OK, (await Client(token).GetAsync("/api/v4/user")).StatusCode);
        var user = await JsonAsync(await Client(admin).GetAsync($"/api/v4/users/{alice.Id}"));
        Assert.AreEqual(DateTime.UtcNow.ToString("yyyy-MM-dd"), user.GetProperty("last_activity_on").GetString(), "a token use counts as activity");

        var recent = await Client(admin).PostAsync($"/api/v4/users/{alice.Id}/deactivate", null);
        Assert.AreEqual(HttpStatusCode.Forbidden, recent.StatusCode);
        Assert.AreEqual("403 Forbidden - The user you are trying to deactivate has been active in the past 90 days and cannot be deactivated",
            (await JsonAsync(recent)).GetProperty("message").GetString());
        await ExecuteAsync($"UPDATE users SET last_activity_on = current_date - 89 WHERE id = {alice.Id}");
        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client(admin).PostAsync($"/api/v4/users/{alice.Id}/deactivate", null)).StatusCode, "89 days ago");
        await ExecuteAsync($"UPDATE users SET last_activity_on = current_date - 91 WHERE id = {alice.Id}");
        var browser = await WebSession.SignInAsync(Factory, "alice", Password);
        await ExecuteAsync($"UPDATE users SET last_activity_on = current_date - 91 WHERE id = {alice.Id}");

        await AssertStateCallAsync(admin, alice.Id, "deactivate", "true");
        Assert.AreEqual("deactivated", await StateAsync(alice.Id));
        await AssertStateCallAsync(admin, alice.Id, "deactivate", "null");
        var unblock = await Client(admin).PostAsync($"/api/v4/users/{alice.Id}/unblock", null);
        Assert.AreEqual(HttpStatusCode.Forbidden, unblock.StatusCode);
        Assert.AreEqual("403 Forbidden - Deactivated users cannot be unblocked by the API", (await JsonAsync(unblock)).GetProperty("message").GetString());

        var api = await Client(token).GetAsync("/api/v4/projects");
        Assert.AreEqual(HttpStatusCode.Forbidden, api.StatusCode);
        Assert.AreEqual("403 Forbidden - Your account has been deactivated by your administrator. Please log back in from a web browser "
            + $"to reactivate your account at {AppFactory.ExternalUrl}", (await JsonAsync(api)).GetProperty("message").GetString());
        Assert.IsFalse(await SignedInAsync(browser), "deactivating ended the session");

        var back = new WebSession(Factory);
        var signIn = await back.PostFormAsync("/users/sign_in", "/users/sign_in", new() { ["login"] = "alice", ["password"] = Password });
        Assert.AreEqual(HttpStatusCode.Redirect, signIn.StatusCode);
        Assert.AreEqual("active", await StateAsync(alice.Id));
        StringAssert.Contains(await back.Http.GetStringAsync("/"), SignInService.ReactivatedMessage);
        Assert.AreEqual(HttpStatusCode.OK, (await Client(token).GetAsync("/api/v4/user")).StatusCode);
    }

    [TestMethod]
    public async Task Activate_ADeactivatedUser_AndAnActiveOneIsFalse()
    {
        var (_, admin) = await CreateUserWithTokenAsync("boss", admin: true);
        var carol = await CreateUserAsync("carol");
        await AssertStateCallAsync(admin, carol.Id, "activate", "false");
        await AssertStateCallAsync(admin, carol.Id, "deactivate", "true");
        await AssertStateCallAsync(admin, carol.Id, "activate", "true");
        Assert.AreEqual("active", await StateAsync(carol.Id));
    }

    [TestMethod]
    public async Task Delete_RemovesTheUserWithNamespaceProjectsRepositoriesAndCredentials()
    {
        var (boss, admin) = await CreateUserWithTokenAsync("boss", admin: true);
        var (alice, token) = await CreateUserWithTokenAsync("alice");
        var project = await ModuleProjectAsync(alice, admin);
        var shared = await ProjectFactory.CreateGroupAsync(Services, boss, "shared");
        var elsewhere = await ProjectFactory.CreateProjectAsync(Services, boss, "app", shared);
        await ProjectFactory.AddMemberAsync(Services, elsewhere, alice, AccessLevel.Developer);
        await WebSession.SignInAsync(Factory, "alice", Password);
        Assert.IsTrue(Directory.Exists(RepositoryPath("alice/lib")));

        var deleted = await Client(admin).DeleteAsync($"/api/v4/users/{alice.Id}");
        Assert.AreEqual(HttpStatusCode.NoContent, deleted.StatusCode, await deleted.Content.ReadAsStringAsync());

        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(admin).GetAsync($"/api/v4/users/{alice.Id}")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client(token).GetAsync("/api/v4/user")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await BasicClient(token).GetAsync("/shared/app.git/info/refs?service=git-upload-pack")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await BasicClient(token).GetAsync($"/api/v4/projects/{project.Id}/packages/go/gitlab.example.com/alice/lib/@v/list")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(admin).GetAsync($"/api/v4/projects/{project.Id}")).StatusCode);
        Assert.IsFalse(Directory.Exists(RepositoryPath("alice/lib")), "the personal project's repository");
        Assert.IsTrue(Directory.Exists(RepositoryPath("shared/app")), "other projects stay");
        foreach (var table in new[] { "personal_access_tokens", "user_sessions", "members" })
            Assert.AreEqual(0, await CountAsync($"SELECT count(*) FROM {table} WHERE user_id = {alice.Id}"), table);
        Assert.AreEqual(0, await CountAsync("SELECT count(*) FROM routes WHERE path LIKE 'alice%'"), "routes of the namespace and project");
        Assert.AreEqual(0, await CountAsync($"SELECT count(*) FROM members WHERE source_type = 'Project' AND source_id = {project.Id}"));
        var again = await Client(admin).PostAsync("/api/v4/users?username=alice&email=alice@example.com&name=Alice&password=password-123456", null);
        Assert.AreEqual(HttpStatusCode.Created, again.StatusCode, "the username and its namespace path are free again");
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(admin).DeleteAsync($"/api/v4/users/{alice.Id}")).StatusCode);
    }

    [TestMethod]
    public async Task Delete_TheSoleOwnerOfAGroup_Is409UnlessHardDelete()
    {
        var (boss, admin) = await CreateUserWithTokenAsync("boss", admin: true);
        var dave = await CreateUserAsync("dave");
        var erin = await CreateUserAsync("erin");
        var solo = await ProjectFactory.CreateGroupAsync(Services, dave, "solo");
        var sub = await ProjectFactory.CreateGroupAsync(Services, dave, "sub", solo);
        var inner = await ProjectFactory.CreateProjectAsync(Services, dave, "inner", sub);
        await ProjectFactory.AddMemberAsync(Services, inner, erin, AccessLevel.Reporter);
        // Owned together with boss: not solely dave's, so it stays.
        var both = await ProjectFactory.CreateGroupAsync(Services, dave, "both");
        await ExecuteAsync($"INSERT INTO members (source_type, source_id, user_id, access_level) VALUES ('Namespace', {both.Id}, {boss.Id}, 50)");

        var refused = await Client(admin).DeleteAsync($"/api/v4/users/{dave.Id}");
        Assert.AreEqual(HttpStatusCode.Conflict, refused.StatusCode);
        Assert.AreEqual(DestroyUserService.SoleOwnerMessage, (await JsonAsync(refused)).GetProperty("message").GetString());
        Assert.AreEqual("active", await StateAsync(dave.Id), "nothing deleted");
        Assert.IsTrue(Directory.Exists(RepositoryPath("solo/sub/inner")));

        var hard = await Client(admin).DeleteAsync($"/api/v4/users/{dave.Id}?hard_delete=true");
        Assert.AreEqual(HttpStatusCode.NoContent, hard.StatusCode, await hard.Content.ReadAsStringAsync());
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(admin).GetAsync("/api/v4/groups/solo")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(admin).GetAsync("/api/v4/groups/solo%2Fsub")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(admin).GetAsync($"/api/v4/projects/{inner.Id}")).StatusCode);
        Assert.IsFalse(Directory.Exists(RepositoryPath("solo/sub/inner")));
        Assert.AreEqual(0, await CountAsync($"SELECT count(*) FROM members WHERE source_type = 'Project' AND source_id = {inner.Id}"), "erin's membership");
        Assert.AreEqual(HttpStatusCode.OK, (await Client(admin).GetAsync("/api/v4/groups/both")).StatusCode, "a group with another owner stays");
        Assert.AreEqual("active", await StateAsync(erin.Id));
    }

    [TestMethod]
    public async Task Delete_ByANonAdmin_Is403AndAnonymous401()
    {
        var (_, token) = await CreateUserWithTokenAsync("alice");
        var bob = await CreateUserAsync("bob");
        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client(token).DeleteAsync($"/api/v4/users/{bob.Id}")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client().DeleteAsync($"/api/v4/users/{bob.Id}")).StatusCode);
        Assert.AreEqual("active", await StateAsync(bob.Id));
    }

    private static async Task AssertStateCallAsync(string adminToken, long userId, string action, string body)
    {
        var response = await Client(adminToken).PostAsync($"/api/v4/users/{userId}/{action}", null);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, $"{action}: {await response.Content.ReadAsStringAsync()}");
        Assert.AreEqual("application/json", response.Content.Headers.ContentType?.ToString());
        Assert.AreEqual(body, await response.Content.ReadAsStringAsync(), action);
    }

    /// <summary>A private project in the user's namespace holding a tagged module, with go_proxy on.</summary>
    private static async Task<Project> ModuleProjectAsync(User owner, string adminToken)
    {
        var project = await ProjectFactory.CreateProjectAsync(Services, owner, "lib");
        using var git = await GitFixture.CreateAsync();
        await git.CommitAsync("lib.go", "package lib\n");
        await git.TagAsync("v1.0.0");
        await git.PushToAsync(Get<RepositoryStorage>().PathFor(project.FullPath));
        var flag = await Client(adminToken).PostAsync($"/api/v4/features/go_proxy?value=true&project={project.FullPath}", null);
        Assert.AreEqual(HttpStatusCode.Created, flag.StatusCode);
        return project;
    }

    private static string RepositoryPath(string fullPath) => Get<RepositoryStorage>().PathFor(fullPath);

    private static async Task<bool> SignedInAsync(WebSession session) =>
        (await session.Http.GetAsync("/-/user_settings/personal_access_tokens")).StatusCode == HttpStatusCode.OK;

    private static async Task<string> StateAsync(long userId)
    {
        await using var conn = await Get<NpgsqlDataSource>().OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<string>($"SELECT state FROM users WHERE id = {userId}") ?? "deleted";
    }

    private static async Task<long> CountAsync(string sql)
    {
        await using var conn = await Get<NpgsqlDataSource>().OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>(sql);
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var conn = await Get<NpgsqlDataSource>().OpenConnectionAsync();
        await conn.ExecuteAsync(sql);
    }
}
