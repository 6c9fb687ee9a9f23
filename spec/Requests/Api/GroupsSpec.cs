using System.Net;
using System.Net.Http.Json;
using GitLabLite.Models.Projects;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Requests.Api;

[TestClass]
public sealed class GroupsSpec : ProjectsRequestSpec
{
    [TestMethod]
    public async Task Create_AsAnyUser_CreatesTopLevelGroupOwnedByTheCreator()
    {
        var (user, token) = await CreateUserWithTokenAsync("alice");
        var response = await PostJsonAsync(Client(token), "/api/v4/groups", new { name = "Team One", visibility = "internal", description = "d" });
        var json = await JsonAsync(response);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, json.ToString());
        Assert.AreEqual("team-one", json.GetProperty("path").GetString());
        Assert.AreEqual("team-one", json.GetProperty("full_path").GetString());
        Assert.AreEqual("Team One", json.GetProperty("full_name").GetString());
        Assert.AreEqual("internal", json.GetProperty("visibility").GetString());
        Assert.AreEqual($"{AppFactory.ExternalUrl}/groups/team-one", json.GetProperty("web_url").GetString());
        Assert.AreEqual(System.Text.Json.JsonValueKind.Null, json.GetProperty("parent_id").ValueKind);
        Assert.IsFalse(json.TryGetProperty("projects", out _));

