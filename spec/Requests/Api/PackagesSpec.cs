using System.Net;
using System.Text.Json;
using GitLabLite.Git;
using GitLabLite.Models.Packages.Go;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Requests.Api;

/// <summary>GET /projects/:id/packages and /packages/:package_id for Go modules: shapes, module discovery, access, pagination.</summary>
[TestClass]
public sealed class PackagesSpec : RequestSpec
{
    private const string Base = "gitlab.example.com/ns/lib";
    private string _adminToken = null!;
    private User _developer = null!;
    private string _token = null!;
    private Project _project = null!;

    [TestInitialize]
    public async Task BuildRepository()
    {
        var (admin, adminToken) = await CreateUserWithTokenAsync("boss", admin: true);
        _adminToken = adminToken;
        (_developer, _token) = await CreateUserWithTokenAsync("dev", scopes: [TokenScopes.ReadApi]);
        var group = await ProjectFactory.CreateGroupAsync(Services, admin, "ns", visibility: Visibility.Public);
        _project = await ProjectFactory.CreateProjectAsync(Services, admin, "lib", group, Visibility.Private);
        await ProjectFactory.AddMemberAsync(Services, _project, _developer, AccessLevel.Developer);
        using var git = await GitFixture.CreateAsync();
        await git.CommitAsync(new Dictionary<string, string?> { ["go.mod"] = $"module {Base}\n", ["a.go"] = "package a\n" });
        await git.TagAsync("v1.0.0");
        await git.CommitAsync(new Dictionary<string, string?> { ["sub/go.mod"] = $"module {Base}/sub\n", ["sub/s.go"] = "package s\n" });
        await git.TagAsync("v1.1.0");
        await git.TagAsync("sub/v0.1.0");
        await git.CommitAsync(new Dictionary<string, string?> { ["v2/go.mod"] = $"module {Base}/v2\n", ["v2/a.go"] = "package a\n" });
        await git.TagAsync("v2.0.0");
        // Not versions: a non-canonical tag, and a directory tag whose commit has no such module.
        await git.TagAsync("v1.2");
        await git.TagAsync("nothing/v1.0.0");
        await git.PushToAsync(Get<RepositoryStorage>().PathFor(_project.FullPath));
        var response = await Client(_adminToken).PostAsync("/api/v4/features/go_proxy?value=true&project=ns/lib", null);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode);
    }

    private string Url => $"/api/v4/projects/{_project.Id}/packages";

    private static async Task<JsonElement> OkJsonAsync(HttpResponseMessage response)
    {
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    [TestMethod]
    public async Task Index_WithGolangType_ListsEveryModuleVersionInGitLabsShape()
    {
        var json = await OkJsonAsync(await Client(_token).GetAsync($"{Url}?package_type=golang"));
        var pairs = json.EnumerateArray().Select(p => $"{p.GetProperty("name").GetString()}@{p.GetProperty("version").GetString()}").ToList();
        CollectionAssert.AreEquivalent(new[] { $"{Base}@v1.0.0", $"{Base}@v1.1.0", $"{Base}/sub@v0.1.0", $"{Base}/v2@v2.0.0" }, pairs);
        var first = json[0];
        Assert.AreEqual($"{Base}@v1.0.0", $"{first.GetProperty("name").GetString()}@{first.GetProperty("version").GetString()}", "oldest first");
        Assert.AreEqual("golang", first.GetProperty("package_type").GetString());
        Assert.AreEqual("default", first.GetProperty("status").GetString());
        Assert.AreEqual(JsonValueKind.Null, first.GetProperty("pipeline").ValueKind);
        Assert.AreEqual(0, first.GetProperty("tags").GetArrayLength());
        Assert.AreEqual(GitFixture.TimeOf(1).UtcDateTime, first.GetProperty("created_at").GetDateTime().ToUniversalTime());
        var id = first.GetProperty("id").GetInt64();
        Assert.AreEqual(GoPackage.IdFor(_project.Id, Base, "v1.0.0"), id);
        Assert.AreEqual($"/ns/lib/-/packages/{id}", first.GetProperty("_links").GetProperty("web_path").GetString());
    }

    [TestMethod]
    public async Task Index_Twice_GivesStableIds()
    {
        var a = await OkJsonAsync(await Client(_token).GetAsync(Url));
        var b = await OkJsonAsync(await Client(_token).GetAsync(Url));
        CollectionAssert.AreEqual(a.EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ToList(),
            b.EnumerateArray().Select(p => p.GetProperty("id").GetInt64()).ToList());
    }

    [TestMethod]
    public async Task Index_WithPerPage_PaginatesWithGitLabHeaders()
    {
        var response = await Client(_token).GetAsync($"{Url}?per_page=3&page=2");
        var json = await OkJsonAsync(response);
        Assert.AreEqual(1, json.GetArrayLength());
        Assert.AreEqual("4", response.Headers.GetValues("X-Total").Single());
        Assert.AreEqual("2", response.Headers.GetValues("X-Total-Pages").Single());
        Assert.AreEqual("1", response.Headers.GetValues("X-Prev-Page").Single());
    }

    [TestMethod]
    public async Task Index_WithOtherOrUnknownPackageType_IsEmptyOr400()
    {
        Assert.AreEqual(0, (await OkJsonAsync(await Client(_token).GetAsync($"{Url}?package_type=npm"))).GetArrayLength());
        var bad = await Client(_token).GetAsync($"{Url}?package_type=bogus");
        Assert.AreEqual(HttpStatusCode.BadRequest, bad.StatusCode);
        StringAssert.Contains((await JsonAsync(bad)).GetProperty("message").GetString(), "package_type");
    }

    [TestMethod]
    public async Task Show_WithListedId_ReturnsThePackage_AndUnknownIdIs404()
    {
        var list = await OkJsonAsync(await Client(_token).GetAsync(Url));
        var id = list[2].GetProperty("id").GetInt64();
        var one = await OkJsonAsync(await Client(_token).GetAsync($"{Url}/{id}"));
        Assert.AreEqual(list[2].GetProperty("name").GetString(), one.GetProperty("name").GetString());
        Assert.AreEqual(list[2].GetProperty("version").GetString(), one.GetProperty("version").GetString());
        var missing = await Client(_token).GetAsync($"{Url}/12345");
        Assert.AreEqual(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.AreEqual("404 Package Not Found", (await JsonAsync(missing)).GetProperty("message").GetString());
    }

    [TestMethod]
    public async Task Index_ByFullPath_Works()
    {
        var json = await OkJsonAsync(await Client(_token).GetAsync("/api/v4/projects/ns%2Flib/packages"));
        Assert.AreEqual(4, json.GetArrayLength());
    }

    [TestMethod]
    public async Task Index_WithAnonymousOrInvalidToken_Is401AsJson()
    {
        foreach (var client in new[] { Client(), Client("glpat-not-a-real-token") })
        {
            var response = await client.GetAsync(Url);
            Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode);
            Assert.AreEqual("401 Unauthorized", (await JsonAsync(response)).GetProperty("message").GetString());
        }
    }

    [TestMethod]
    public async Task Index_ForStrangerOrMissingProject_Is404Alike()
    {
        var (_, stranger) = await CreateUserWithTokenAsync("stranger", scopes: [TokenScopes.ReadApi]);
        var hidden = await Client(stranger).GetAsync(Url);
        var missing = await Client(stranger).GetAsync("/api/v4/projects/999999/packages");
        Assert.AreEqual(HttpStatusCode.NotFound, hidden.StatusCode);
        Assert.AreEqual(await missing.Content.ReadAsStringAsync(), await hidden.Content.ReadAsStringAsync());
    }

    [TestMethod]
    public async Task Index_ForGuestOrTokenWithoutApiScope_Is403()
    {
        var (guest, guestToken) = await CreateUserWithTokenAsync("guest", scopes: [TokenScopes.ReadApi]);
        await ProjectFactory.AddMemberAsync(Services, _project, guest, AccessLevel.Guest);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client(guestToken).GetAsync(Url)).StatusCode);
        var repoOnly = await CreateTokenAsync(_developer, [TokenScopes.ReadRepository]);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client(repoOnly).GetAsync(Url)).StatusCode);
    }

    [TestMethod]
    public async Task Index_WithGoProxyOff_Is404LikeTheProxy()
    {
        Assert.AreEqual(HttpStatusCode.NoContent, (await Client(_adminToken).DeleteAsync("/api/v4/features/go_proxy")).StatusCode);
        var response = await Client(_token).GetAsync(Url);
        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
        Assert.AreEqual("application/json", response.Content.Headers.ContentType?.MediaType);
    }
}
