using System.Net;
using GitLabLite.Spec.Support;
using LibGit2Sharp;

namespace GitLabLite.Spec.Requests.Api;

/// <summary>POST /projects with import_url: a mirror clone with the git CLI, and no leftovers when it fails.</summary>
[TestClass]
public sealed class ProjectImportSpec : ProjectsRequestSpec
{
    private string _source = "";

    [TestInitialize]
    public void BuildSourceRepository()
    {
        _source = Path.Combine(Path.GetTempPath(), $"gitlablite-import-{Guid.NewGuid():N}");
        Directory.CreateDirectory(_source);
        Git(_source, "init", "-q", "-b", "stable");
        File.WriteAllText(Path.Combine(_source, "go.mod"), "module example.com/lib\n");
        Git(_source, "add", "go.mod");
        Git(_source, "commit", "-q", "-m", "first");
        Git(_source, "tag", "v1.0.0");
        Git(_source, "remote", "add", "origin", "https://user:secret@example.com/lib.git");
    }

    [TestCleanup]
    public void RemoveSourceRepository()
    {
        if (Directory.Exists(_source)) Directory.Delete(_source, recursive: true);
    }

    [TestMethod]
    public async Task Create_WithFileImportUrlAsAdmin_MirrorsBranchesAndTags()
    {
        var (_, token) = await CreateUserWithTokenAsync("boss", admin: true);
        var response = await PostJsonAsync(Client(token), "/api/v4/projects", new { path = "lib", import_url = new Uri(_source).AbsoluteUri });
        var json = await JsonAsync(response);
        Assert.AreEqual(HttpStatusCode.Created, response.StatusCode, json.ToString());
        using var repo = new Repository(RepoPath("boss/lib"));
        Assert.IsTrue(repo.Info.IsBare);
        Assert.IsNotNull(repo.Tags["v1.0.0"]);
        Assert.AreEqual("refs/heads/stable", repo.Refs.Head.TargetIdentifier);
        Assert.IsNull(repo.Network.Remotes["origin"], "the import source must not stay in the config");
        Assert.IsFalse(json.GetProperty("empty_repo").GetBoolean(), json.ToString());
        Assert.AreEqual("stable", json.GetProperty("default_branch").GetString());
        await AssertNothingLeftAsync(1);
    }

    [TestMethod]
    [DataRow("http://127.0.0.1:1/nothing.git", true)]
    [DataRow("git://127.0.0.1:1/nothing.git", true)]
    [DataRow("file:///nonexistent/repo.git", true)]
    [DataRow("ftp://example.com/repo.git", true)]
    [DataRow("ext::sh -c touch% /tmp/pwned", true)]
    [DataRow("/etc", true)]
    [DataRow("--upload-pack=touch /tmp/pwned", true)]
    [DataRow("SOURCE", false)]
    public async Task Create_WithBadOrForbiddenImportUrl_Returns422AndLeavesNothing(string url, bool admin)
    {
        var (_, token) = await CreateUserWithTokenAsync("alice", admin);
        if (url == "SOURCE") url = new Uri(_source).AbsoluteUri;
        var response = await PostJsonAsync(Client(token), "/api/v4/projects", new { path = "lib", import_url = url });
        var message = (await JsonAsync(response)).GetProperty("message").GetString()!;
        Assert.AreEqual((HttpStatusCode)422, response.StatusCode, message);
        StringAssert.StartsWith(message, "Import");
        Assert.IsFalse(message.Contains(_source, StringComparison.Ordinal));
        await AssertNothingLeftAsync(0);
        Assert.AreEqual(HttpStatusCode.NotFound, (await Client(token).GetAsync("/api/v4/projects/alice%2Flib")).StatusCode);
    }
}
