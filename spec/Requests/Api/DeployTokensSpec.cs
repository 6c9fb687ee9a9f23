using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Requests.Api;

/// <summary>
/// Deploy tokens (issue 13 point 4): GitLab's API shapes for projects, groups and the admin list, Maintainer+ only;
/// stored as digests; and the credential itself: its username as login, its scopes, only its own projects (a group's:
/// every project below it), over git, `?go-get=1` and the project, group and instance Go proxy endpoints, nowhere
/// else; revoked, deleted or expired, it stops at once.
/// </summary>
[TestClass]
public sealed class DeployTokensSpec : RequestSpec
{
    private const string Host = "gitlab.example.com";
    private User _admin = null!;
    private string _adminToken = null!;
    private string _maintainerToken = null!;
    private string _developerToken = null!;
    private Namespace _team = null!;
    private Namespace _deep = null!;
    private Project _app = null!;
    private Project _lib = null!;
    private Project _elsewhere = null!;

    /// <summary>Group team (private) with subgroup team/x/y; projects team/app and team/x/y/lib; elsewhere/tool in another group.</summary>
    [TestInitialize]
    public async Task BuildProjects()
    {
        (_admin, _adminToken) = await CreateUserWithTokenAsync("boss", admin: true);
        var (maintainer, maintainerToken) = await CreateUserWithTokenAsync("maint");
        var (developer, developerToken) = await CreateUserWithTokenAsync("dev");
        (_maintainerToken, _developerToken) = (maintainerToken, developerToken);
        _team = await ProjectFactory.CreateGroupAsync(Services, _admin, "team");
        var x = await ProjectFactory.CreateGroupAsync(Services, _admin, "x", _team);
        _deep = await ProjectFactory.CreateGroupAsync(Services, _admin, "y", x);
        _app = await CreateModuleProjectAsync("app", _team);
        _lib = await CreateModuleProjectAsync("lib", _deep);
        _elsewhere = await CreateModuleProjectAsync("tool", await ProjectFactory.CreateGroupAsync(Services, _admin, "elsewhere"));
        var members = Get<GitLabLite.Repositories.Projects.MemberRepository>();
        await members.CreateAsync("Namespace", _team.Id, maintainer.Id, AccessLevel.Maintainer, null, CancellationToken.None);
        await members.CreateAsync("Namespace", _team.Id, developer.Id, AccessLevel.Developer, null, CancellationToken.None);
        var flag = await Client(_adminToken).PostAsync($"/api/v4/features/go_proxy?value=true&project={_app.FullPath},{_lib.FullPath},{_elsewhere.FullPath}", null);
        Assert.AreEqual(HttpStatusCode.Created, flag.StatusCode, await flag.Content.ReadAsStringAsync());
    }

    private async Task<Project> CreateModuleProjectAsync(string path, Namespace group)
    {
        var project = await ProjectFactory.CreateProjectAsync(Services, _admin, path, group, Visibility.Private);
        using var git = await GitFixture.CreateAsync();
        await git.CommitAsync(new Dictionary<string, string?> { ["go.mod"] = $"module {Host}/{project.FullPath}\n\ngo 1.19\n", ["lib.go"] = "package lib\n" });
        await git.TagAsync("v1.0.0");
        await git.PushToAsync(Get<RepositoryStorage>().PathFor(project.FullPath));
        return project;
    }

