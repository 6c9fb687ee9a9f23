using System.Net;
using System.Text.Json;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Services.Projects;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Requests.Api;

/// <summary>
/// GET /projects/:id/repository/tags and /packages a page at a time, with GitLab's pagination headers, on a project
/// with 45 tags (v1.0.0 ... v1.0.44, each a minute after the last): pages, the Link header from the configured URL,
/// clamping, orders, and a push showing at once although the orders are remembered.
/// </summary>
[TestClass]
public sealed class TagPaginationSpec : RequestSpec
{
    private const int Tags = 45;
    private string _token = null!;
    private Project _project = null!;

    [TestInitialize]
    public async Task CreateProject()
    {
        var (admin, adminToken) = await CreateUserWithTokenAsync("boss", admin: true);
        var (developer, token) = await CreateUserWithTokenAsync("dev", scopes: [TokenScopes.ReadApi]);
        _token = token;
        var group = await ProjectFactory.CreateGroupAsync(Services, admin, "ns", visibility: Visibility.Public);
        _project = await ManyTagsRepository.CreateProjectAsync(Services, admin, "lib", group, Tags, Visibility.Private);
        await ProjectFactory.AddMemberAsync(Services, _project, developer, AccessLevel.Developer);
        var enabled = await Client(adminToken).PostAsync("/api/v4/features/go_proxy?value=true&project=ns/lib", null);
        Assert.AreEqual(HttpStatusCode.Created, enabled.StatusCode);
    }

    private string TagsUrl => $"/api/v4/projects/{_project.Id}/repository/tags";

    private static string Name(int i) => ManyTagsRepository.TagName(i);

    /// <summary>Tags <paramref name="from"/> down to <paramref name="to"/>, newest first.</summary>
    private static string[] Newest(int from, int to) => Enumerable.Range(to, from - to + 1).Reverse().Select(Name).ToArray();

    private async Task<(JsonElement Json, HttpResponseMessage Response)> GetAsync(string url)
    {
        var response = await Client(_token).GetAsync(url);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return (await JsonAsync(response), response);
    }

    private static string[] Names(JsonElement json) => json.EnumerateArray().Select(e => e.GetProperty("name").GetString()!).ToArray();

    private static string Header(HttpResponseMessage response, string name) => response.Headers.GetValues(name).Single();

    private static Dictionary<string, string> Links(HttpResponseMessage response) => Header(response, "Link").Split(", ")
        .Select(l => l.Split("; rel="))
        .ToDictionary(p => p[1].Trim('"'), p => p[0].TrimStart('<').TrimEnd('>'));

    [TestMethod]
    public async Task Tags_FirstMiddleAndLastPages_HaveTwentyNewestFirstAndGitLabsHeaders()
    {
        var (first, firstResponse) = await GetAsync(TagsUrl);
        CollectionAssert.AreEqual(Newest(44, 25), Names(first));
        Assert.AreEqual("1", Header(firstResponse, "X-Page"));
        Assert.AreEqual("20", Header(firstResponse, "X-Per-Page"));
        Assert.AreEqual("45", Header(firstResponse, "X-Total"));
        Assert.AreEqual("3", Header(firstResponse, "X-Total-Pages"));
        Assert.AreEqual("2", Header(firstResponse, "X-Next-Page"));
        Assert.AreEqual("", Header(firstResponse, "X-Prev-Page"));
        CollectionAssert.AreEquivalent(new[] { "next", "first", "last" }, Links(firstResponse).Keys.ToArray());

        var (middle, middleResponse) = await GetAsync($"{TagsUrl}?page=2");
        CollectionAssert.AreEqual(Newest(24, 5), Names(middle));
        Assert.AreEqual("3", Header(middleResponse, "X-Next-Page"));
        Assert.AreEqual("1", Header(middleResponse, "X-Prev-Page"));
        var links = Links(middleResponse);
        var base_ = $"{AppFactory.ExternalUrl}{TagsUrl}";
        Assert.AreEqual($"{base_}?page=1&per_page=20", links["prev"]);
        Assert.AreEqual($"{base_}?page=3&per_page=20", links["next"]);
        Assert.AreEqual($"{base_}?page=1&per_page=20", links["first"]);
        Assert.AreEqual($"{base_}?page=3&per_page=20", links["last"]);

        var (last, lastResponse) = await GetAsync($"{TagsUrl}?page=3");
        CollectionAssert.AreEqual(Newest(4, 0), Names(last));
        Assert.AreEqual("", Header(lastResponse, "X-Next-Page"));
        Assert.AreEqual("2", Header(lastResponse, "X-Prev-Page"));
        CollectionAssert.AreEquivalent(new[] { "prev", "first", "last" }, Links(lastResponse).Keys.ToArray());

        // Following the links walks every tag exactly once.
        var walked = new List<string>();
        string? url = $"{TagsUrl}?per_page=7";
        while (url is not null)
        {
            var (json, response) = await GetAsync(url);
            walked.AddRange(Names(json));
            url = Links(response).GetValueOrDefault("next")?[AppFactory.ExternalUrl.Length..];
        }
        CollectionAssert.AreEqual(Newest(44, 0), walked);
    }

