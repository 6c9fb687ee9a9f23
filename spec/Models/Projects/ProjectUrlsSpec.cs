using GitLabLite.Initializers;
using GitLabLite.Models.Projects;
using Microsoft.Extensions.Options;

namespace GitLabLite.Spec.Models.Projects;

/// <summary>ProjectUrls: the one place a project's addresses come from, and the inverse (module path → candidate full paths).</summary>
[TestClass]
public sealed class ProjectUrlsSpec
{
    private static readonly Project Project = new() { Id = 42, Path = "proj", NamespaceFullPath = "group/sub" };

    [TestMethod]
    [DataRow("https://gitlab.example.com", null, "gitlab.example.com/group/sub/proj", "https://gitlab.example.com/group/sub/proj")]
    [DataRow("https://gitlab.example.com:8443/", null, "gitlab.example.com/group/sub/proj", "https://gitlab.example.com:8443/group/sub/proj")]
    [DataRow("https://example.com/gitlab", null, "example.com/gitlab/group/sub/proj", "https://example.com/gitlab/group/sub/proj")]
    [DataRow("https://127.0.0.1:3000", "go.example.com", "go.example.com/group/sub/proj", "https://127.0.0.1:3000/group/sub/proj")]
    public void ModulePath_IsTheHostWithoutPortPlusRelativeRootAndFullPath(string url, string? moduleHost, string modulePath, string webUrl)
    {
        var urls = Urls(url, moduleHost);
        Assert.AreEqual(modulePath, urls.ModulePath(Project));
        Assert.AreEqual(webUrl, urls.WebUrl(Project));
        Assert.AreEqual(webUrl + ".git", urls.HttpUrlToRepo(Project));
        Assert.AreEqual($"{url.TrimEnd('/')}/api/v4/projects/42", urls.ApiUrl(Project));
        Assert.AreEqual($"{url.TrimEnd('/')}/api/v4/projects/42/packages/go", urls.GoProxyUrl(Project));
        Assert.AreEqual($"{url.TrimEnd('/')}/api/v4/groups/7/-/packages/go", urls.GoProxyUrl(new Namespace { Id = 7 }));
        Assert.AreEqual($"{url.TrimEnd('/')}/api/v4/packages/go", urls.InstanceGoProxyUrl);
    }

    [TestMethod]
    [DataRow("gitlab.example.com/group/sub/proj", "group/sub/proj group/sub")]
    [DataRow("gitlab.example.com/group/sub/proj/pkg/v2", "group/sub/proj/pkg/v2 group/sub/proj/pkg group/sub/proj group/sub")]
    [DataRow("gitlab.example.com/group", "")]
    [DataRow("gitlab.example.com", "")]
    [DataRow("gitlab.example.comx/group/proj", "")]
    [DataRow("other.example.com/group/proj", "")]
    [DataRow("gitlab.example.com//group/proj", "")]
    [DataRow("gitlab.example.com/group//proj", "")]
    [DataRow("gitlab.example.com/group/proj/", "")]
    public void FullPathCandidates_AreThePrefixesOfTwoSegmentsOrMoreLongestFirst(string modulePath, string expected) =>
        Assert.AreEqual(expected, string.Join(' ', Urls("https://gitlab.example.com", null).FullPathCandidates(modulePath)));

    [TestMethod]
    public void FullPathCandidates_StopAtGitLabsNestingLimit()
    {
        var deep = "gitlab.example.com/" + string.Join('/', Enumerable.Range(1, 30).Select(i => $"s{i}"));
        var candidates = Urls("https://gitlab.example.com", null).FullPathCandidates(deep);
        Assert.AreEqual(ProjectUrls.MaxFullPathSegments - 1, candidates.Count, "two to 21 segments");
        Assert.AreEqual(ProjectUrls.MaxFullPathSegments, candidates[0].Split('/').Length);
        Assert.AreEqual("s1/s2", candidates[^1]);
    }

    private static ProjectUrls Urls(string url, string? moduleHost) =>
        new(new InstanceSettings(Options.Create(new GitLabOptions { Url = url, GoModuleHost = moduleHost, RepositoriesPath = Path.GetTempPath() })));
}
