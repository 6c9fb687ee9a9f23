using GitLabLite.Initializers;
using GitLabLite.Models.Projects;
using GitLabLite.Presenters.Projects;
using Microsoft.Extensions.Options;

namespace GitLabLite.Spec.Presenters.Projects;

/// <summary>ProjectPresenter: GitLab's project entity from what finders found; it never looks at the disk itself.</summary>
[TestClass]
public sealed class ProjectPresenterSpec
{
    private static readonly InstanceSettings Settings =
        new(Options.Create(new GitLabOptions { Url = "https://gitlab.example.com", RepositoriesPath = "/nonexistent/repositories" }));

    private static readonly ProjectPresenter Presenter = new(Settings, new ProjectUrls(Settings));

    private static readonly Project Project = new()
    {
        Id = 42, Name = "Proj", Path = "proj", NamespaceId = 7, NamespaceFullPath = "group/sub", NamespaceFullName = "Group / Sub",
        NamespaceName = "Sub", NamespacePath = "sub", NamespaceType = "Group", NamespaceParentId = 3, VisibilityLevel = 10,
    };

    [TestMethod]
    [DataRow(true)]
    [DataRow(false)]
    public void Present_ShowsTheRepositoryStateTheFinderSet(bool empty) =>
        Assert.AreEqual(empty, Presenter.Present(Project with { EmptyRepo = empty }).EmptyRepo);

    [TestMethod]
    public void Present_WithoutRepositoryState_RefusesRatherThanGuessing() =>
        Assert.ThrowsExactly<InvalidOperationException>(() => Presenter.Present(Project));

    [TestMethod]
    public void Present_TakesEveryUrlFromProjectUrls()
    {
        var entity = Presenter.Present(Project with { EmptyRepo = false });
        var urls = new ProjectUrls(Settings);
        Assert.AreEqual(urls.WebUrl(Project), entity.WebUrl);
        Assert.AreEqual(urls.HttpUrlToRepo(Project), entity.HttpUrlToRepo);
        Assert.AreEqual(urls.GoProxyUrl(Project), entity.GoProxyUrl);
        Assert.AreEqual(urls.ApiUrl(Project), entity.Links.Self);
        Assert.AreEqual("internal", entity.Visibility);
        Assert.AreEqual("Group / Sub / Proj", entity.NameWithNamespace);
    }

    [TestMethod]
    [DataRow("Group", "group", "https://gitlab.example.com/groups/group/sub")]
    [DataRow("User", "user", "https://gitlab.example.com/group/sub")]
    public void PresentSimple_NamesTheNamespaceKindAndItsPage(string type, string kind, string webUrl)
    {
        var ns = Presenter.PresentSimple(Project with { NamespaceType = type }).Namespace;
        Assert.AreEqual(kind, ns.Kind);
        Assert.AreEqual(webUrl, ns.WebUrl);
    }
}