    [TestMethod]
    public async Task Tags_LinkHeader_ComesFromTheConfiguredUrlNeverTheHostHeader()
    {
        using var client = Client(_token);
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{TagsUrl}?page=2&order_by=version");
        request.Headers.Host = "evil.example";
        var response = await client.SendAsync(request);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        foreach (var (rel, link) in Links(response))
        {
            Assert.IsTrue(link.StartsWith($"{AppFactory.ExternalUrl}{TagsUrl}?", StringComparison.Ordinal), $"{rel}: {link}");
            StringAssert.Contains(link, "order_by=version", "other parameters are kept");
        }
        Assert.IsFalse(Header(response, "Link").Contains("evil.example"));
    }

    [TestMethod]
    public async Task Tags_PerPage_IsClampedToOneHundredAndOddPagesReadAsGitLabReadsThem()
    {
        var (all, allResponse) = await GetAsync($"{TagsUrl}?per_page=1000");
        Assert.AreEqual(Tags, all.GetArrayLength());
        Assert.AreEqual("100", Header(allResponse, "X-Per-Page"));
        Assert.AreEqual("1", Header(allResponse, "X-Total-Pages"));

        var (none, noneResponse) = await GetAsync($"{TagsUrl}?per_page=0");
        Assert.AreEqual(20, none.GetArrayLength(), "per_page below 1 is the default");
        Assert.AreEqual("20", Header(noneResponse, "X-Per-Page"));

        // Kaminari reads a page below 1 (and one that is not a number) as the first page.
        foreach (var page in new[] { "0", "-3", "abc", "" })
        {
            var (json, response) = await GetAsync($"{TagsUrl}?page={page}");
            CollectionAssert.AreEqual(Newest(44, 25), Names(json), $"page={page}");
            Assert.AreEqual("1", Header(response, "X-Page"));
        }

        var (beyond, beyondResponse) = await GetAsync($"{TagsUrl}?page=9");
        Assert.AreEqual(0, beyond.GetArrayLength());
        Assert.AreEqual("45", Header(beyondResponse, "X-Total"));
        Assert.AreEqual("", Header(beyondResponse, "X-Next-Page"));
    }

    [TestMethod]
    public async Task Tags_OrdersAndSearch_ArePagedAfterOrdering()
    {
        var (byVersion, _) = await GetAsync($"{TagsUrl}?order_by=version&sort=asc&per_page=10&page=2");
        CollectionAssert.AreEqual(Enumerable.Range(10, 10).Select(Name).ToArray(), Names(byVersion));
        var (byVersionDesc, _) = await GetAsync($"{TagsUrl}?order_by=version&sort=desc&per_page=3");
        CollectionAssert.AreEqual(Newest(44, 42), Names(byVersionDesc));
        var (byName, _) = await GetAsync($"{TagsUrl}?order_by=name&sort=asc&per_page=4");
        CollectionAssert.AreEqual(new[] { "v1.0.0", "v1.0.1", "v1.0.10", "v1.0.11" }, Names(byName), "names compare as text");
        var (searched, searchedResponse) = await GetAsync($"{TagsUrl}?search=^v1.0.4&per_page=4&page=2");
        CollectionAssert.AreEqual(new[] { "v1.0.40", "v1.0.4" }, Names(searched));
        Assert.AreEqual("6", Header(searchedResponse, "X-Total"));
    }

