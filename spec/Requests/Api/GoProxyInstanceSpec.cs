using System.Net;
using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Requests.Api;

/// <summary>
/// The instance endpoint (/api/v4/packages/go) and the group endpoint (/api/v4/groups/:id/-/packages/go): the module
/// path chooses the project with the longest full path the caller may read whose go_proxy gate is open, and that
/// project's answers are exactly the project endpoint's.
/// </summary>
[TestClass]
public sealed class GoProxyInstanceSpec : RequestSpec
{
    private const string Host = "gitlab.example.com";
    private const string Instance = "/api/v4/packages/go";
    private User _admin = null!;
    private string _adminToken = null!;
    private User _reader = null!;
    private string _readerToken = null!;
    private string _strangerToken = null!;
    private Namespace _a = null!;
    private Namespace _ab = null!;
    private Namespace _other = null!;
    private Project _abProject = null!;
    private Project _abc = null!;
    private Project _otherLib = null!;

    /// <summary>
    /// Group a (public) with subgroup a/b; project a/b/c (private) and a project at a/b's level named "lib"
    /// (a/b/lib, private); group other (private) with other/lib. Every project holds a tagged module.
    /// </summary>
    [TestInitialize]
    public async Task BuildProjects()
    {
        (_admin, _adminToken) = await CreateUserWithTokenAsync("boss", admin: true);
        (_reader, _readerToken) = await CreateUserWithTokenAsync("reader", scopes: [TokenScopes.ReadApi]);
        (_, _strangerToken) = await CreateUserWithTokenAsync("stranger", scopes: [TokenScopes.ReadApi]);
        _a = await ProjectFactory.CreateGroupAsync(Services, _admin, "a", visibility: Visibility.Public);
        _ab = await ProjectFactory.CreateGroupAsync(Services, _admin, "b", _a, Visibility.Public);
        _other = await ProjectFactory.CreateGroupAsync(Services, _admin, "other");
        _abc = await CreateModuleProjectAsync(_admin, "c", _ab, "v1.2.0");
        _abProject = await CreateModuleProjectAsync(_admin, "lib", _ab, "v1.0.0");
        _otherLib = await CreateModuleProjectAsync(_admin, "lib", _other, "v1.3.0");
        foreach (var project in new[] { _abc, _abProject, _otherLib })
            await ProjectFactory.AddMemberAsync(Services, project, _reader, AccessLevel.Reporter);
        await EnableAsync($"{_abc.FullPath},{_abProject.FullPath},{_otherLib.FullPath}");
    }

    private async Task<Project> CreateModuleProjectAsync(User admin, string path, Namespace group, string tag)
    {
        var project = await ProjectFactory.CreateProjectAsync(Services, admin, path, group, Visibility.Private);
        using var git = await GitFixture.CreateAsync();
        await git.CommitAsync(new Dictionary<string, string?>
        {
            ["go.mod"] = $"module {Host}/{project.FullPath}\n\ngo 1.19\n",
            ["lib.go"] = "package lib\n",
            ["sub/go.mod"] = $"module {Host}/{project.FullPath}/sub\n",
            ["sub/sub.go"] = "package sub\n",
        });
        await git.TagAsync(tag);
        await git.TagAsync($"sub/{tag}");
        await git.PushToAsync(Get<RepositoryStorage>().PathFor(project.FullPath));
        return project;
    }

