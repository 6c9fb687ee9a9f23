using System.Net;
using System.Net.Http.Json;
using GitLabLite.Models.Projects;
using GitLabLite.Spec.Support;
using LibGit2Sharp;

namespace GitLabLite.Spec.Requests.Api;

[TestClass]
public sealed class ProjectsSpec : ProjectsRequestSpec
{
    [TestMethod]
    public async Task Create_WithNameOnly_DerivesPathAndCreatesEmptyBareRepository()
    {
        var (user, token) = await CreateUserWithTokenAsync("alice");
        var response = await PostJsonAsync(Client(token), "/api/v4/projects", new { name = "My Project", description = "desc" });
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
        var json = await JsonAsync(response);
        var id = json.GetProperty("id").GetInt64();
        Assert.AreEqual("my-project", json.GetProperty("path").GetString());
        Assert.AreEqual("My Project", json.GetProperty("name").GetString());
        Assert.AreEqual("alice / My Project", json.GetProperty("name_with_namespace").GetString());
        Assert.AreEqual("alice/my-project", json.GetProperty("path_with_namespace").GetString());
        Assert.AreEqual("private", json.GetProperty("visibility").GetString());
        Assert.AreEqual("main", json.GetProperty("default_branch").GetString());
        Assert.IsTrue(json.GetProperty("empty_repo").GetBoolean());
        Assert.IsFalse(json.GetProperty("archived").GetBoolean());
        Assert.AreEqual(System.Text.Json.JsonValueKind.Null, json.GetProperty("ssh_url_to_repo").ValueKind);
        Assert.AreEqual($"{AppFactory.ExternalUrl}/alice/my-project.git", json.GetProperty("http_url_to_repo").GetString());
        Assert.AreEqual($"{AppFactory.ExternalUrl}/alice/my-project", json.GetProperty("web_url").GetString());
        Assert.AreEqual($"{AppFactory.ExternalUrl}/api/v4/projects/{id}/packages/go", json.GetProperty("go_proxy_url").GetString());
        Assert.AreEqual($"{AppFactory.ExternalUrl}/api/v4/projects/{id}", json.GetProperty("_links").GetProperty("self").GetString());
        Assert.AreEqual(user.Id, json.GetProperty("creator_id").GetInt64());
        var ns = json.GetProperty("namespace");
        Assert.AreEqual("user", ns.GetProperty("kind").GetString());
        Assert.AreEqual("alice", ns.GetProperty("full_path").GetString());
        using var repo = new Repository(RepoPath("alice/my-project"));
        Assert.IsTrue(repo.Info.IsBare);
        Assert.AreEqual("refs/heads/main", repo.Refs.Head.TargetIdentifier);
    }

