using System.Net;
using System.Net.Http.Json;
using GitLabLite.Models.Projects;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Requests.Api;

[TestClass]
public sealed class MembersSpec : ProjectsRequestSpec
{
    [TestMethod]
    public async Task Create_AsMaintainer_AddsMemberWithGitLabShape()
    {
        var (owner, ownerToken) = await CreateUserWithTokenAsync("owner");
        var (bob, _) = await CreateUserWithTokenAsync("bob");
        var project = await CreateProjectAsync(ownerToken, "p");
        var response = await PostJsonAsync(Client(ownerToken), "/api/v4/projects/owner%2Fp/members",
            new { user_id = bob.Id, access_level = 30, expires_at = "2099-12-31" });
        var json = await JsonAsync(response);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, json.ToString());
        Assert.AreEqual(bob.Id, json.GetProperty("id").GetInt64());
        Assert.AreEqual("bob", json.GetProperty("username").GetString());
        Assert.AreEqual("active", json.GetProperty("state").GetString());
        Assert.AreEqual(30, json.GetProperty("access_level").GetInt32());
        Assert.AreEqual("2099-12-31", json.GetProperty("expires_at").GetString());
        Assert.AreEqual($"{AppFactory.ExternalUrl}/bob", json.GetProperty("web_url").GetString());

        var again = await PostJsonAsync(Client(ownerToken), $"/api/v4/projects/{project.GetProperty("id")}/members", new { user_id = bob.Id, access_level = 40 });
        Assert.AreEqual(HttpStatusCode.Conflict, again.StatusCode);
        Assert.AreEqual("Member already exists", (await JsonAsync(again)).GetProperty("message").GetString());

