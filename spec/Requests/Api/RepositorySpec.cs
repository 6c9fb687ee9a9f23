using System.Net;
using System.Text.Json;
using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Requests.Api;

[TestClass]
public sealed class RepositorySpec : RequestSpec
{
    private GitCli _git = null!;

    [TestInitialize]
    public void CreateGit() => _git = new GitCli();

    [TestCleanup]
    public void RemoveGit() => _git.Dispose();

    /// <summary>
    /// Commits on 2024-01-01, 01-02 and 01-03; tags v1.0.0 and sub/v0.1.0 on the first, v1.2.0 on the second, the
    /// annotated v1.10.0 on the third; branches main and feature/x (at the second commit).
    /// </summary>
    private async Task<(Project Project, string Work)> CreateFixtureAsync(User owner, Namespace? ns = null, Visibility visibility = Visibility.Private)
    {
        var project = await ProjectFactory.CreateProjectAsync(Services, owner, "lib", ns, visibility);
        var work = await _git.NewWorkingCopyAsync("work", ("a.txt", "1"), ("b.txt", "2"), ("c.txt", "3"));
        await _git.MustAsync(work, "tag", "v1.0.0", "HEAD~2");
        await _git.MustAsync(work, "tag", "sub/v0.1.0", "HEAD~2");
        await _git.MustAsync(work, "tag", "v1.2.0", "HEAD~1");
        await _git.MustAsync(work, "tag", "-a", "v1.10.0", "-m", "Release notes");
        await _git.MustAsync(work, "branch", "feature/x", "HEAD~1");
        await _git.MustAsync(work, "push", "-q", Get<RepositoryStorage>().PathFor(project.FullPath), "main", "feature/x", "--tags");
        return (project, work);
    }

    private static string[] Names(JsonElement array) => array.EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToArray();

    [TestMethod]
    public async Task Tags_ByDefault_ListNewestCommitFirstInGitLabShape()
    {
        var (owner, token) = await CreateUserWithTokenAsync("owner", scopes: [TokenScopes.ReadApi]);
        var (project, work) = await CreateFixtureAsync(owner);
        var response = await Client(token).GetAsync($"/api/v4/projects/{project.Id}/repository/tags");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("4", response.Headers.GetValues("X-Total").Single());
        var tags = await JsonAsync(response);
        CollectionAssert.AreEqual(new[] { "v1.10.0", "v1.2.0", "v1.0.0", "sub/v0.1.0" }, Names(tags));

        var annotated = tags[0];
        var head = await _git.MustAsync(work, "rev-parse", "HEAD");
        Assert.AreEqual("Release notes\n", annotated.GetProperty("message").GetString());
        Assert.AreEqual(await _git.MustAsync(work, "rev-parse", "v1.10.0"), annotated.GetProperty("target").GetString());
        Assert.AreEqual(JsonValueKind.Null, annotated.GetProperty("release").ValueKind);
        Assert.IsFalse(annotated.GetProperty("protected").GetBoolean());
        Assert.AreNotEqual(JsonValueKind.Null, annotated.GetProperty("created_at").ValueKind);
        var commit = annotated.GetProperty("commit");
        Assert.AreEqual(head, commit.GetProperty("id").GetString());
        Assert.AreEqual(head[..8], commit.GetProperty("short_id").GetString());
        Assert.AreEqual("Change c.txt", commit.GetProperty("title").GetString());
        Assert.AreEqual("Spec Author", commit.GetProperty("author_name").GetString());
        Assert.AreEqual("author@example.com", commit.GetProperty("author_email").GetString());
        Assert.AreEqual("2024-01-03T12:00:00.000+00:00", commit.GetProperty("committed_date").GetString());
        Assert.AreEqual(1, commit.GetProperty("parent_ids").GetArrayLength());
        Assert.AreEqual($"{AppFactory.ExternalUrl}/owner/lib/-/commit/{head}", commit.GetProperty("web_url").GetString());

        var lightweight = tags[2];
        Assert.AreEqual("", lightweight.GetProperty("message").GetString());
        Assert.AreEqual(lightweight.GetProperty("commit").GetProperty("id").GetString(), lightweight.GetProperty("target").GetString());
        Assert.AreEqual(JsonValueKind.Null, lightweight.GetProperty("created_at").ValueKind);
    }