    [TestMethod]
    public async Task Create_WithReadme_WritesInitialCommitOnDefaultBranch()
    {
        var (_, token) = await CreateUserWithTokenAsync("alice");
        var response = await PostJsonAsync(Client(token), "/api/v4/projects",
            new { name = "Docs", default_branch = "trunk", initialize_with_readme = true, description = "Hello" });
        var json = await JsonAsync(response);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, json.ToString());
        Assert.IsFalse(json.GetProperty("empty_repo").GetBoolean());
        Assert.AreEqual("trunk", json.GetProperty("default_branch").GetString());
        using var repo = new Repository(RepoPath("alice/docs"));
        var tip = repo.Branches["trunk"].Tip;
        Assert.AreEqual("# Docs\n\nHello\n", ((Blob)tip["README.md"].Target).GetContentText());
        Assert.AreEqual("alice", tip.Author.Name);
        Assert.AreEqual("refs/heads/trunk", repo.Refs.Head.TargetIdentifier);
    }

    [TestMethod]
    [DataRow("""{"path":"-lead"}""", "path")]
    [DataRow("""{"path":"repo.git"}""", "path")]
    [DataRow("""{"path":"feed.atom"}""", "path")]
    [DataRow("""{"path":".."}""", "path")]
    [DataRow("""{"path":"a..b"}""", "path")]
    [DataRow("""{"path":"with space"}""", "path")]
    [DataRow("""{"path":"a/b"}""", "path")]
    [DataRow("""{"name":"<script>"}""", "name")]
    [DataRow("""{"name":"!!!"}""", "name")]
    [DataRow("""{"description":"x"}""", "path")]
    [DataRow("""{"path":"ok","visibility":"secret"}""", "visibility")]
    [DataRow("""{"path":"ok","default_branch":"a..b"}""", "default_branch")]
    [DataRow("""{"path":"ok","initialize_with_readme":"maybe"}""", "initialize_with_readme")]
    [DataRow("""{"path":"ok","namespace_id":true}""", "namespace_id")]
    [DataRow("""[1,2]""", "JSON")]
    [DataRow("""{"path": """, "JSON")]
    public async Task Create_WithInvalidParams_Returns400NamingTheFieldAndLeavesNothing(string body, string field)
    {
        var (_, token) = await CreateUserWithTokenAsync("alice");
        var before = await CountAsync("SELECT count(*) FROM projects");
        var response = await Client(token).PostAsync("/api/v4/projects", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, text);
        StringAssert.Contains(text, field);
        await AssertNothingLeftAsync(before);
    }

    [TestMethod]
    public async Task Create_WithLongPath_Returns400()
    {
        var (_, token) = await CreateUserWithTokenAsync("alice");
        var response = await PostJsonAsync(Client(token), "/api/v4/projects", new { path = new string('a', 256) });
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.IsTrue((await JsonAsync(response)).GetProperty("message").TryGetProperty("path", out _));
    }

    [TestMethod]
    public async Task Create_WithTakenPath_Returns400AndKeepsTheFirst()
    {
        var (_, token) = await CreateUserWithTokenAsync("alice");
        await CreateProjectAsync(token, "proj", readme: true);
        var response = await PostJsonAsync(Client(token), "/api/v4/projects", new { path = "PROJ" });
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        StringAssert.Contains(await response.Content.ReadAsStringAsync(), "path has already been taken");
        await AssertNothingLeftAsync(1);
    }

    [TestMethod]
    public async Task Create_WithoutCredentials_Returns401_AndReadApiToken403_AndInvalidToken401()
    {
        var (user, _) = await CreateUserWithTokenAsync("alice");
        var readOnly = await CreateTokenAsync(user, ["read_api"]);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await PostJsonAsync(Client(), "/api/v4/projects", new { path = "p" })).StatusCode);
        var scoped = await PostJsonAsync(Client(readOnly), "/api/v4/projects", new { path = "p" });
        Assert.AreEqual(HttpStatusCode.Forbidden, scoped.StatusCode);
        Assert.AreEqual("insufficient_scope", (await JsonAsync(scoped)).GetProperty("error").GetString());
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await PostJsonAsync(Client("glpat-invalidinvalidinvalid"), "/api/v4/projects", new { path = "p" })).StatusCode);
        await AssertNothingLeftAsync(0);
    }

    [TestMethod]
    public async Task Create_InGroup_NeedsMaintainer_AndVisibilityWithinTheGroup()
    {
        var (owner, ownerToken) = await CreateUserWithTokenAsync("owner");
        var (dev, devToken) = await CreateUserWithTokenAsync("dev");
        var (maintainer, maintainerToken) = await CreateUserWithTokenAsync("maint");
        var (_, strangerToken) = await CreateUserWithTokenAsync("stranger");
        var group = await CreateGroupAsync(ownerToken, "team");
        var groupId = group.GetProperty("id").GetInt64();
        await AddMemberAsync(MemberSource.Group(groupId), dev, AccessLevel.Developer);
        await AddMemberAsync(MemberSource.Group(groupId), maintainer, AccessLevel.Maintainer);

        Assert.AreEqual(HttpStatusCode.Forbidden, (await PostJsonAsync(Client(devToken), "/api/v4/projects", new { path = "p", namespace_id = groupId })).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await PostJsonAsync(Client(strangerToken), "/api/v4/projects", new { path = "p", namespace_id = "team" })).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await PostJsonAsync(Client(strangerToken), "/api/v4/projects", new { path = "p", namespace_id = "owner" })).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await PostJsonAsync(Client(strangerToken), "/api/v4/projects", new { path = "p", namespace_id = 999999 })).StatusCode);
        var tooOpen = await PostJsonAsync(Client(maintainerToken), "/api/v4/projects", new { path = "p", namespace_id = groupId, visibility = "public" });
        Assert.AreEqual(HttpStatusCode.BadRequest, tooOpen.StatusCode);
        StringAssert.Contains(await tooOpen.Content.ReadAsStringAsync(), "visibility");
        await AssertNothingLeftAsync(0);

        var created = await CreateProjectAsync(maintainerToken, "p", namespaceId: "team");
        Assert.AreEqual("team/p", created.GetProperty("path_with_namespace").GetString());
        Assert.AreEqual("group", created.GetProperty("namespace").GetProperty("kind").GetString());
        Assert.AreEqual($"{AppFactory.ExternalUrl}/groups/team", created.GetProperty("namespace").GetProperty("web_url").GetString());
        Assert.IsTrue(Directory.Exists(RepoPath("team/p")));
        _ = owner;
    }

    [TestMethod]
    [DataRow("private", null, HttpStatusCode.Unauthorized)]
    [DataRow("private", "stranger", HttpStatusCode.NotFound)]
    [DataRow("private", "guest", HttpStatusCode.OK)]
    [DataRow("private", "reporter", HttpStatusCode.OK)]
    [DataRow("private", "admin", HttpStatusCode.OK)]
    [DataRow("private", "invalid", HttpStatusCode.Unauthorized)]
    [DataRow("internal", null, HttpStatusCode.Unauthorized)]
    [DataRow("internal", "stranger", HttpStatusCode.OK)]
    [DataRow("public", null, HttpStatusCode.OK)]
    [DataRow("public", "stranger", HttpStatusCode.OK)]
    [DataRow("public", "invalid", HttpStatusCode.Unauthorized)]
    public async Task Show_ByVisibilityAndCaller_AnswersAsTheAuthenticationTable(string visibility, string? caller, HttpStatusCode expected)
    {
        var (_, ownerToken) = await CreateUserWithTokenAsync("owner");
        var project = await CreateProjectAsync(ownerToken, "proj", visibility);
        var id = project.GetProperty("id").GetInt64();
        string? token = caller switch
        {
            null => null,
            "invalid" => "glpat-invalidinvalidinvalid",
            "admin" => (await CreateUserWithTokenAsync("boss", admin: true)).Token,
            _ => (await CreateUserWithTokenAsync(caller, scopes: ["read_api"])).Token,
        };
        if (caller is "guest" or "reporter")
        {
            var member = await Get<GitLabLite.Repositories.Users.UserRepository>().FindByUsernameOrNullAsync(caller, CancellationToken.None);
            await AddMemberAsync(MemberSource.Project(id), member!, caller == "guest" ? AccessLevel.Guest : AccessLevel.Reporter);
        }
        foreach (var path in new[] { $"/api/v4/projects/{id}", "/api/v4/projects/owner%2Fproj" })
        {
            var response = await Client(token).GetAsync(path);
            Assert.AreEqual(expected, response.StatusCode, path);
            if (expected == HttpStatusCode.NotFound)
                Assert.AreEqual("404 Project Not Found", (await JsonAsync(response)).GetProperty("message").GetString());
            if (expected == HttpStatusCode.OK)
                Assert.AreEqual(id, (await JsonAsync(response)).GetProperty("id").GetInt64());
        }
    }

    [TestMethod]
    [DataRow("/api/v4/projects/owner%2F..%2Fowner%2Fproj")]
    [DataRow("/api/v4/projects/owner%2F%2e%2e%2Fproj")]
    [DataRow("/api/v4/projects/..%2F..%2Fetc%2Fpasswd")]
    [DataRow("/api/v4/projects/owner%2Fproj%2F")]
    [DataRow("/api/v4/projects/99999999999999999999")]
    public async Task Show_WithTraversalOrUnknownId_Returns404(string path)
    {
        var (_, token) = await CreateUserWithTokenAsync("owner");
        await CreateProjectAsync(token, "proj", "public");
        var response = await Client(token).GetAsync(path);
        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode, path);
    }

    [TestMethod]
    public async Task Show_ByLowerCaseEncodedPathOfNestedGroups_ReturnsProject()
    {
        var (_, token) = await CreateUserWithTokenAsync("owner");
        var a = await CreateGroupAsync(token, "a");
        var b = await CreateGroupAsync(token, "b", parentId: a.GetProperty("id").GetInt64());
        var c = await CreateGroupAsync(token, "c", parentId: b.GetProperty("id").GetInt64());
        await CreateProjectAsync(token, "proj", namespaceId: "a/b/c");
        var response = await Client(token).GetAsync("/api/v4/projects/a%2fb%2Fc%2Fproj");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        var json = await JsonAsync(response);
        Assert.AreEqual("a/b/c/proj", json.GetProperty("path_with_namespace").GetString());
        Assert.AreEqual(c.GetProperty("id").GetInt64(), json.GetProperty("namespace").GetProperty("id").GetInt64());
        Assert.AreEqual(b.GetProperty("id").GetInt64(), json.GetProperty("namespace").GetProperty("parent_id").GetInt64());
        Assert.IsTrue(Directory.Exists(RepoPath("a/b/c/proj")));
    }

    [TestMethod]
    public async Task Index_FiltersByVisibilityAndCaller_PaginatesNewestFirst()
    {
        var (_, aliceToken) = await CreateUserWithTokenAsync("alice");
        var (_, bobToken) = await CreateUserWithTokenAsync("bob");
        var pub = await CreateProjectAsync(aliceToken, "pub", "public");
        var inter = await CreateProjectAsync(aliceToken, "inter", "internal");
        var priv = await CreateProjectAsync(aliceToken, "priv", "private");
        var bobs = await CreateProjectAsync(bobToken, "bobs", "private");
        long Id(System.Text.Json.JsonElement p) => p.GetProperty("id").GetInt64();
        async Task<long[]> Ids(string? token, string query)
        {
            var response = await Client(token).GetAsync($"/api/v4/projects{query}");
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, query);
            return (await JsonAsync(response)).EnumerateArray().Select(Id).ToArray();
        }

        CollectionAssert.AreEqual(new[] { Id(pub) }, await Ids(null, ""));
        CollectionAssert.AreEqual(new[] { Id(bobs), Id(inter), Id(pub) }, await Ids(bobToken, ""));
        CollectionAssert.AreEqual(new[] { Id(priv), Id(inter), Id(pub) }, await Ids(aliceToken, "?owned=true"));
        CollectionAssert.AreEqual(new[] { Id(bobs) }, await Ids(bobToken, "?membership=true"));
        CollectionAssert.AreEqual(new[] { Id(inter) }, await Ids(bobToken, "?visibility=internal"));
        CollectionAssert.AreEqual(new[] { Id(priv) }, await Ids(aliceToken, "?search=PRI"));
        var admin = (await CreateUserWithTokenAsync("boss", admin: true)).Token;
        CollectionAssert.AreEqual(new[] { Id(bobs), Id(priv), Id(inter), Id(pub) }, await Ids(admin, ""));

        var page = await Client(admin).GetAsync("/api/v4/projects?per_page=3&page=2&simple=true");
        Assert.AreEqual("4", page.Headers.GetValues("X-Total").Single());
        Assert.AreEqual("2", page.Headers.GetValues("X-Total-Pages").Single());
        Assert.AreEqual("1", page.Headers.GetValues("X-Prev-Page").Single());
        StringAssert.Contains(page.Headers.GetValues("Link").Single(), "rel=\"first\"");
        var simple = (await JsonAsync(page)).EnumerateArray().Single();
        Assert.AreEqual(Id(pub), Id(simple));
        Assert.IsFalse(simple.TryGetProperty("visibility", out _));
        Assert.AreEqual(HttpStatusCode.BadRequest, (await Client(admin).GetAsync("/api/v4/projects?visibility=secret")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client("glpat-invalidinvalidinvalid").GetAsync("/api/v4/projects")).StatusCode);
    }

    [TestMethod]
    public async Task Update_AsOwner_RenamesAndMovesTheRepository()
    {
        var (_, ownerToken) = await CreateUserWithTokenAsync("owner");
        var (maintainer, maintainerToken) = await CreateUserWithTokenAsync("maint");
        var (developer, developerToken) = await CreateUserWithTokenAsync("dev");
        var project = await CreateProjectAsync(ownerToken, "old", readme: true);
        var id = project.GetProperty("id").GetInt64();
        await AddMemberAsync(MemberSource.Project(id), maintainer, AccessLevel.Maintainer);
        await AddMemberAsync(MemberSource.Project(id), developer, AccessLevel.Developer);

        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client(developerToken).PutAsJsonAsync($"/api/v4/projects/{id}", new { path = "new" })).StatusCode);
        // A path or visibility change is the Owner's (RoleChecksSpec has the whole table).
        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client(maintainerToken).PutAsJsonAsync($"/api/v4/projects/{id}", new { path = "new" })).StatusCode);
        var response = await Client(ownerToken).PutAsJsonAsync("/api/v4/projects/owner%2Fold",
            new { path = "new", name = "New", description = "d", visibility = "internal" });
        var json = await JsonAsync(response);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, json.ToString());
        Assert.AreEqual("owner/new", json.GetProperty("path_with_namespace").GetString());
        Assert.AreEqual("owner / New", json.GetProperty("name_with_namespace").GetString());
        Assert.AreEqual("internal", json.GetProperty("visibility").GetString());
        Assert.IsFalse(json.GetProperty("empty_repo").GetBoolean());
        Assert.IsFalse(Directory.Exists(RepoPath("owner/old")));
        Assert.IsTrue(Directory.Exists(RepoPath("owner/new")));
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(ownerToken).GetAsync("/api/v4/projects/owner%2Fold")).StatusCode);

        var missingBranch = await Client(ownerToken).PutAsJsonAsync($"/api/v4/projects/{id}", new { default_branch = "nope" });
        Assert.AreEqual(HttpStatusCode.BadRequest, missingBranch.StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, (await Client(ownerToken).PutAsJsonAsync($"/api/v4/projects/{id}", new { path = "a.git" })).StatusCode);
        await CreateProjectAsync(ownerToken, "other");
        var taken = await Client(ownerToken).PutAsJsonAsync($"/api/v4/projects/{id}", new { path = "other" });
        Assert.AreEqual(HttpStatusCode.BadRequest, taken.StatusCode);
        Assert.IsTrue(Directory.Exists(RepoPath("owner/new")));
    }

    [TestMethod]
    public async Task Update_DefaultBranchOfEmptyRepository_PointsHead()
    {
        var (_, token) = await CreateUserWithTokenAsync("owner");
        var project = await CreateProjectAsync(token, "p");
        var response = await Client(token).PutAsJsonAsync($"/api/v4/projects/{project.GetProperty("id")}", new { default_branch = "develop" });
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        using var repo = new Repository(RepoPath("owner/p"));
        Assert.AreEqual("refs/heads/develop", repo.Refs.Head.TargetIdentifier);
    }

    [TestMethod]
    public async Task Destroy_NeedsOwner_Returns202AndRemovesRowsAndRepository()
    {
        var (_, ownerToken) = await CreateUserWithTokenAsync("owner");
        var (maintainer, maintainerToken) = await CreateUserWithTokenAsync("maint");
        var project = await CreateProjectAsync(ownerToken, "p", "public", readme: true);
        var id = project.GetProperty("id").GetInt64();
        await AddMemberAsync(MemberSource.Project(id), maintainer, AccessLevel.Maintainer);

        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client().DeleteAsync($"/api/v4/projects/{id}")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client(maintainerToken).DeleteAsync($"/api/v4/projects/{id}")).StatusCode);
        var response = await Client(ownerToken).DeleteAsync("/api/v4/projects/owner%2Fp");
        Assert.AreEqual(HttpStatusCode.Accepted, response.StatusCode);
        Assert.AreEqual("202 Accepted", (await JsonAsync(response)).GetProperty("message").GetString());
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(ownerToken).GetAsync($"/api/v4/projects/{id}")).StatusCode);
        Assert.AreEqual(0, await CountAsync("SELECT count(*) FROM members WHERE source_type = 'Project'"));
        await AssertNothingLeftAsync(0);
    }

    [TestMethod]
    public async Task Destroy_AsAdmin_RemovesAnyProject()
    {
        var (_, ownerToken) = await CreateUserWithTokenAsync("owner");
        var (_, adminToken) = await CreateUserWithTokenAsync("boss", admin: true);
        var project = await CreateProjectAsync(ownerToken, "p");
        Assert.AreEqual(HttpStatusCode.Accepted, (await Client(adminToken).DeleteAsync($"/api/v4/projects/{project.GetProperty("id")}")).StatusCode);
        await AssertNothingLeftAsync(0);
    }
}
