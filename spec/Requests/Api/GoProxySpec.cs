using System.IO.Compression;
using System.Net;
using System.Text.Json;
using GitLabLite.Git;
using GitLabLite.Golang;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Requests.Api;

/// <summary>
/// GitLab's go_proxy_spec fixture F1 (gitlab-go-proxy.md §8) through the real HTTP pipeline, with the answers the
/// go command's direct mode gives where GitLab deviates (root v1.0.0 without go.mod is a module; sub-directory
/// modules use dir/ tags).
/// </summary>
[TestClass]
public sealed class GoProxySpec : RequestSpec
{
    private const string Host = "gitlab.example.com";
    private User _admin = null!;
    private string _adminToken = null!;
    private User _developer = null!;
    private string _token = null!;
    private Project _project = null!;
    private string _base = null!;
    private readonly Dictionary<string, string> _commits = [];

    [TestInitialize]
    public async Task BuildF1()
    {
        (_admin, _adminToken) = await CreateUserWithTokenAsync("boss", admin: true);
        (_developer, _token) = await CreateUserWithTokenAsync("dev", scopes: [TokenScopes.ReadApi]);
        var group = await ProjectFactory.CreateGroupAsync(Services, _admin, "ns", visibility: Visibility.Public);
        _project = await ProjectFactory.CreateProjectAsync(Services, _admin, "my-go-lib", group, Visibility.Private);
        await ProjectFactory.AddMemberAsync(Services, _project, _developer, AccessLevel.Developer);
        _base = $"{Host}/ns/my-go-lib";
        using var git = await GitFixture.CreateAsync();
        _commits["c1"] = await git.CommitAsync("README.md", "Hi");
        await git.TagAsync("v1.0.0");
        _commits["c2"] = await git.CommitAsync(new Dictionary<string, string?> { ["go.mod"] = $"module {_base}\n", ["a.go"] = "package a\nfunc Hi() { println(\"Hello world!\") }\n" });
        await git.TagAsync("v1.0.1");
        _commits["c3"] = await git.CommitAsync("pkg/b.go", "package b\nfunc Bye() { println(\"Goodbye world!\") }\n");
        await git.TagAsync("v1.0.2", "annotated release");
        _commits["c4"] = await git.CommitAsync(new Dictionary<string, string?> { ["mod/go.mod"] = $"module {_base}/mod\n", ["mod/a.go"] = "package a\n" });
        await git.TagAsync("v1.0.3");
        _commits["c5"] = await git.CommitAsync("y.go", "package a\n");
        _commits["c6"] = await git.CommitAsync(new Dictionary<string, string?> { ["v2/go.mod"] = $"module {_base}/v2\n", ["v2/a.go"] = "package a\n" });
        _commits["c7"] = await git.CommitAsync("v2/x.go", "package a\n");
        await git.TagAsync("v2.0.0");
        await git.TagAsync("mod/v1.1.0");
        await git.PushToAsync(Get<RepositoryStorage>().PathFor(_project.FullPath));
        await EnableAsync("value=true&project=ns/my-go-lib");
    }