    [TestMethod]
    public async Task Tags_WithOrderSortSearchAndPages_FollowGitLab()
    {
        var (owner, token) = await CreateUserWithTokenAsync("owner");
        var (project, _) = await CreateFixtureAsync(owner);
        async Task<string[]> List(string query) => Names(await JsonAsync(await Client(token).GetAsync($"/api/v4/projects/owner%2Flib/repository/tags?{query}")));

        CollectionAssert.AreEqual(new[] { "sub/v0.1.0", "v1.0.0", "v1.10.0", "v1.2.0" }, await List("order_by=name&sort=asc"));
        CollectionAssert.AreEqual(new[] { "sub/v0.1.0", "v1.0.0", "v1.2.0", "v1.10.0" }, await List("order_by=version&sort=asc"));
        CollectionAssert.AreEqual(new[] { "v1.10.0", "v1.2.0", "v1.0.0" }, await List("order_by=version&search=%5Ev1"));
        CollectionAssert.AreEqual(new[] { "v1.10.0", "v1.0.0" }, await List("search=0.0%24"));
        CollectionAssert.AreEqual(new[] { "sub/v0.1.0" }, await List("search=SUB"));
        var page = await Client(token).GetAsync($"/api/v4/projects/{project.Id}/repository/tags?per_page=3&page=2");
        CollectionAssert.AreEqual(new[] { "sub/v0.1.0" }, Names(await JsonAsync(page)));
        Assert.AreEqual("2", page.Headers.GetValues("X-Total-Pages").Single());

        var invalid = await Client(token).GetAsync($"/api/v4/projects/{project.Id}/repository/tags?order_by=size");
        Assert.AreEqual(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.IsTrue((await JsonAsync(invalid)).GetProperty("message").TryGetProperty("order_by", out _));
    }

    [TestMethod]
    public async Task Tag_ByUrlEncodedName_ReturnsIt_AndUnknownIs404()
    {
        var (owner, token) = await CreateUserWithTokenAsync("owner");
        var (project, _) = await CreateFixtureAsync(owner);
        var tag = await Client(token).GetAsync($"/api/v4/projects/owner%2Flib/repository/tags/sub%2Fv0.1.0");
        Assert.AreEqual(HttpStatusCode.OK, tag.StatusCode);
        Assert.AreEqual("sub/v0.1.0", (await JsonAsync(tag)).GetProperty("name").GetString());
        var missing = await Client(token).GetAsync($"/api/v4/projects/{project.Id}/repository/tags/v9.9.9");
        Assert.AreEqual(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.AreEqual("404 Tag Not Found", (await JsonAsync(missing)).GetProperty("message").GetString());
    }

    [TestMethod]
    [DataRow("a..b")]
    [DataRow("v1~1")]
    [DataRow("v1%5E%7B%7D")]
    [DataRow("x%3Ay")]
    [DataRow("a%20b")]
    [DataRow("foo.lock")]
    [DataRow("%40%7B1%7D")]
    [DataRow("ends%2F")]
    [DataRow("%2Fstarts")]
    [DataRow("sub%2F.hidden")]
    [DataRow("back%5Cslash")]
    [DataRow("star*")]
    [DataRow("v1%3F")]
    public async Task TagAndBranch_WithANameGitCannotStore_Are404(string encoded)
    {
        var (owner, token) = await CreateUserWithTokenAsync("owner");
        var (project, _) = await CreateFixtureAsync(owner);
        foreach (var (kind, what) in new[] { ("tags", "Tag"), ("branches", "Branch") })
        {
            var response = await Client(token).GetAsync($"/api/v4/projects/{project.Id}/repository/{kind}/{encoded}");
            Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode, $"{kind}/{encoded}: {await response.Content.ReadAsStringAsync()}");
            Assert.AreEqual($"404 {what} Not Found", (await JsonAsync(response)).GetProperty("message").GetString(), $"{kind}/{encoded}");
        }
    }

    [TestMethod]
    public async Task Branches_ListByNameWithDefaultAndCallersPushRight()
    {
        var (owner, token) = await CreateUserWithTokenAsync("owner");
        var (project, work) = await CreateFixtureAsync(owner);
        var branches = await JsonAsync(await Client(token).GetAsync($"/api/v4/projects/{project.Id}/repository/branches"));
        CollectionAssert.AreEqual(new[] { "feature/x", "main" }, Names(branches));
        var main = branches[1];
        Assert.IsTrue(main.GetProperty("default").GetBoolean());
        Assert.IsTrue(main.GetProperty("can_push").GetBoolean());
        Assert.IsFalse(main.GetProperty("merged").GetBoolean());
        Assert.IsFalse(main.GetProperty("protected").GetBoolean());
        Assert.AreEqual($"{AppFactory.ExternalUrl}/owner/lib/-/tree/main", main.GetProperty("web_url").GetString());
        Assert.AreEqual(await _git.MustAsync(work, "rev-parse", "main"), main.GetProperty("commit").GetProperty("id").GetString());
        Assert.IsFalse(branches[0].GetProperty("default").GetBoolean());

        var reporter = await CreateUserAsync("reporter");
        await ProjectFactory.AddMemberAsync(Services, project, reporter, AccessLevel.Reporter);
        var one = await Client(await CreateTokenAsync(reporter, [TokenScopes.ReadApi])).GetAsync($"/api/v4/projects/owner%2Flib/repository/branches/feature%2Fx");
        Assert.AreEqual(HttpStatusCode.OK, one.StatusCode);
        var feature = await JsonAsync(one);
        Assert.AreEqual("feature/x", feature.GetProperty("name").GetString());
        Assert.IsFalse(feature.GetProperty("can_push").GetBoolean());
        CollectionAssert.AreEqual(new[] { "feature/x" }, Names(await JsonAsync(await Client(token).GetAsync($"/api/v4/projects/{project.Id}/repository/branches?search=feat"))));
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(token).GetAsync($"/api/v4/projects/{project.Id}/repository/branches/nope")).StatusCode);
    }

    [TestMethod]
    public async Task TagsAndBranches_OfEmptyRepository_AreEmptyLists()
    {
        var (owner, token) = await CreateUserWithTokenAsync("owner");
        var project = await ProjectFactory.CreateProjectAsync(Services, owner, "empty");
        Assert.AreEqual(0, (await JsonAsync(await Client(token).GetAsync($"/api/v4/projects/{project.Id}/repository/tags"))).GetArrayLength());
        Assert.AreEqual(0, (await JsonAsync(await Client(token).GetAsync($"/api/v4/projects/{project.Id}/repository/branches"))).GetArrayLength());
    }

    [TestMethod]
    public async Task Tags_Access_FollowsVisibilityRolesAndScopes()
    {
        var owner = await CreateUserAsync("owner");
        var group = await ProjectFactory.CreateGroupAsync(Services, owner, "grp", visibility: Visibility.Public);
        var (project, _) = await CreateFixtureAsync(owner, group);
        var url = $"/api/v4/projects/{project.Id}/repository/tags";
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client().GetAsync(url)).StatusCode);

        var (_, strangerToken) = await CreateUserWithTokenAsync("stranger");
        var stranger = await Client(strangerToken).GetAsync(url);
        Assert.AreEqual(HttpStatusCode.NotFound, stranger.StatusCode);
        Assert.AreEqual("404 Project Not Found", (await JsonAsync(stranger)).GetProperty("message").GetString());
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(strangerToken).GetAsync("/api/v4/projects/grp%2Fnothing/repository/tags")).StatusCode);

        var guest = await CreateUserAsync("guest");
        await ProjectFactory.AddMemberAsync(Services, project, guest, AccessLevel.Guest);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client(await CreateTokenAsync(guest)).GetAsync(url)).StatusCode);
        var reporter = await CreateUserAsync("reporter");
        await ProjectFactory.AddMemberAsync(Services, project, reporter, AccessLevel.Reporter);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client(await CreateTokenAsync(reporter, [TokenScopes.ReadRepository])).GetAsync(url)).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await Client(await CreateTokenAsync(reporter, [TokenScopes.ReadApi])).GetAsync("/api/v4/projects/grp%2Flib/repository/tags")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client("glpat-notarealtokenatallxxxx").GetAsync(url)).StatusCode);

        var open = await ProjectFactory.CreateProjectAsync(Services, owner, "open", group, Visibility.Public);
        Assert.AreEqual(HttpStatusCode.OK, (await Client().GetAsync($"/api/v4/projects/grp%2Fopen/repository/branches")).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await Client().GetAsync($"/api/v4/projects/{open.Id}/repository/tags")).StatusCode);
    }
}
