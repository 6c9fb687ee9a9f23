using System.Net;
using System.Text.RegularExpressions;
using GitLabLite.Models.Packages.Go;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Requests.Web;

/// <summary>
/// The project page and the package registry page list tags and versions twenty at a time with Previous/Next links
/// (each list of the project page turning on its own parameter), for a public project with 45 tags viewed by an
/// anonymous visitor; a private project's pages show nothing to outsiders, whatever the page asked for.
/// </summary>
[TestClass]
public sealed partial class ProjectPagesPaginationSpec : RequestSpec
{
    private User _admin = null!;
    private Namespace _group = null!;
    private Project _project = null!;

    [TestInitialize]
    public async Task CreateProject()
    {
        _admin = await CreateUserAsync("boss", admin: true);
        _group = await ProjectFactory.CreateGroupAsync(Services, _admin, "ns", visibility: Visibility.Public);
        _project = await ManyTagsRepository.CreateProjectAsync(Services, _admin, "lib", _group, 45, Visibility.Public);
    }

    private static string Name(int i) => ManyTagsRepository.TagName(i);

    private static string[] Newest(int from, int to) => Enumerable.Range(to, from - to + 1).Reverse().Select(Name).ToArray();

    private static async Task<string> PageAsync(string url)
    {
        var response = await Client().GetAsync(url);
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, url);
        return await response.Content.ReadAsStringAsync();
    }

    /// <summary>The first cell's code text of each row of the table with this id.</summary>
    private static string[] Rows(string html, string table)
    {
        var body = Regex.Match(html, $"<table id=\"{table}\">(.*?)</table>", RegexOptions.Singleline);
        Assert.IsTrue(body.Success, $"no table {table}");
        return FirstCells().Matches(body.Groups[1].Value).Select(m => WebUtility.HtmlDecode(m.Groups[1].Value)).ToArray();
    }

    /// <summary>The href of the pager link (prev or next) under the list with this anchor; null when there is none.</summary>
    private static string? Link(string html, string anchor, string rel)
    {
        var pager = Regex.Match(html, $"<p class=\"muted pager\" id=\"{anchor}-pager\">(.*?)</p>", RegexOptions.Singleline);
        if (!pager.Success) return null;
        var link = Regex.Match(pager.Groups[1].Value, $"<a rel=\"{rel}\" href=\"([^\"]*)\"");
        return link.Success ? WebUtility.HtmlDecode(link.Groups[1].Value) : null;
    }

    [TestMethod]
    public async Task ProjectPage_ListsTwentyTagsAPageWithPreviousAndNextLinks()
    {
        var first = await PageAsync("/ns/lib");
        CollectionAssert.AreEqual(Newest(44, 25), Rows(first, "tags"));
        Assert.AreEqual("?page=2#tags", Link(first, "tags", "next"));
        Assert.IsNull(Link(first, "tags", "prev"));
        StringAssert.Contains(first, "Page 1 of 3 (45 in all).");

        var middle = await PageAsync("/ns/lib?page=2");
        CollectionAssert.AreEqual(Newest(24, 5), Rows(middle, "tags"));
        Assert.AreEqual("?page=1#tags", Link(middle, "tags", "prev"));
        Assert.AreEqual("?page=3#tags", Link(middle, "tags", "next"));

        var last = await PageAsync("/ns/lib?page=3");
        CollectionAssert.AreEqual(Newest(4, 0), Rows(last, "tags"));
        Assert.IsNull(Link(last, "tags", "next"));

        var wide = await PageAsync("/ns/lib?per_page=1000");
        Assert.AreEqual(45, Rows(wide, "tags").Length, "per_page is clamped to 100, which holds all 45");
        Assert.IsNull(Link(wide, "tags", "next"));
        CollectionAssert.AreEqual(Newest(44, 25), Rows(await PageAsync("/ns/lib?page=abc"), "tags"), "an odd page is the first");
    }

    [TestMethod]
    public async Task ProjectPage_VersionsTurnOnTheirOwnParameterKeepingTheTagsPage()
    {
        var first = await PageAsync("/ns/lib");
        CollectionAssert.AreEqual(Newest(44, 25), Rows(first, "go-versions"));
        Assert.AreEqual("?versions_page=2#go-versions", Link(first, "go-versions", "next"));

        var both = await PageAsync("/ns/lib?page=2&versions_page=3");
        CollectionAssert.AreEqual(Newest(24, 5), Rows(both, "tags"));
        CollectionAssert.AreEqual(Newest(4, 0), Rows(both, "go-versions"));
        Assert.AreEqual("?page=2&versions_page=2#go-versions", Link(both, "go-versions", "prev"));
        Assert.AreEqual("?versions_page=3&page=3#tags", Link(both, "tags", "next"));
    }

    [TestMethod]
    public async Task PackagesPage_ListsTwentyVersionsAPageAndOpensTheSelectedOnesPage()
    {
        var first = await PageAsync("/ns/lib/-/packages");
        CollectionAssert.AreEqual(Enumerable.Range(0, 20).Select(Name).ToArray(), PackageVersions(first));
        Assert.AreEqual("?page=2#packages", Link(first, "packages", "next"));
        StringAssert.Contains(first, $"go get {Get<ProjectUrls>().ModulePath(_project)}@latest");

        var last = await PageAsync("/ns/lib/-/packages?page=3");
        CollectionAssert.AreEqual(Enumerable.Range(40, 5).Select(Name).ToArray(), PackageVersions(last));
        Assert.AreEqual("?page=2#packages", Link(last, "packages", "prev"));

        var id = GoPackage.IdFor(_project.Id, Get<ProjectUrls>().ModulePath(_project), Name(30));
        var selected = await PageAsync($"/ns/lib/-/packages/{id}");
        CollectionAssert.AreEqual(Enumerable.Range(20, 20).Select(Name).ToArray(), PackageVersions(selected));
        StringAssert.Contains(selected, $"<tr id=\"package-{id}\" style=\"background:#fff8e1\">");
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client().GetAsync("/ns/lib/-/packages/12345")).StatusCode);
    }

    [TestMethod]
    public async Task PrivateProject_PagesShowNoTagsToOutsidersOnAnyPage()
    {
        await ManyTagsRepository.CreateProjectAsync(Services, _admin, "secret", _group, 25, Visibility.Private);
        await CreateUserAsync("stranger", password: "password-123456");
        var session = await WebSession.SignInAsync(Factory, "stranger", "password-123456");
        foreach (var url in new[] { "/ns/secret", "/ns/secret?page=2", "/ns/secret?versions_page=2&per_page=100", "/ns/secret/-/packages?page=2" })
        {
            foreach (var response in new[] { await Client().GetAsync(url), await session.Http.GetAsync(url) })
            {
                Assert.AreEqual(HttpStatusCode.NotFound, response.StatusCode, url);
                var body = await response.Content.ReadAsStringAsync();
                Assert.IsFalse(body.Contains("v1.0.") || body.Contains("secret"), url);
            }
        }
    }

    private static string[] PackageVersions(string html) =>
        PackageRows().Matches(html).Select(m => m.Groups[1].Value).ToArray();

    [GeneratedRegex(@"<tr[^>]*>\s*<td><code>([^<]*)</code>")]
    private static partial Regex FirstCells();

    [GeneratedRegex(@"<tr id=""package-\d+""[^>]*>\s*<td><code>[^<]*</code></td>\s*<td><code>([^<]*)</code>")]
    private static partial Regex PackageRows();
}