    /// <summary>Creates a deploy token through the API, as the admin unless <paramref name="token"/> says otherwise.</summary>
    private async Task<JsonElement> CreateAsync(string owner, object body, string? token = null)
    {
        var response = await Client(token ?? _adminToken).PostAsJsonAsync($"/api/v4/{owner}/deploy_tokens", body);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    private static (string Username, string Token) Credential(JsonElement created) =>
        (created.GetProperty("username").GetString()!, created.GetProperty("token").GetString()!);

    private static async Task<HttpStatusCode> StatusAsync(string url, (string Username, string Token) credential) =>
        (await BasicClient(credential.Token, credential.Username).GetAsync(url)).StatusCode;

    private static string ProxyList(Project p) => $"/api/v4/projects/{p.Id}/packages/go/{Host}/{p.FullPath}/@v/list";

    private static string InstanceList(Project p) => $"/api/v4/packages/go/{Host}/{p.FullPath}/@v/list";

    private static string GroupList(Namespace g, Project p) => $"/api/v4/groups/{g.Id}/-/packages/go/{Host}/{p.FullPath}/@v/list";

    private static string InfoRefs(Project p) => $"/{p.FullPath}.git/info/refs?service=git-upload-pack";

    [TestMethod]
    public async Task Create_AsMaintainer_AnswersGitLabsShapeWithTheTokenOnceAndKeepsOnlyItsDigest()
    {
        var created = await CreateAsync($"projects/{_app.Id}",
            new { name = "ci", scopes = new[] { "read_repository", "read_package_registry" }, expires_at = "2099-01-02T03:04:05Z" }, _maintainerToken);
        var id = created.GetProperty("id").GetInt64();
        Assert.AreEqual("ci", created.GetProperty("name").GetString());
        Assert.AreEqual($"gitlab+deploy-token-{id}", created.GetProperty("username").GetString());
        Assert.AreEqual("2099-01-02T03:04:05Z", created.GetProperty("expires_at").GetString());
        CollectionAssert.AreEqual(new[] { "read_repository", "read_package_registry" },
            created.GetProperty("scopes").EnumerateArray().Select(s => s.GetString()).ToArray());
        Assert.IsFalse(created.GetProperty("revoked").GetBoolean());
        Assert.IsFalse(created.GetProperty("expired").GetBoolean());
        var token = created.GetProperty("token").GetString()!;
        StringAssert.StartsWith(token, DeployToken.Prefix);

        var stored = (await Get<DeployTokenRepository>().FindByDigestOrNullAsync(SecretToken.Digest(token), CancellationToken.None))!;
        Assert.AreEqual(id, stored.Id);
        var rows = await Get<GitLabLite.Repositories.Database>().QueryAsync<string>("SELECT token_digest FROM deploy_tokens", null, CancellationToken.None);
        Assert.IsFalse(rows.Any(r => r.Contains(token[DeployToken.Prefix.Length..])), "only the digest is stored");

        var shown = await JsonAsync(await Client(_maintainerToken).GetAsync($"/api/v4/projects/{_app.Id}/deploy_tokens/{id}"));
        Assert.IsFalse(shown.TryGetProperty("token", out _), "the value is shown once");
        var listed = await JsonAsync(await Client(_maintainerToken).GetAsync($"/api/v4/projects/{_app.Id}/deploy_tokens"));
        Assert.AreEqual(1, listed.GetArrayLength());
        Assert.IsFalse(listed[0].TryGetProperty("token", out _));
    }

    [TestMethod]
    public async Task Create_WithUsernameOrBadInput_KeepsTheNameOrAnswers400()
    {
        var named = await CreateAsync($"groups/{_team.Id}", new { name = "ci", username = "builder.bot", scopes = new[] { "read_repository" } }, _maintainerToken);
        Assert.AreEqual("builder.bot", named.GetProperty("username").GetString());
        Assert.AreEqual(JsonValueKind.Null, named.GetProperty("expires_at").ValueKind);
        foreach (var body in new object[]
        {
            new { name = "x", scopes = new[] { "api" } },
            new { name = "", scopes = new[] { "read_repository" } },
            new { name = "x", scopes = Array.Empty<string>() },
            new { name = "x", username = "no spaces", scopes = new[] { "read_repository" } },
            new { name = "x", scopes = new[] { "read_repository" }, expires_at = "2001-01-01" },
        })
        {
            var response = await Client(_maintainerToken).PostAsJsonAsync($"/api/v4/projects/{_app.Id}/deploy_tokens", body);
            Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, JsonSerializer.Serialize(body));
        }
        Assert.AreEqual(1, (await Get<DeployTokenRepository>().CountAsync(null, false, CancellationToken.None)));
    }