        var list = await Client(ownerToken).GetAsync($"/api/v4/projects/{project.GetProperty("id")}/members");
        Assert.AreEqual("2", list.Headers.GetValues("X-Total").Single());
        CollectionAssert.AreEqual(new[] { owner.Id, bob.Id }, (await JsonAsync(list)).EnumerateArray().Select(m => m.GetProperty("id").GetInt64()).ToArray());
    }

    [TestMethod]
    [DataRow("""{"user_id":2,"access_level":35}""", "access_level")]
    [DataRow("""{"user_id":2}""", "access_level")]
    [DataRow("""{"access_level":30}""", "user_id")]
    [DataRow("""{"user_id":"x","access_level":30}""", "user_id")]
    [DataRow("""{"user_id":2,"access_level":30,"expires_at":"tomorrow"}""", "expires_at")]
    public async Task Create_WithInvalidParams_Returns400(string body, string field)
    {
        var (_, token) = await CreateUserWithTokenAsync("owner");
        await CreateProjectAsync(token, "p");
        var response = await Client(token).PostAsync("/api/v4/projects/owner%2Fp/members", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));
        var text = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode, text);
        StringAssert.Contains(text, field);
    }

    [TestMethod]
    public async Task Create_ByRole_OnlyMaintainersAdd_AndNotAboveTheirLevel()
    {
        var (_, ownerToken) = await CreateUserWithTokenAsync("owner");
        var (dev, devToken) = await CreateUserWithTokenAsync("dev");
        var (maintainer, maintainerToken) = await CreateUserWithTokenAsync("maint");
        var (carol, _) = await CreateUserWithTokenAsync("carol");
        var (_, strangerToken) = await CreateUserWithTokenAsync("stranger");
        var (_, adminToken) = await CreateUserWithTokenAsync("boss", admin: true);
        var id = (await CreateProjectAsync(ownerToken, "p")).GetProperty("id").GetInt64();
        await AddMemberAsync(MemberSource.Project(id), dev, AccessLevel.Developer);
        await AddMemberAsync(MemberSource.Project(id), maintainer, AccessLevel.Maintainer);
        var url = $"/api/v4/projects/{id}/members";

        Assert.AreEqual(HttpStatusCode.Unauthorized, (await PostJsonAsync(Client(), url, new { user_id = carol.Id, access_level = 10 })).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await PostJsonAsync(Client(strangerToken), url, new { user_id = carol.Id, access_level = 10 })).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await PostJsonAsync(Client(devToken), url, new { user_id = carol.Id, access_level = 10 })).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await PostJsonAsync(Client(maintainerToken), url, new { user_id = carol.Id, access_level = 50 })).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await PostJsonAsync(Client(maintainerToken), url, new { user_id = 999999, access_level = 10 })).StatusCode);
        Assert.AreEqual(HttpStatusCode.Created, (await PostJsonAsync(Client(maintainerToken), url, new { user_id = carol.Id, access_level = 40 })).StatusCode);
        Assert.AreEqual(HttpStatusCode.Conflict, (await PostJsonAsync(Client(adminToken), url, new { user_id = carol.Id, access_level = 50 })).StatusCode);
    }

    [TestMethod]
    public async Task Destroy_RemovesMember_LetsMembersLeave_AndProtectsOwners()
    {
        var (owner, ownerToken) = await CreateUserWithTokenAsync("owner");
        var (guest, guestToken) = await CreateUserWithTokenAsync("guest");
        var (dev, devToken) = await CreateUserWithTokenAsync("dev");
        var (maintainer, maintainerToken) = await CreateUserWithTokenAsync("maint");
        var id = (await CreateProjectAsync(ownerToken, "p")).GetProperty("id").GetInt64();
        await AddMemberAsync(MemberSource.Project(id), guest, AccessLevel.Guest);
        await AddMemberAsync(MemberSource.Project(id), dev, AccessLevel.Developer);
        await AddMemberAsync(MemberSource.Project(id), maintainer, AccessLevel.Maintainer);
        var url = $"/api/v4/projects/{id}/members";

        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client(devToken).DeleteAsync($"{url}/{guest.Id}")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client(maintainerToken).DeleteAsync($"{url}/{owner.Id}")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NoContent, (await Client(guestToken).DeleteAsync($"{url}/{guest.Id}")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NoContent, (await Client(maintainerToken).DeleteAsync($"{url}/{dev.Id}")).StatusCode);
        var missing = await Client(maintainerToken).DeleteAsync($"{url}/{dev.Id}");
        Assert.AreEqual(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.AreEqual("404 Member Not Found", (await JsonAsync(missing)).GetProperty("message").GetString());
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(maintainerToken).DeleteAsync($"{url}/abc")).StatusCode);
        // The guest left: the private project is gone for them.
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(guestToken).GetAsync($"/api/v4/projects/{id}")).StatusCode);
    }

    [TestMethod]
    public async Task All_IncludesMembersInheritedThroughThreeGroupLevels()
    {
        var (owner, ownerToken) = await CreateUserWithTokenAsync("owner");
        var (top, topToken) = await CreateUserWithTokenAsync("top");
        var (mid, _) = await CreateUserWithTokenAsync("mid");
        var (direct, _) = await CreateUserWithTokenAsync("direct");
        var a = await CreateGroupAsync(ownerToken, "a");
        var b = await CreateGroupAsync(ownerToken, "b", parentId: a.GetProperty("id").GetInt64());
        await CreateGroupAsync(ownerToken, "c", parentId: b.GetProperty("id").GetInt64());
        var id = (await CreateProjectAsync(ownerToken, "p", namespaceId: "a/b/c")).GetProperty("id").GetInt64();
        await AddMemberAsync(MemberSource.Group(a.GetProperty("id").GetInt64()), top, AccessLevel.Maintainer);
        await AddMemberAsync(MemberSource.Group(b.GetProperty("id").GetInt64()), mid, AccessLevel.Reporter);
        await AddMemberAsync(MemberSource.Project(id), direct, AccessLevel.Guest);
        await AddMemberAsync(MemberSource.Project(id), mid, AccessLevel.Developer);

        var direct_ = await JsonAsync(await Client(ownerToken).GetAsync($"/api/v4/projects/{id}/members"));
        Assert.AreEqual(2, direct_.GetArrayLength());
        var all = await Client(topToken).GetAsync("/api/v4/projects/a%2Fb%2Fc%2Fp/members/all");
        Assert.AreEqual(HttpStatusCode.OK, all.StatusCode);
        var levels = (await JsonAsync(all)).EnumerateArray().ToDictionary(m => m.GetProperty("username").GetString()!, m => m.GetProperty("access_level").GetInt32());
        // Every group's creator is its Owner; mid has Developer directly, above the inherited Reporter.
        CollectionAssert.AreEquivalent(new Dictionary<string, int> { ["owner"] = 50, ["top"] = 40, ["mid"] = 30, ["direct"] = 10 }, levels);
        Assert.AreEqual("4", all.Headers.GetValues("X-Total").Single());

        // A Maintainer inherited from the top group may manage the project's members.
        var (eve, _) = await CreateUserWithTokenAsync("eve");
        Assert.AreEqual(HttpStatusCode.Created, (await PostJsonAsync(Client(topToken), $"/api/v4/projects/{id}/members", new { user_id = eve.Id, access_level = 20 })).StatusCode);
        _ = owner;
    }

    [TestMethod]
    public async Task GroupMembers_AddListAndConflict()
    {
        var (_, ownerToken) = await CreateUserWithTokenAsync("owner");
        var (bob, bobToken) = await CreateUserWithTokenAsync("bob");
        var (carol, _) = await CreateUserWithTokenAsync("carol");
        await CreateGroupAsync(ownerToken, "team");
        Assert.AreEqual(HttpStatusCode.NotFound, (await PostJsonAsync(Client(bobToken), "/api/v4/groups/team/members", new { user_id = carol.Id, access_level = 10 })).StatusCode);
        var added = await PostJsonAsync(Client(ownerToken), "/api/v4/groups/team/members", new { user_id = bob.Id, access_level = 30 });
        Assert.AreEqual(HttpStatusCode.Created, added.StatusCode);
        Assert.AreEqual(HttpStatusCode.Conflict, (await PostJsonAsync(Client(ownerToken), "/api/v4/groups/team/members", new { user_id = bob.Id, access_level = 30 })).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await PostJsonAsync(Client(bobToken), "/api/v4/groups/team/members", new { user_id = carol.Id, access_level = 10 })).StatusCode);
        var list = await JsonAsync(await Client(bobToken).GetAsync("/api/v4/groups/team/members"));
        CollectionAssert.AreEqual(new[] { "owner", "bob" }, list.EnumerateArray().Select(m => m.GetProperty("username").GetString()).ToArray());
        // Group Developers do not create projects in it (GitLabLite asks Maintainer).
        Assert.AreEqual(HttpStatusCode.Forbidden, (await PostJsonAsync(Client(bobToken), "/api/v4/projects", new { path = "x", namespace_id = "team" })).StatusCode);
    }

    [TestMethod]
    public async Task Show_AnswersADirectMember_AndAllShowAnInheritedOne()
    {
        var (_, ownerToken) = await CreateUserWithTokenAsync("owner");
        var (dev, _) = await CreateUserWithTokenAsync("dev");
        var (carol, _) = await CreateUserWithTokenAsync("carol");
        var (_, strangerToken) = await CreateUserWithTokenAsync("stranger");
        var group = await CreateGroupAsync(ownerToken, "team");
        var groupId = group.GetProperty("id").GetInt64();
        var sub = (await CreateGroupAsync(ownerToken, "sub", parentId: groupId)).GetProperty("id").GetInt64();
        var project = (await CreateProjectAsync(ownerToken, "p", namespaceId: sub)).GetProperty("id").GetInt64();
        await AddMemberAsync(MemberSource.Group(groupId), dev, AccessLevel.Developer);
        await AddMemberAsync(MemberSource.Project(project), carol, AccessLevel.Reporter);

        var direct = await Client(ownerToken).GetAsync($"/api/v4/projects/{project}/members/{carol.Id}");
        var json = await JsonAsync(direct);
        Assert.AreEqual(HttpStatusCode.OK, direct.StatusCode, json.ToString());
        Assert.AreEqual("carol", json.GetProperty("username").GetString());
        Assert.AreEqual(20, json.GetProperty("access_level").GetInt32());
        Assert.AreEqual("{\"message\":\"404 Member Not Found\"}", await (await Client(ownerToken).GetAsync($"/api/v4/projects/{project}/members/{dev.Id}")).Content.ReadAsStringAsync(),
            "dev is no direct member of the project");
        Assert.AreEqual(30, (await JsonAsync(await Client(ownerToken).GetAsync($"/api/v4/projects/{project}/members/all/{dev.Id}"))).GetProperty("access_level").GetInt32());
        Assert.AreEqual(30, (await JsonAsync(await Client(ownerToken).GetAsync($"/api/v4/groups/team%2Fsub/members/all/{dev.Id}"))).GetProperty("access_level").GetInt32());
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(ownerToken).GetAsync($"/api/v4/groups/{sub}/members/{dev.Id}")).StatusCode);
        Assert.AreEqual(30, (await JsonAsync(await Client(ownerToken).GetAsync($"/api/v4/groups/{groupId}/members/{dev.Id}"))).GetProperty("access_level").GetInt32());
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(ownerToken).GetAsync($"/api/v4/projects/{project}/members/abc")).StatusCode);

        var all = await Client(ownerToken).GetAsync($"/api/v4/groups/{sub}/members/all");
        Assert.AreEqual("2", all.Headers.GetValues("X-Total").Single());
        CollectionAssert.AreEquivalent(new[] { "owner", "dev" }, (await JsonAsync(all)).EnumerateArray().Select(m => m.GetProperty("username").GetString()).ToArray());

        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(strangerToken).GetAsync($"/api/v4/projects/{project}/members/{carol.Id}")).StatusCode,
            "a private project's members stay hidden");
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(strangerToken).GetAsync($"/api/v4/groups/{sub}/members/all")).StatusCode);
    }

    [TestMethod]
    public async Task Update_ChangesLevelAndExpiry_WithinTheCallersOwnLevel()
    {
        var (_, ownerToken) = await CreateUserWithTokenAsync("owner");
        var (maintainer, maintainerToken) = await CreateUserWithTokenAsync("maint");
        var (dev, devToken) = await CreateUserWithTokenAsync("dev");
        var (carol, _) = await CreateUserWithTokenAsync("carol");
        var id = (await CreateProjectAsync(ownerToken, "p")).GetProperty("id").GetInt64();
        await AddMemberAsync(MemberSource.Project(id), maintainer, AccessLevel.Maintainer);
        await AddMemberAsync(MemberSource.Project(id), dev, AccessLevel.Developer);
        await AddMemberAsync(MemberSource.Project(id), carol, AccessLevel.Reporter);
        var carolUrl = $"/api/v4/projects/{id}/members/{carol.Id}";

        var promoted = await Client(maintainerToken).PutAsJsonAsync(carolUrl, new { access_level = 40, expires_at = "2099-01-31" });
        var json = await JsonAsync(promoted);
        Assert.AreEqual(HttpStatusCode.OK, promoted.StatusCode, json.ToString());
        Assert.AreEqual(40, json.GetProperty("access_level").GetInt32());
        Assert.AreEqual("2099-01-31", json.GetProperty("expires_at").GetString());

        var kept = await JsonAsync(await Client(ownerToken).PutAsJsonAsync(carolUrl, new { access_level = 30 }));
        Assert.AreEqual("2099-01-31", kept.GetProperty("expires_at").GetString(), "an absent expires_at keeps the expiry");
        var cleared = await JsonAsync(await Client(ownerToken).PutAsJsonAsync(carolUrl, new { access_level = 30, expires_at = "" }));
        Assert.AreEqual(System.Text.Json.JsonValueKind.Null, cleared.GetProperty("expires_at").ValueKind, "an empty expires_at ends the expiry");

        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client(maintainerToken).PutAsJsonAsync(carolUrl, new { access_level = 50 })).StatusCode, "only Owners make Owners");
        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client(devToken).PutAsJsonAsync(carolUrl, new { access_level = 10 })).StatusCode, "Developers manage no members");
        Assert.AreEqual(HttpStatusCode.BadRequest, (await Client(ownerToken).PutAsJsonAsync(carolUrl, new { access_level = 35 })).StatusCode);
        Assert.AreEqual(HttpStatusCode.BadRequest, (await Client(ownerToken).PutAsJsonAsync(carolUrl, new { expires_at = "2099-01-31" })).StatusCode, "access_level is required");
        Assert.AreEqual(HttpStatusCode.BadRequest, (await Client(ownerToken).PutAsJsonAsync(carolUrl, new { access_level = 30, expires_at = "2001-01-01" })).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(ownerToken).PutAsJsonAsync($"/api/v4/projects/{id}/members/999999", new { access_level = 30 })).StatusCode);
        Assert.AreEqual(30, (await JsonAsync(await Client(ownerToken).GetAsync(carolUrl))).GetProperty("access_level").GetInt32(), "refused updates changed nothing");
    }

    [TestMethod]
    public async Task Update_OnAGroup_NeedsAnOwner_AndKeepsTheLastOwner()
    {
        var (owner, ownerToken) = await CreateUserWithTokenAsync("owner");
        var (maintainer, maintainerToken) = await CreateUserWithTokenAsync("maint");
        var (_, adminToken) = await CreateUserWithTokenAsync("boss", admin: true);
        var groupId = (await CreateGroupAsync(ownerToken, "team")).GetProperty("id").GetInt64();
        await AddMemberAsync(MemberSource.Group(groupId), maintainer, AccessLevel.Maintainer);

        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client(maintainerToken).PutAsJsonAsync($"/api/v4/groups/{groupId}/members/{maintainer.Id}", new { access_level = 50 })).StatusCode,
            "a group's members are managed by its Owners");
        var lastOwner = await Client(adminToken).PutAsJsonAsync($"/api/v4/groups/{groupId}/members/{owner.Id}", new { access_level = 40 });
        Assert.AreEqual(HttpStatusCode.Forbidden, lastOwner.StatusCode);
        StringAssert.Contains(await lastOwner.Content.ReadAsStringAsync(), "at least one Owner");

        Assert.AreEqual(HttpStatusCode.OK, (await Client(ownerToken).PutAsJsonAsync($"/api/v4/groups/{groupId}/members/{maintainer.Id}", new { access_level = 50 })).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await Client(maintainerToken).PutAsJsonAsync($"/api/v4/groups/{groupId}/members/{owner.Id}", new { access_level = 30 })).StatusCode,
            "with a second Owner the first may step down");
        Assert.AreEqual(30, (await JsonAsync(await Client(adminToken).GetAsync($"/api/v4/groups/{groupId}/members/{owner.Id}"))).GetProperty("access_level").GetInt32());
    }
}