    private async Task EnableAsync(string projects, string value = "true")
    {
        var response = await Client(_adminToken).PostAsync($"/api/v4/features/go_proxy?value={value}&project={projects}", null);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static async Task<(HttpStatusCode Status, string Body)> GetAsync(string url, string? token)
    {
        var response = await (token is null ? Client() : BasicClient(token)).GetAsync(url);
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    private static string Module(Project project, string sub = "") => $"{Host}/{project.FullPath}{sub}";

    [TestMethod]
    public async Task Info_ForEachProject_AnswersExactlyAsTheProjectEndpoint()
    {
        foreach (var (project, version) in new[] { (_abc, "v1.2.0"), (_abProject, "v1.0.0"), (_otherLib, "v1.3.0") })
            foreach (var sub in new[] { "", "/sub" })
                foreach (var file in new[] { "list", $"{version}.info", $"{version}.mod", $"{version}.zip" })
                {
                    var projectUrl = $"/api/v4/projects/{project.Id}/packages/go/{Module(project, sub)}/@v/{file}";
                    var instanceUrl = $"{Instance}/{Module(project, sub)}/@v/{file}";
                    var expected = await BasicClient(_readerToken).GetAsync(projectUrl);
                    var actual = await BasicClient(_readerToken).GetAsync(instanceUrl);
                    Assert.AreEqual(HttpStatusCode.OK, expected.StatusCode, projectUrl);
                    Assert.AreEqual(expected.StatusCode, actual.StatusCode, instanceUrl);
                    CollectionAssert.AreEqual(await expected.Content.ReadAsByteArrayAsync(), await actual.Content.ReadAsByteArrayAsync(), instanceUrl);
                    Assert.AreEqual(expected.Content.Headers.ContentType?.ToString(), actual.Content.Headers.ContentType?.ToString(), instanceUrl);
                    Assert.AreEqual(expected.Headers.CacheControl?.ToString(), actual.Headers.CacheControl?.ToString(), instanceUrl);
                    Assert.AreEqual(expected.Headers.ETag?.ToString(), actual.Headers.ETag?.ToString(), instanceUrl);
                }
        var latest = await GetAsync($"{Instance}/{Module(_abc)}/@latest", _readerToken);
        Assert.AreEqual(HttpStatusCode.OK, latest.Status, latest.Body);
        StringAssert.Contains(latest.Body, "\"Version\":\"v1.2.0\"");
    }

    [TestMethod]
    public async Task List_ModulePathBelowAProject_IsServedByTheProjectThatIsItsLongestPrefix()
    {
        // Of host/a/b/c/sub's prefixes, a/b is a group and a/b/c the project: its sub-directory module answers.
        // (GitLab's routes are unique, so a/b cannot also be a project while a/b/c is one.)
        var (status, body) = await GetAsync($"{Instance}/{Module(_abc, "/sub")}/@v/list", _readerToken);
        Assert.AreEqual(HttpStatusCode.OK, status, body);
        Assert.AreEqual("v1.2.0\n", body);
        var deeper = await GetAsync($"{Instance}/{Module(_abc, "/sub/pkg")}/@v/list", _readerToken);
        Assert.AreEqual(HttpStatusCode.OK, deeper.Status, deeper.Body);
        Assert.AreEqual("", deeper.Body, "a directory of a/b/c that is not a module lists nothing, as on the project endpoint");
    }

    [TestMethod]
    public async Task Get_ProjectCreatedAfterAMissAtItsPath_IsServedOnTheNextRequest()
    {
        // The miss is kept in memory; the new project's route clears it (the reader's memberships do not change).
        var path = $"{Instance}/{Host}/a/b/late/@v/list";
        var before = await GetAsync(path, _readerToken);
        Assert.AreNotEqual(HttpStatusCode.OK, before.Status, before.Body);
        Assert.AreEqual(before.Status, (await GetAsync(path, _readerToken)).Status, "the miss, now answered from memory");
        var late = await CreateModuleProjectAsync(_admin, "late", _ab, "v0.1.0");
        await Client(_adminToken).PutAsync($"/api/v4/projects/{late.Id}?visibility=public", null);
        await EnableAsync(late.FullPath);
        var (status, body) = await GetAsync(path, _readerToken);
        Assert.AreEqual(HttpStatusCode.OK, status, body);
        Assert.AreEqual("v0.1.0\n", body);
    }

    [TestMethod]
    public async Task Info_WhenTheProjectsGateIsOff_IsForbiddenNotNotFound()
    {
        var path = $"{Instance}/{Module(_abc)}/@v/v1.2.0.info";
        Assert.AreEqual(HttpStatusCode.OK, (await GetAsync(path, _readerToken)).Status);
        await EnableAsync(_abc.FullPath, "false");
        var (status, body) = await GetAsync(path, _readerToken);
        Assert.AreEqual(HttpStatusCode.Forbidden, status, body);
        StringAssert.StartsWith(body, "forbidden: ");
    }

    [TestMethod]
    public async Task Get_PrivateProjectWithoutAccess_AnswersAsAPathThatDoesNotExist()
    {
        var privatePath = await GetAsync($"{Instance}/{Module(_abc)}/@v/list", _strangerToken);
        var missing = await GetAsync($"{Instance}/{Host}/a/b/nothing-here/@v/list", _strangerToken);
        Assert.AreEqual(HttpStatusCode.Forbidden, privatePath.Status, "never 404: go would ask the next GOPROXY entry for the private path");
        Assert.AreEqual(missing.Status, privatePath.Status);
        Assert.AreEqual(missing.Body.Replace("a/b/nothing-here", "X"), privatePath.Body.Replace("a/b/c", "X"));
    }

    [TestMethod]
    public async Task Get_AnyPathOfThisHost_IsNever404SoGoNeverAsksTheNextProxyForIt()
    {
        // Too short to be a project, or the module host itself (go asks for every prefix of a package path).
        foreach (var module in new[] { $"{Host}/a", Host, $"{Host}/a/b/nothing-here" })
        {
            var anonymous = await Client().GetAsync($"{Instance}/{module}/@v/v1.0.0.info");
            Assert.AreEqual(HttpStatusCode.Unauthorized, anonymous.StatusCode, module);
            Assert.AreEqual("Basic realm=\"GitLab\"", anonymous.Headers.WwwAuthenticate.ToString(), module);
            Assert.AreEqual(HttpStatusCode.Forbidden, (await GetAsync($"{Instance}/{module}/@v/v1.0.0.info", _readerToken)).Status, module);
        }
        // Invalid credentials too: challenged, not the project endpoint's 404.
        var invalid = await GetAsync($"{Instance}/{Module(_abc)}/@v/list", "glpat-not-a-real-token-at-all");
        Assert.AreEqual(HttpStatusCode.Unauthorized, invalid.Status, invalid.Body);
        Assert.AreEqual(HttpStatusCode.NotFound, (await GetAsync($"/api/v4/projects/{_abc.Id}/packages/go/{Module(_abc)}/@v/list", "glpat-not-a-real-token-at-all")).Status);
    }

    [TestMethod]
    public async Task Get_Anonymous_IsChallengedForAnyLocalPathAndTold404ForOthers()
    {
        foreach (var url in new[] { $"{Instance}/{Module(_abc)}/@v/list", $"{Instance}/{Host}/a/b/nothing-here/@v/list" })
        {
            var response = await Client().GetAsync(url);
            Assert.AreEqual(HttpStatusCode.Unauthorized, response.StatusCode, url);
            Assert.AreEqual("Basic realm=\"GitLab\"", response.Headers.WwwAuthenticate.ToString(), url);
        }
        // Not under this instance's host: nothing to authenticate for; go moves on to its next GOPROXY entry.
        foreach (var url in new[] { $"{Instance}/example.org/public/dep/@v/list", $"{Instance}/{Host}.evil.example/a/b/@v/list" })
        {
            var (status, body) = await GetAsync(url, null);
            Assert.AreEqual(HttpStatusCode.NotFound, status, url);
            Assert.AreEqual("text/plain", (await Client().GetAsync(url)).Content.Headers.ContentType?.MediaType, url);
            Assert.AreEqual(1, body.TrimEnd('\n').Split('\n').Length, body);
        }
    }

    [TestMethod]
    public async Task Get_PublicProject_IsServedAnonymously()
    {
        var open = await CreateModuleProjectAsync(_admin, "open", _a, "v0.3.0");
        await Client(_adminToken).PutAsync($"/api/v4/projects/{open.Id}?visibility=public", null);
        await EnableAsync(open.FullPath);
        var (status, body) = await GetAsync($"{Instance}/{Module(open)}/@v/list", null);
        Assert.AreEqual(HttpStatusCode.OK, status, body);
        Assert.AreEqual("v0.3.0\n", body);
    }

    [TestMethod]
    public async Task Get_WithInvalidOrWrongScopeCredentials_IsChallengedOrForbidden()
    {
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await GetAsync($"{Instance}/{Module(_abc)}/@v/list", "glpat-not-a-real-token-at-all")).Status);
        var readUser = await CreateTokenAsync(_reader, [TokenScopes.ReadUser]);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await GetAsync($"{Instance}/{Module(_abc)}/@v/list", readUser)).Status);
    }

    [TestMethod]
    public async Task Group_ByIdOrEncodedPath_ServesItsSubgroupsProjectsOnly()
    {
        foreach (var id in new[] { _a.Id.ToString(), "a", "a%2Fb" })
        {
            var (status, body) = await GetAsync($"/api/v4/groups/{id}/-/packages/go/{Module(_abc)}/@v/list", _readerToken);
            Assert.AreEqual(HttpStatusCode.OK, status, $"{id}: {body}");
            Assert.AreEqual("v1.2.0\n", body);
        }
        // Another group's module through this group's endpoint: not found, even for a caller who may read it.
        var other = await GetAsync($"/api/v4/groups/{_a.Id}/-/packages/go/{Module(_otherLib)}/@v/list", _readerToken);
        Assert.AreEqual(HttpStatusCode.NotFound, other.Status, other.Body);
        var anonymousOther = await GetAsync($"/api/v4/groups/{_a.Id}/-/packages/go/{Module(_otherLib)}/@v/list", null);
        Assert.AreEqual(HttpStatusCode.NotFound, anonymousOther.Status, anonymousOther.Body);
    }

    [TestMethod]
    public async Task Group_PrivateGroup_IsChallengedAnonymouslyAnd404ForStrangers()
    {
        var anonymous = await Client().GetAsync($"/api/v4/groups/{_other.Id}/-/packages/go/{Module(_otherLib)}/@v/list");
        Assert.AreEqual(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.AreEqual("Basic realm=\"GitLab\"", anonymous.Headers.WwwAuthenticate.ToString());
        Assert.AreEqual(HttpStatusCode.NotFound, (await GetAsync($"/api/v4/groups/{_other.Id}/-/packages/go/{Module(_otherLib)}/@v/list", _strangerToken)).Status);
        Assert.AreEqual(HttpStatusCode.NotFound, (await GetAsync($"/api/v4/groups/no%2Fsuch/-/packages/go/{Module(_otherLib)}/@v/list", _strangerToken)).Status);
    }

    [TestMethod]
    public async Task Get_NotAProxyPath_Is404BeforeAuthentication()
    {
        var response = await Client().GetAsync($"{Instance}/{Module(_abc)}/@v/");
        Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode);
    }
}