    [TestMethod]
    public async Task Endpoints_ForDevelopersAndStrangers_AreForbiddenOrNotFound()
    {
        var created = await CreateAsync($"projects/{_app.Id}", new { name = "ci", scopes = new[] { "read_repository" } });
        var id = created.GetProperty("id").GetInt64();
        var (_, strangerToken) = await CreateUserWithTokenAsync("stranger");
        foreach (var (token, expected) in new[] { (_developerToken, HttpStatusCode.Forbidden), (strangerToken, HttpStatusCode.NotFound) })
        {
            var client = Client(token);
            Assert.AreEqual(expected, (await client.GetAsync($"/api/v4/projects/{_app.Id}/deploy_tokens")).StatusCode);
            Assert.AreEqual(expected, (await client.GetAsync($"/api/v4/groups/{_team.Id}/deploy_tokens")).StatusCode);
            Assert.AreEqual(expected, (await client.PostAsJsonAsync($"/api/v4/projects/{_app.Id}/deploy_tokens", new { name = "x", scopes = new[] { "read_repository" } })).StatusCode);
            Assert.AreEqual(expected, (await client.DeleteAsync($"/api/v4/projects/{_app.Id}/deploy_tokens/{id}")).StatusCode);
            Assert.AreEqual(HttpStatusCode.Forbidden, (await client.GetAsync("/api/v4/deploy_tokens")).StatusCode);
        }
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client().GetAsync($"/api/v4/projects/{_app.Id}/deploy_tokens")).StatusCode);
        var all = await Client(_adminToken).GetAsync("/api/v4/deploy_tokens");
        Assert.AreEqual(HttpStatusCode.OK, all.StatusCode);
        Assert.AreEqual(1, (await JsonAsync(all)).GetArrayLength());
        Assert.AreEqual("1", all.Headers.GetValues("X-Total").Single());
    }

    [TestMethod]
    public async Task ProjectToken_ReadsItsProjectOverGitGoGetAndEveryProxyEndpoint_AndNothingElse()
    {
        var token = Credential(await CreateAsync($"projects/{_app.Id}", new { name = "ci", scopes = new[] { "read_repository", "read_package_registry" } }));
        Assert.AreEqual(HttpStatusCode.OK, await StatusAsync(InfoRefs(_app), token));
        Assert.AreEqual(HttpStatusCode.OK, await StatusAsync(ProxyList(_app), token));
        Assert.AreEqual(HttpStatusCode.OK, await StatusAsync(InstanceList(_app), token));
        Assert.AreEqual(HttpStatusCode.OK, await StatusAsync(GroupList(_team, _app), token));
        var goGet = await BasicClient(token.Token, token.Username).GetStringAsync($"/{_app.FullPath}/pkg?go-get=1");
        StringAssert.Contains(goGet, $"content=\"{Host}/{_app.FullPath} git ");
        StringAssert.Contains(goGet, $"content=\"{Host}/{_app.FullPath} mod http://{Host}/api/v4/packages/go\"");

        // Another project of the same group, and another group's: as for a path that does not exist.
        foreach (var other in new[] { _lib, _elsewhere })
        {
            Assert.AreEqual(HttpStatusCode.NotFound, await StatusAsync(InfoRefs(other), token), other.FullPath);
            Assert.AreEqual(HttpStatusCode.NotFound, await StatusAsync(ProxyList(other), token), other.FullPath);
            Assert.AreEqual(HttpStatusCode.Forbidden, await StatusAsync(InstanceList(other), token), other.FullPath);
            Assert.AreEqual(HttpStatusCode.NotFound, await StatusAsync($"/{other.FullPath}?go-get=1", token), other.FullPath);
        }
        // No user: the REST API and pages refuse it as invalid credentials; git push is refused.
        Assert.AreEqual(HttpStatusCode.Unauthorized, await StatusAsync($"/api/v4/projects/{_app.Id}", token));
        Assert.AreEqual(HttpStatusCode.Forbidden, await StatusAsync($"/{_app.FullPath}.git/info/refs?service=git-receive-pack", token));
    }

    [TestMethod]
    public async Task GroupToken_ReadsEveryProjectInItsSubgroups_WithItsScopesOnly()
    {
        var gitOnly = Credential(await CreateAsync($"groups/{_team.Id}", new { name = "git", scopes = new[] { "read_repository" } }));
        var proxyOnly = Credential(await CreateAsync($"groups/{_team.Id}", new { name = "go", scopes = new[] { "read_package_registry" } }));
        foreach (var project in new[] { _app, _lib })
        {
            Assert.AreEqual(HttpStatusCode.OK, await StatusAsync(InfoRefs(project), gitOnly), project.FullPath);
            Assert.AreEqual(HttpStatusCode.Forbidden, await StatusAsync(InstanceList(project), gitOnly), "read_repository is no proxy scope");
            Assert.AreEqual(HttpStatusCode.Unauthorized, await StatusAsync(InfoRefs(project), proxyOnly), "read_package_registry is no git scope");
            Assert.AreEqual(HttpStatusCode.OK, await StatusAsync(ProxyList(project), proxyOnly), project.FullPath);
            Assert.AreEqual(HttpStatusCode.OK, await StatusAsync(InstanceList(project), proxyOnly), project.FullPath);
            Assert.AreEqual(HttpStatusCode.OK, await StatusAsync(GroupList(_team, project), proxyOnly), project.FullPath);
            // go-get: the true root at any depth for both; the proxy entry only for the token that may use the proxy.
            var git = await BasicClient(gitOnly.Token, gitOnly.Username).GetStringAsync($"/{project.FullPath}/a/b?go-get=1");
            StringAssert.Contains(git, $"content=\"{Host}/{project.FullPath} git ");
            Assert.IsFalse(git.Contains(" mod "), git);
            StringAssert.Contains(await BasicClient(proxyOnly.Token, proxyOnly.Username).GetStringAsync($"/{project.FullPath}/a/b?go-get=1"), " mod ");
        }
        Assert.AreEqual(HttpStatusCode.Forbidden, await StatusAsync(InstanceList(_elsewhere), proxyOnly));
        Assert.AreEqual(HttpStatusCode.NotFound, await StatusAsync(GroupList(_deep, _app), proxyOnly), "a module of another group through a group endpoint");
    }

    [TestMethod]
    public async Task Token_WithAnotherLoginRevokedDeletedOrExpired_IsInvalidAtOnce()
    {
        var created = await CreateAsync($"projects/{_app.Id}", new { name = "ci", scopes = new[] { "read_repository", "read_package_registry" } });
        var token = Credential(created);
        Assert.AreEqual(HttpStatusCode.OK, await StatusAsync(InstanceList(_app), token));
        Assert.AreEqual(HttpStatusCode.NotFound, await StatusAsync(ProxyList(_app), ("someone-else", token.Token)), "the login must be its username");
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(token.Token).GetAsync(ProxyList(_app))).StatusCode, "PRIVATE-TOKEN carries no login");
        Assert.AreEqual(HttpStatusCode.Unauthorized, await StatusAsync(InstanceList(_app), ("someone-else", token.Token)));
        Assert.AreEqual(HttpStatusCode.Unauthorized, await StatusAsync(InfoRefs(_app), ("someone-else", token.Token)));

        var id = created.GetProperty("id").GetInt64();
        Assert.IsTrue(await Get<DeployTokenRepository>().RevokeAsync(DeployTokenOwner.Project(_app.Id), id, CancellationToken.None));
        Assert.AreEqual(HttpStatusCode.Unauthorized, await StatusAsync(InstanceList(_app), token), "revoked");
        Assert.AreEqual(HttpStatusCode.NotFound, await StatusAsync(ProxyList(_app), token), "revoked");
        Assert.AreEqual(HttpStatusCode.Unauthorized, await StatusAsync(InfoRefs(_app), token), "revoked");

        var second = await CreateAsync($"projects/{_app.Id}", new { name = "ci2", scopes = new[] { "read_package_registry" } });
        Assert.AreEqual(HttpStatusCode.OK, await StatusAsync(ProxyList(_app), Credential(second)));
        var delete = await Client(_adminToken).DeleteAsync($"/api/v4/projects/{_app.Id}/deploy_tokens/{second.GetProperty("id").GetInt64()}");
        Assert.AreEqual(HttpStatusCode.NoContent, delete.StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, await StatusAsync(ProxyList(_app), Credential(second)), "deleted");

        var third = await CreateAsync($"projects/{_app.Id}", new { name = "ci3", scopes = new[] { "read_package_registry" }, expires_at = DateTime.UtcNow.AddHours(1).ToString("O") });
        Assert.AreEqual(HttpStatusCode.OK, await StatusAsync(ProxyList(_app), Credential(third)));
        await Get<GitLabLite.Repositories.Database>().ExecuteAsync("UPDATE deploy_tokens SET expires_at = now() WHERE name = 'ci3'", null, CancellationToken.None);
        Assert.AreEqual(HttpStatusCode.NotFound, await StatusAsync(ProxyList(_app), Credential(third)), "expired");

        var active = await JsonAsync(await Client(_adminToken).GetAsync($"/api/v4/projects/{_app.Id}/deploy_tokens?active=true"));
        Assert.AreEqual(0, active.GetArrayLength());
        var listed = await JsonAsync(await Client(_adminToken).GetAsync($"/api/v4/projects/{_app.Id}/deploy_tokens"));
        CollectionAssert.AreEqual(new[] { "ci", "ci3" }, listed.EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToArray());
        Assert.IsTrue(listed[0].GetProperty("revoked").GetBoolean());
        Assert.IsTrue(listed[1].GetProperty("expired").GetBoolean());
    }
}