        var members = await JsonAsync(await Client(token).GetAsync($"/api/v4/groups/{json.GetProperty("id")}/members"));
        var owner = members.EnumerateArray().Single();
        Assert.AreEqual(user.Id, owner.GetProperty("id").GetInt64());
        Assert.AreEqual(50, owner.GetProperty("access_level").GetInt32());
    }

    [TestMethod]
    [DataRow("""{"path":"api"}""", "path")]
    [DataRow("""{"path":"users"}""", "path")]
    [DataRow("""{"path":"-"}""", "path")]
    [DataRow("""{"path":"x.git"}""", "path")]
    [DataRow("""{"path":"ok","visibility":"open"}""", "visibility")]
    [DataRow("""{"path":"ok","parent_id":"abc"}""", "parent_id")]
    [DataRow("""{"name":"(((("}""", "name")]
    [DataRow("""{}""", "path")]
    public async Task Create_WithInvalidParams_Returns400NamingTheField(string body, string field)
    {
        var (_, token) = await CreateUserWithTokenAsync("alice");
        var response = await Client(token).PostAsync("/api/v4/groups", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, text);
        StringAssert.Contains(text, field);
        Assert.AreEqual(0, await CountAsync("SELECT count(*) FROM namespaces WHERE type = 'Group'"));
    }

    [TestMethod]
    public async Task Create_WithTakenPathOrUsername_Returns400()
    {
        var (_, token) = await CreateUserWithTokenAsync("alice");
        await CreateGroupAsync(token, "team");
        Assert.AreEqual(HttpStatusCode.BadRequest, (await PostJsonAsync(Client(token), "/api/v4/groups", new { path = "TEAM" })).StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, (await PostJsonAsync(Client(token), "/api/v4/groups", new { path = "alice" })).StatusCode);
        Assert.AreEqual(1, await CountAsync("SELECT count(*) FROM namespaces WHERE type = 'Group'"));
    }

    [TestMethod]
    public async Task Create_Subgroup_NeedsMaintainerOnParent_AndNoWiderVisibility()
    {
        var (_, ownerToken) = await CreateUserWithTokenAsync("owner");
        var (dev, devToken) = await CreateUserWithTokenAsync("dev");
        var (maintainer, maintainerToken) = await CreateUserWithTokenAsync("maint");
        var (_, strangerToken) = await CreateUserWithTokenAsync("stranger");
        var parent = await CreateGroupAsync(ownerToken, "top");
        var parentId = parent.GetProperty("id").GetInt64();
        await AddMemberAsync(MemberSource.Group(parentId), dev, AccessLevel.Developer);
        await AddMemberAsync(MemberSource.Group(parentId), maintainer, AccessLevel.Maintainer);

        Assert.AreEqual(HttpStatusCode.Unauthorized, (await PostJsonAsync(Client(), "/api/v4/groups", new { path = "sub", parent_id = parentId })).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await PostJsonAsync(Client(devToken), "/api/v4/groups", new { path = "sub", parent_id = parentId })).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await PostJsonAsync(Client(strangerToken), "/api/v4/groups", new { path = "sub", parent_id = parentId })).StatusCode);
        var wider = await PostJsonAsync(Client(maintainerToken), "/api/v4/groups", new { path = "sub", parent_id = parentId, visibility = "public" });
        Assert.AreEqual(HttpStatusCode.BadRequest, wider.StatusCode);
        StringAssert.Contains(await wider.Content.ReadAsStringAsync(), "visibility");

        // Reserved top-level words are fine below the top.
        var sub = await CreateGroupAsync(maintainerToken, "api", parentId: parentId);
        Assert.AreEqual("top/api", sub.GetProperty("full_path").GetString());
        Assert.AreEqual("top / api", sub.GetProperty("full_name").GetString());
        Assert.AreEqual(parentId, sub.GetProperty("parent_id").GetInt64());
    }

    [TestMethod]
    [DataRow("private", null, HttpStatusCode.Unauthorized)]
    [DataRow("private", "stranger", HttpStatusCode.NotFound)]
    [DataRow("private", "member", HttpStatusCode.OK)]
    [DataRow("private", "boss", HttpStatusCode.OK)]
    [DataRow("internal", null, HttpStatusCode.Unauthorized)]
    [DataRow("internal", "stranger", HttpStatusCode.OK)]
    [DataRow("public", null, HttpStatusCode.OK)]
    [DataRow("public", "invalid", HttpStatusCode.Unauthorized)]
    public async Task Show_ByVisibilityAndCaller_HidesGroupsAsProjects(string visibility, string? caller, HttpStatusCode expected)
    {
        var (_, ownerToken) = await CreateUserWithTokenAsync("owner");
        var group = await CreateGroupAsync(ownerToken, "g", visibility);
        string? token = caller switch
        {
            null => null,
            "invalid" => "glpat-invalidinvalidinvalid",
            _ => (await CreateUserWithTokenAsync(caller, admin: caller == "boss", scopes: ["read_api"])).Token,
        };
        if (caller == "member")
        {
            var user = await Get<GitLabLite.Repositories.Users.UserRepository>().FindByUsernameOrNullAsync("member", CancellationToken.None);
            await AddMemberAsync(MemberSource.Group(group.GetProperty("id").GetInt64()), user!, AccessLevel.Guest);
        }
        foreach (var path in new[] { $"/api/v4/groups/{group.GetProperty("id")}", "/api/v4/groups/g" })
        {
            var response = await Client(token).GetAsync(path);
            Assert.AreEqual(expected, response.StatusCode, path);
            if (expected == HttpStatusCode.NotFound)
                Assert.AreEqual("404 Group Not Found", (await JsonAsync(response)).GetProperty("message").GetString());
        }
        if (caller == "invalid") return;
        var listed = await JsonAsync(await Client(token).GetAsync("/api/v4/groups"));
        Assert.AreEqual(expected == HttpStatusCode.OK ? 1 : 0, listed.GetArrayLength());
    }

    [TestMethod]
    public async Task Show_NestedThreeLevelsByEncodedPath_ListsVisibleProjects()
    {
        var (_, ownerToken) = await CreateUserWithTokenAsync("owner");
        var (reader, readerToken) = await CreateUserWithTokenAsync("reader");
        var a = await CreateGroupAsync(ownerToken, "a", "public");
        var b = await CreateGroupAsync(ownerToken, "b", "public", a.GetProperty("id").GetInt64());
        var c = await CreateGroupAsync(ownerToken, "c", "private", b.GetProperty("id").GetInt64());
        await CreateProjectAsync(ownerToken, "secret", namespaceId: "a/b/c");
        await CreateProjectAsync(ownerToken, "open", "internal", namespaceId: "a/b");

        var response = await Client(ownerToken).GetAsync("/api/v4/groups/a%2Fb%2Fc");
        var json = await JsonAsync(response);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, json.ToString());
        Assert.AreEqual(c.GetProperty("id").GetInt64(), json.GetProperty("id").GetInt64());
        Assert.AreEqual("a / b / c", json.GetProperty("full_name").GetString());
        Assert.AreEqual("a/b/c/secret", json.GetProperty("projects")[0].GetProperty("path_with_namespace").GetString());

        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(readerToken).GetAsync("/api/v4/groups/a%2Fb%2Fc")).StatusCode);
        var bShown = await JsonAsync(await Client(readerToken).GetAsync("/api/v4/groups/a%2Fb"));
        Assert.AreEqual("a/b/open", bShown.GetProperty("projects").EnumerateArray().Single().GetProperty("path_with_namespace").GetString());

        // Membership of the top group reaches the third level.
        await AddMemberAsync(MemberSource.Group(a.GetProperty("id").GetInt64()), reader, AccessLevel.Reporter);
        Assert.AreEqual(HttpStatusCode.OK, (await Client(readerToken).GetAsync("/api/v4/groups/a%2Fb%2Fc")).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await Client(readerToken).GetAsync("/api/v4/projects/a%2Fb%2Fc%2Fsecret")).StatusCode);
        var projects = await Client(readerToken).GetAsync($"/api/v4/groups/{c.GetProperty("id")}/projects");
        Assert.AreEqual("1", projects.Headers.GetValues("X-Total").Single());
    }

    [TestMethod]
    public async Task Index_SearchesAndPaginates()
    {
        var (_, token) = await CreateUserWithTokenAsync("owner");
        foreach (var name in new[] { "alpha", "beta", "gamma" }) await CreateGroupAsync(token, name, "public");
        var response = await Client().GetAsync("/api/v4/groups?per_page=2");
        Assert.AreEqual("3", response.Headers.GetValues("X-Total").Single());
        Assert.AreEqual("2", response.Headers.GetValues("X-Next-Page").Single());
        Assert.AreEqual(2, (await JsonAsync(response)).GetArrayLength());
        var found = await JsonAsync(await Client().GetAsync("/api/v4/groups?search=AMM"));
        Assert.AreEqual("gamma", found.EnumerateArray().Single().GetProperty("path").GetString());
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(token).GetAsync("/api/v4/groups/99999/projects")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(token).GetAsync("/api/v4/groups/owner")).StatusCode);
    }

    [TestMethod]
    public async Task SubgroupsAndDescendants_ListTheVisibleGroupsBelow_AndProjectsIncludeSubgroups()
    {
        var (_, ownerToken) = await CreateUserWithTokenAsync("owner");
        var (_, strangerToken) = await CreateUserWithTokenAsync("stranger");
        var top = (await CreateGroupAsync(ownerToken, "top", "public")).GetProperty("id").GetInt64();
        var open = (await CreateGroupAsync(ownerToken, "open", "public", top)).GetProperty("id").GetInt64();
        await CreateGroupAsync(ownerToken, "hidden", "private", top);
        var leaf = (await CreateGroupAsync(ownerToken, "leaf", "public", open)).GetProperty("id").GetInt64();
        await CreateProjectAsync(ownerToken, "root-project", "public", top);
        await CreateProjectAsync(ownerToken, "leaf-project", "public", leaf);

        async Task<string[]> PathsAsync(string token, string url, string field = "full_path") =>
            (await JsonAsync(await Client(token).GetAsync(url))).EnumerateArray().Select(g => g.GetProperty(field).GetString()!).ToArray();

        CollectionAssert.AreEqual(new[] { "top/hidden", "top/open" }, await PathsAsync(ownerToken, $"/api/v4/groups/{top}/subgroups"));
        CollectionAssert.AreEqual(new[] { "top/open" }, await PathsAsync(strangerToken, $"/api/v4/groups/{top}/subgroups"), "a private subgroup stays hidden");
        CollectionAssert.AreEqual(new[] { "top/hidden", "top/open", "top/open/leaf" }, await PathsAsync(ownerToken, "/api/v4/groups/top/descendant_groups"));
        CollectionAssert.AreEqual(new[] { "top/open/leaf" }, await PathsAsync(ownerToken, $"/api/v4/groups/{top}/descendant_groups?search=lea"));
        var paged = await Client(ownerToken).GetAsync($"/api/v4/groups/{top}/descendant_groups?per_page=2&page=2");
        Assert.AreEqual("3", paged.Headers.GetValues("X-Total").Single());
        Assert.AreEqual(1, (await JsonAsync(paged)).GetArrayLength());

        CollectionAssert.AreEqual(new[] { "top/root-project" }, await PathsAsync(strangerToken, $"/api/v4/groups/{top}/projects", "path_with_namespace"));
        CollectionAssert.AreEqual(new[] { "top/open/leaf/leaf-project", "top/root-project" },
            await PathsAsync(strangerToken, $"/api/v4/groups/{top}/projects?include_subgroups=true", "path_with_namespace"));
        Assert.AreEqual(HttpStatusCode.BadRequest, (await Client(ownerToken).GetAsync($"/api/v4/groups/{top}/projects?include_subgroups=maybe")).StatusCode);
    }

    [TestMethod]
    public async Task Destroy_AsOwner_DeletesTheGroupWithSubgroupsProjectsAndRepositories()
    {
        var (_, ownerToken) = await CreateUserWithTokenAsync("owner");
        var (maintainer, maintainerToken) = await CreateUserWithTokenAsync("maint");
        var (_, strangerToken) = await CreateUserWithTokenAsync("stranger");
        var top = (await CreateGroupAsync(ownerToken, "top")).GetProperty("id").GetInt64();
        var sub = (await CreateGroupAsync(ownerToken, "sub", parentId: top)).GetProperty("id").GetInt64();
        var other = (await CreateGroupAsync(ownerToken, "other")).GetProperty("id").GetInt64();
        await CreateProjectAsync(ownerToken, "deep", namespaceId: sub, readme: true);
        await CreateProjectAsync(ownerToken, "kept", namespaceId: other, readme: true);
        await AddMemberAsync(MemberSource.Group(top), maintainer, AccessLevel.Maintainer);
        Assert.IsTrue(Directory.Exists(RepoPath("top/sub/deep")));

        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(strangerToken).DeleteAsync($"/api/v4/groups/{top}")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client(maintainerToken).DeleteAsync($"/api/v4/groups/{top}")).StatusCode, "only Owners remove a group");
        var deleted = await Client(ownerToken).DeleteAsync("/api/v4/groups/top");
        Assert.AreEqual(HttpStatusCode.Accepted, deleted.StatusCode);
        Assert.AreEqual("{\"message\":\"202 Accepted\"}", await deleted.Content.ReadAsStringAsync());

        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(ownerToken).GetAsync($"/api/v4/groups/{sub}")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(ownerToken).GetAsync("/api/v4/projects/top%2Fsub%2Fdeep")).StatusCode);
        Assert.IsFalse(Directory.Exists(RepoPath("top/sub/deep")));
        Assert.AreEqual(0, await CountAsync($"SELECT count(*) FROM members WHERE source_type = 'Namespace' AND source_id IN ({top}, {sub})"));
        Assert.AreEqual(0, await CountAsync("SELECT count(*) FROM routes WHERE path LIKE 'top/%' OR path = 'top'"));
        Assert.AreEqual(HttpStatusCode.OK, (await Client(ownerToken).GetAsync("/api/v4/projects/other%2Fkept")).StatusCode, "other groups are untouched");
        Assert.IsTrue(Directory.Exists(RepoPath("other/kept")));
        Assert.AreEqual(HttpStatusCode.Created, (await PostJsonAsync(Client(ownerToken), "/api/v4/groups", new { path = "top" })).StatusCode, "the path is free again");
    }

    [TestMethod]
    public async Task Update_AsOwner_ChangesNameDescriptionAndVisibility_WithinGitLabsVisibilityRules()
    {
        var (_, ownerToken) = await CreateUserWithTokenAsync("owner");
        var (maintainer, maintainerToken) = await CreateUserWithTokenAsync("maint");
        var top = (await CreateGroupAsync(ownerToken, "top", "internal")).GetProperty("id").GetInt64();
        var sub = (await CreateGroupAsync(ownerToken, "sub", "internal", top)).GetProperty("id").GetInt64();
        await CreateProjectAsync(ownerToken, "lib", "internal", sub);
        await AddMemberAsync(MemberSource.Group(top), maintainer, AccessLevel.Maintainer);

        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client(maintainerToken).PutAsJsonAsync($"/api/v4/groups/{top}", new { description = "x" })).StatusCode,
            "admin_group is the Owner's");
        var renamed = await Client(ownerToken).PutAsJsonAsync($"/api/v4/groups/{top}", new { name = "Top Team", description = "Go modules", path = "top" });
        var json = await JsonAsync(renamed);
        Assert.AreEqual(HttpStatusCode.OK, renamed.StatusCode, json.ToString());
        Assert.AreEqual("Top Team", json.GetProperty("name").GetString());
        Assert.AreEqual("Go modules", json.GetProperty("description").GetString());
        Assert.AreEqual("top", json.GetProperty("full_path").GetString(), "the path is unchanged");
        Assert.AreEqual("Top Team / sub", (await JsonAsync(await Client(ownerToken).GetAsync($"/api/v4/groups/{sub}"))).GetProperty("full_name").GetString());
        Assert.AreEqual("Top Team / sub / lib", (await JsonAsync(await Client(ownerToken).GetAsync("/api/v4/projects/top%2Fsub%2Flib"))).GetProperty("name_with_namespace").GetString());

        var tooOpen = await Client(ownerToken).PutAsJsonAsync($"/api/v4/groups/{sub}", new { visibility = "public" });
        Assert.AreEqual(HttpStatusCode.BadRequest, tooOpen.StatusCode);
        StringAssert.Contains(await tooOpen.Content.ReadAsStringAsync(), "parent group");
        var tooClosed = await Client(ownerToken).PutAsJsonAsync($"/api/v4/groups/{top}", new { visibility = "private" });
        Assert.AreEqual(HttpStatusCode.BadRequest, tooClosed.StatusCode);
        StringAssert.Contains(await tooClosed.Content.ReadAsStringAsync(), "internal");
        Assert.AreEqual(HttpStatusCode.BadRequest, (await Client(ownerToken).PutAsJsonAsync($"/api/v4/groups/{top}", new { path = "elsewhere" })).StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, (await Client(ownerToken).PutAsJsonAsync($"/api/v4/groups/{top}", new { visibility = "open" })).StatusCode);
        Assert.AreEqual("internal", (await JsonAsync(await Client(ownerToken).GetAsync($"/api/v4/groups/{top}"))).GetProperty("visibility").GetString(),
            "refused updates changed nothing");

        Assert.AreEqual(HttpStatusCode.OK, (await Client(ownerToken).PutAsJsonAsync("/api/v4/projects/top%2Fsub%2Flib", new { visibility = "private" })).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await Client(ownerToken).PutAsJsonAsync($"/api/v4/groups/{sub}", new { visibility = "private" })).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await Client(ownerToken).PutAsJsonAsync($"/api/v4/groups/{top}", new { visibility = "private" })).StatusCode,
            "with nothing more visible below, the group may close");
    }
}