    [TestMethod]
    public async Task Tags_OnAPage_KeepTheirAnnotationAndCommit()
    {
        var (json, _) = await GetAsync($"{TagsUrl}?page=2&per_page=5");
        var tags = json.EnumerateArray().ToDictionary(t => t.GetProperty("name").GetString()!);
        CollectionAssert.AreEqual(Newest(39, 35), tags.Keys.ToArray());
        var annotated = tags[Name(35)];
        Assert.AreEqual(ManyTagsRepository.MessageOf(35), annotated.GetProperty("message").GetString());
        Assert.AreNotEqual(annotated.GetProperty("commit").GetProperty("id").GetString(), annotated.GetProperty("target").GetString(), "the tag object");
        Assert.AreEqual(ManyTagsRepository.TimeOf(35).UtcDateTime, annotated.GetProperty("created_at").GetDateTime().ToUniversalTime());
        var lightweight = tags[Name(36)];
        Assert.AreEqual("", lightweight.GetProperty("message").GetString());
        Assert.AreEqual(lightweight.GetProperty("commit").GetProperty("id").GetString(), lightweight.GetProperty("target").GetString());
        Assert.AreEqual("c00036", lightweight.GetProperty("commit").GetProperty("title").GetString());
        Assert.AreEqual(ManyTagsRepository.TimeOf(36).UtcDateTime, lightweight.GetProperty("commit").GetProperty("committed_date").GetDateTime().ToUniversalTime());
    }

    [TestMethod]
    public async Task Tags_AfterAPush_ListTheNewTagsAtOnce()
    {
        var (before, _) = await GetAsync($"{TagsUrl}?per_page=1");
        CollectionAssert.AreEqual(new[] { Name(44) }, Names(before));
        await ManyTagsRepository.FillAsync(ManyTagsRepository.RepositoryOf(Services, _project), Get<ProjectUrls>().ModulePath(_project), Tags + 2, from: Tags);
        // What a push through git HTTP does once its refs are written.
        await Get<RepositoryChangeNotifier>().NotifyRefsChangedAsync(_project.Id, CancellationToken.None);
        var (after, afterResponse) = await GetAsync($"{TagsUrl}?per_page=2");
        CollectionAssert.AreEqual(Newest(46, 45), Names(after));
        Assert.AreEqual("47", Header(afterResponse, "X-Total"));
        var (packages, packagesResponse) = await GetAsync($"/api/v4/projects/{_project.Id}/packages?per_page=1&page=47");
        Assert.AreEqual(Name(46), packages[0].GetProperty("version").GetString());
        Assert.AreEqual("47", Header(packagesResponse, "X-Total"));
    }

    [TestMethod]
    public async Task Packages_ArePagedOldestFirstWithGitLabsHeaders()
    {
        var url = $"/api/v4/projects/{_project.Id}/packages";
        var (first, firstResponse) = await GetAsync(url);
        CollectionAssert.AreEqual(Enumerable.Range(0, 20).Select(Name).ToArray(), first.EnumerateArray().Select(p => p.GetProperty("version").GetString()).ToArray());
        Assert.AreEqual("45", Header(firstResponse, "X-Total"));
        Assert.AreEqual("3", Header(firstResponse, "X-Total-Pages"));
        var (last, lastResponse) = await GetAsync($"{url}?page=3");
        CollectionAssert.AreEqual(Enumerable.Range(40, 5).Select(Name).ToArray(), last.EnumerateArray().Select(p => p.GetProperty("version").GetString()).ToArray());
        Assert.AreEqual($"{AppFactory.ExternalUrl}{url}?page=2&per_page=20", Links(lastResponse)["prev"]);
        Assert.AreEqual("", Header(lastResponse, "X-Next-Page"));
    }

    [TestMethod]
    public async Task PrivateProject_TagsAndPackagesPages_AreNotFoundToOutsiders()
    {
        var (_, stranger) = await CreateUserWithTokenAsync("stranger", scopes: [TokenScopes.ReadApi]);
        foreach (var url in new[] { $"{TagsUrl}?page=2", $"{TagsUrl}?per_page=100", $"/api/v4/projects/{_project.Id}/packages?page=2" })
        {
            // Anonymous callers are asked to authenticate (the authorization matrix's answer); a stranger finds nothing.
            foreach (var (client, status) in new[] { (Client(), HttpStatusCode.Unauthorized), (Client(stranger), HttpStatusCode.NotFound) })
            {
                var response = await client.GetAsync(url);
                Assert.AreEqual(status, response.StatusCode, url);
                Assert.IsFalse(response.Headers.Contains("X-Total"), url);
                Assert.IsFalse((await response.Content.ReadAsStringAsync()).Contains("v1.0."), url);
            }
        }
    }
}