    private async Task EnableAsync(string query)
    {
        var response = await Client(_adminToken).PostAsync($"/api/v4/features/go_proxy?{query}", null);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private string P => $"/api/v4/projects/{_project.Id}/packages/go";

    private Task<HttpResponseMessage> GetAsync(string path, string? token = null) => BasicClient(token ?? _token).GetAsync(P + "/" + path);

    private async Task<string> BodyAsync(string path, HttpStatusCode expected = HttpStatusCode.OK, string? token = null)
    {
        var response = await GetAsync(path, token);
        var body = await response.Content.ReadAsStringAsync();
        Assert.AreEqual(expected, response.StatusCode, $"{path}: {body}");
        return body;
    }

    private static string[] Lines(string body) => body.Split('\n', StringSplitOptions.RemoveEmptyEntries);

    private static string Ts(string commit) => TimeOf(commit).ToString(PseudoVersion.TimestampFormat);

    private static DateTime TimeOf(string commit) => GitFixture.TimeOf(int.Parse(commit[1..])).UtcDateTime;

    [TestMethod]
    public async Task List_RootModule_ListsCanonicalTagsOfMajorOneIncludingGoModLessVersion()
    {
        CollectionAssert.AreEqual(new[] { "v1.0.0", "v1.0.1", "v1.0.2", "v1.0.3" }, Lines(await BodyAsync($"{_base}/@v/list")));
    }

    [TestMethod]
    public async Task List_SubdirectoryAndMajorModules_UseTheirOwnTags()
    {
        CollectionAssert.AreEqual(new[] { "v1.1.0" }, Lines(await BodyAsync($"{_base}/mod/@v/list")));
        CollectionAssert.AreEqual(new[] { "v2.0.0" }, Lines(await BodyAsync($"{_base}/v2/@v/list")));
        Assert.AreEqual("", await BodyAsync($"{_base}/pkg/@v/list"));
    }

    [TestMethod]
    public async Task List_PathsThatAreNotModulesOfTheProject_Return404()
    {
        await BodyAsync($"{_base}/%2E%2E%2Fxyz/@v/list", HttpStatusCode.NotFound);
        await BodyAsync($"{_base}/../xyz/@v/list", HttpStatusCode.NotFound);
        await BodyAsync($"example.com/other/@v/list", HttpStatusCode.NotFound);
        await BodyAsync($"{Host}/ns/other-proj/@v/list", HttpStatusCode.NotFound);
        await BodyAsync($"{Host}/ns/@v/list", HttpStatusCode.NotFound);
        await BodyAsync($"{_base.ToUpperInvariant()}/@v/list", HttpStatusCode.NotFound);
        await BodyAsync($"{_base}/@v/nothing", HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task Info_Tag_ReturnsVersionAndCommitterTimeInUtc()
    {
        var info = JsonDocument.Parse(await BodyAsync($"{_base}/@v/v1.0.1.info")).RootElement;
        Assert.AreEqual("v1.0.1", info.GetProperty("Version").GetString());
        Assert.AreEqual(TimeOf("c2").ToString("yyyy-MM-dd'T'HH:mm:ss'Z'"), info.GetProperty("Time").GetString());
        Assert.AreEqual(_commits["c2"], info.GetProperty("Origin").GetProperty("Hash").GetString());
        Assert.AreEqual("refs/tags/v1.0.1", info.GetProperty("Origin").GetProperty("Ref").GetString());
    }

    [TestMethod]
    public async Task Info_MajorVersionMismatches_Return404()
    {
        await BodyAsync($"{_base}/@v/v2.0.0.info", HttpStatusCode.NotFound);
        await BodyAsync($"{_base}/v2/@v/v1.0.1.info", HttpStatusCode.NotFound);
        await BodyAsync($"{_base}/@v/v2.0.1-0.{Ts("c5")}-{_commits["c5"][..12]}+incompatible.info", HttpStatusCode.NotFound);
        await BodyAsync($"{_base}/pkg/@v/v1.0.3.info", HttpStatusCode.NotFound);
        await BodyAsync($"{_base}/@v/v9.9.9.info", HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task Info_SubdirectoryModuleWithRootTag_FallsBackAsGitLabDoesWithoutListingIt()
    {
        var info = JsonDocument.Parse(await BodyAsync($"{_base}/mod/@v/v1.0.3.info")).RootElement;
        Assert.AreEqual("v1.0.3", info.GetProperty("Version").GetString());
        Assert.AreEqual($"module {_base}/mod\n", await BodyAsync($"{_base}/mod/@v/v1.0.3.mod"));
        await BodyAsync($"{_base}/mod/@v/v1.0.1.info", HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task Info_PseudoVersions_AreValidatedAgainstTheRepository()
    {
        var good = $"v1.0.4-0.{Ts("c5")}-{_commits["c5"][..12]}";
        Assert.AreEqual(good, JsonDocument.Parse(await BodyAsync($"{_base}/@v/{good}.info")).RootElement.GetProperty("Version").GetString());
        var v2 = $"v2.0.0-{Ts("c6")}-{_commits["c6"][..12]}";
        Assert.AreEqual(v2, JsonDocument.Parse(await BodyAsync($"{_base}/v2/@v/{v2}.info")).RootElement.GetProperty("Version").GetString());
        await BodyAsync($"{_base}/@v/v1.0.4-0.00000000000000-{_commits["c5"][..12]}.info", HttpStatusCode.NotFound);
        await BodyAsync($"{_base}/@v/v1.0.4-0.{Ts("c5")}-000000000000.info", HttpStatusCode.NotFound);
        await BodyAsync($"{_base}/@v/v1.0.4-0.{Ts("c5")}-{_commits["c5"][..11]}.info", HttpStatusCode.NotFound);
        // A base that is not an ancestor tag, and a v1 pseudo-version without any base, are refused as go refuses them.
        await BodyAsync($"{_base}/@v/v1.0.5-0.{Ts("c5")}-{_commits["c5"][..12]}.info", HttpStatusCode.NotFound);
        await BodyAsync($"{_base}/@v/v1.0.0-{Ts("c5")}-{_commits["c5"][..12]}.info", HttpStatusCode.NotFound);
        Assert.AreEqual($"module {_base}\n", await BodyAsync($"{_base}/@v/{good}.mod"));
    }

    [TestMethod]
    public async Task Info_BranchAndCommitQueries_ResolveToCanonicalVersions()
    {
        var head = $"v1.0.4-0.{Ts("c7")}-{_commits["c7"][..12]}";
        Assert.AreEqual(head, JsonDocument.Parse(await BodyAsync($"{_base}/@v/main.info")).RootElement.GetProperty("Version").GetString());
        Assert.AreEqual("v1.0.2", JsonDocument.Parse(await BodyAsync($"{_base}/@v/{_commits["c3"][..10]}.info")).RootElement.GetProperty("Version").GetString());
        await BodyAsync($"{_base}/@v/main.mod", HttpStatusCode.NotFound);
        await BodyAsync($"{_base}/@v/no-such-branch.info", HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task Latest_ReturnsHighestRelease()
    {
        var latest = JsonDocument.Parse(await BodyAsync($"{_base}/@latest")).RootElement;
        Assert.AreEqual("v1.0.3", latest.GetProperty("Version").GetString());
    }

    [TestMethod]
    public async Task Mod_ReturnsRawGoModOrTheSynthesisedOne()
    {
        Assert.AreEqual($"module {_base}\n", await BodyAsync($"{_base}/@v/v1.0.1.mod"));
        Assert.AreEqual($"module {_base}\n", await BodyAsync($"{_base}/@v/v1.0.0.mod"));
        Assert.AreEqual($"module {_base}/v2\n", await BodyAsync($"{_base}/v2/@v/v2.0.0.mod"));
        await BodyAsync($"{_base}/mod/@v/v1.0.1.mod", HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task Zip_ExcludesNestedModulesAndHashesLikeGo()
    {
        var response = await GetAsync($"{_base}/@v/v1.0.3.zip");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("application/zip", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        using (var zip = new ZipArchive(new MemoryStream(bytes)))
            CollectionAssert.AreEquivalent(
                new[] { "README.md", "go.mod", "a.go", "pkg/b.go" }.Select(f => $"{_base}@v1.0.3/{f}").ToArray(),
                zip.Entries.Select(e => e.FullName).ToArray());
        var expected = DirHash.Hash1([
            ($"{_base}@v1.0.3/README.md", "Hi"u8.ToArray()),
            ($"{_base}@v1.0.3/a.go", System.Text.Encoding.UTF8.GetBytes("package a\nfunc Hi() { println(\"Hello world!\") }\n")),
            ($"{_base}@v1.0.3/go.mod", System.Text.Encoding.UTF8.GetBytes($"module {_base}\n")),
            ($"{_base}@v1.0.3/pkg/b.go", System.Text.Encoding.UTF8.GetBytes("package b\nfunc Bye() { println(\"Goodbye world!\") }\n"))]);
        Assert.AreEqual(expected, DirHash.HashZip(new MemoryStream(bytes)));
    }

    [TestMethod]
    public async Task Zip_MajorSubdirectoryModule_ContainsOnlyItsDirectory()
    {
        var bytes = await (await GetAsync($"{_base}/v2/@v/v2.0.0.zip")).Content.ReadAsByteArrayAsync();
        using var zip = new ZipArchive(new MemoryStream(bytes));
        CollectionAssert.AreEquivalent(new[] { "go.mod", "a.go", "x.go" }.Select(f => $"{_base}/v2@v2.0.0/{f}").ToArray(), zip.Entries.Select(e => e.FullName).ToArray());
    }

    [TestMethod]
    public async Task Zip_IsCachedImmutableAndHonoursRangeAndETag()
    {
        var first = await GetAsync($"{_base}/@v/v1.0.2.zip");
        var etag = first.Headers.ETag;
        Assert.IsNotNull(etag);
        StringAssert.Contains(first.Headers.CacheControl?.ToString(), "immutable");
        var client = BasicClient(_token);
        var conditional = new HttpRequestMessage(HttpMethod.Get, $"{P}/{_base}/@v/v1.0.2.zip");
        conditional.Headers.IfNoneMatch.Add(etag);
        Assert.AreEqual(HttpStatusCode.NotModified, (await client.SendAsync(conditional)).StatusCode);
        var range = new HttpRequestMessage(HttpMethod.Get, $"{P}/{_base}/@v/v1.0.2.zip");
        range.Headers.Range = new System.Net.Http.Headers.RangeHeaderValue(0, 9);
        var partial = await client.SendAsync(range);
        Assert.AreEqual(HttpStatusCode.PartialContent, partial.StatusCode);
        Assert.AreEqual(10, (await partial.Content.ReadAsByteArrayAsync()).Length);
    }

    [TestMethod]
    public async Task CacheControl_IsPrivateUnlessTheProjectIsPublic_AndShortForListsAndQueries()
    {
        async Task<string?> CacheControlAsync(string file) => (await GetAsync($"{_base}/{file}")).Headers.CacheControl is { } cc
            ? $"{(cc.Public ? "public" : cc.Private ? "private" : "shared")}, max-age={cc.MaxAge?.TotalSeconds}{(cc.Extensions.Any(e => e.Name == "immutable") ? ", immutable" : "")}"
            : null;
        string[] immutable = ["@v/v1.0.2.info", "@v/v1.0.2.mod", "@v/v1.0.2.zip"];
        string[] queries = ["@v/list", "@latest", "@v/main.info", $"@v/{_commits["c3"][..12]}.info"];

        foreach (var file in immutable) Assert.AreEqual("private, max-age=31536000, immutable", await CacheControlAsync(file), file);
        foreach (var file in queries) Assert.AreEqual("private, max-age=60", await CacheControlAsync(file), file);

        var update = await Client(_adminToken).PutAsync($"/api/v4/projects/{_project.Id}",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["visibility"] = "public" }));
        Assert.AreEqual(HttpStatusCode.OK, update.StatusCode, await update.Content.ReadAsStringAsync());

        foreach (var file in immutable) Assert.AreEqual("public, max-age=31536000, immutable", await CacheControlAsync(file), file);
        foreach (var file in queries) Assert.AreEqual("public, max-age=60", await CacheControlAsync(file), file);
        Assert.IsNull(await CacheControlAsync("@v/v9.9.9.info"), "a 404 is not cached");
    }

    [TestMethod]
    public async Task CaseEncoding_IsDecodedStrictly()
    {
        await BodyAsync($"{_base}/@v/V1.0.1.info", HttpStatusCode.NotFound);
        await BodyAsync($"{_base}/@v/1.0.1.info", HttpStatusCode.NotFound);
        await BodyAsync($"{_base}/@v/v1.0.1-!.info", HttpStatusCode.NotFound);
        await BodyAsync($"{Host}/ns/!my-go-lib/@v/list", HttpStatusCode.NotFound);
    }

    [TestMethod]
    public async Task Authentication_FollowsTheGoProxyTable()
    {
        var list = $"{_base}/@v/list";
        var anonymous = await Client().GetAsync($"{P}/{list}");
        Assert.AreEqual(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.AreEqual("Basic realm=\"GitLab\"", anonymous.Headers.WwwAuthenticate.ToString());
        await BodyAsync(list, HttpStatusCode.NotFound, token: "glpat-wrongwrongwrongwrongwrong");
        var (_, readUser) = await CreateUserWithTokenAsync("reader-user", scopes: [TokenScopes.ReadUser]);
        await BodyAsync(list, HttpStatusCode.Forbidden, token: readUser);
        var (guest, guestToken) = await CreateUserWithTokenAsync("guest", scopes: [TokenScopes.ReadApi]);
        await ProjectFactory.AddMemberAsync(Services, _project, guest, AccessLevel.Guest);
        await BodyAsync(list, HttpStatusCode.Forbidden, token: guestToken);
        var (_, strangerToken) = await CreateUserWithTokenAsync("stranger", scopes: [TokenScopes.Api]);
        await BodyAsync(list, HttpStatusCode.NotFound, token: strangerToken);
        var expiredToken = await CreateTokenAsync(_developer, [TokenScopes.ReadApi], DateTime.UtcNow.Date.AddDays(-1));
        await BodyAsync(list, HttpStatusCode.NotFound, token: expiredToken);
        Assert.AreEqual(HttpStatusCode.OK, (await Client(_token).GetAsync($"{P}/{list}")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client().GetAsync($"/api/v4/projects/not%2Fa%2Fproject/packages/go/{list}")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await BasicClient(_token).GetAsync($"/api/v4/projects/not%2Fa%2Fproject/packages/go/{list}")).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await BasicClient(_token).GetAsync($"/api/v4/projects/ns%2Fmy-go-lib/packages/go/{list}")).StatusCode);
    }

    [TestMethod]
    public async Task FeatureFlag_OffForTheProject_Answers404AfterAuthentication()
    {
        Assert.AreEqual(HttpStatusCode.NoContent, (await Client(_adminToken).DeleteAsync("/api/v4/features/go_proxy")).StatusCode);
        await BodyAsync($"{_base}/@v/list", HttpStatusCode.NotFound);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client().GetAsync($"{P}/{_base}/@v/list")).StatusCode);
        await EnableAsync("value=true");
        await BodyAsync($"{_base}/@v/list");
    }

    [TestMethod]
    public async Task FeatureFlag_EnabledForAGroupAbove_AppliesToItsProjects()
    {
        Assert.AreEqual(HttpStatusCode.NoContent, (await Client(_adminToken).DeleteAsync("/api/v4/features/go_proxy")).StatusCode);
        await BodyAsync($"{_base}/@v/list", HttpStatusCode.NotFound);
        await EnableAsync("value=true&group=ns");
        await BodyAsync($"{_base}/@v/list");
    }

    [TestMethod]
    public async Task PublicProject_IsServedAnonymously()
    {
        var group = await ProjectFactory.CreateGroupAsync(Services, _admin, "pub", visibility: Visibility.Public);
        var project = await ProjectFactory.CreateProjectAsync(Services, _admin, "lib", group, Visibility.Public);
        using var git = await GitFixture.CreateAsync();
        await git.CommitAsync("go.mod", $"module {Host}/pub/lib\n");
        await git.TagAsync("v0.1.0");
        await git.PushToAsync(Get<RepositoryStorage>().PathFor(project.FullPath));
        await EnableAsync("value=true");
        var response = await Client().GetAsync($"/api/v4/projects/{project.Id}/packages/go/{Host}/pub/lib/@v/list");
        Assert.AreEqual("v0.1.0\n", await response.Content.ReadAsStringAsync());
        Assert.AreEqual(HttpStatusCode.NotFound, (await BasicClient("glpat-wrongwrongwrongwrongwrong").GetAsync($"/api/v4/projects/{project.Id}/packages/go/{Host}/pub/lib/@v/list")).StatusCode);
    }
}
