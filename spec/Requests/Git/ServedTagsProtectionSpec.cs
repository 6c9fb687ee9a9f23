using System.Net;
using System.Text.Json;
using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Requests.Git;

/// <summary>
/// Push protection with the real git CLI over HTTP (<see cref="LiveServer"/>): a tag whose version was served to Go
/// clients cannot be moved or deleted by a push (that ref alone is refused, with the reason in git's output), unless
/// an Owner allowed it for that tag, which is audited. Keep-around refs stay out of clients' reach.
/// </summary>
[TestClass]
public sealed class ServedTagsProtectionSpec : RequestSpec
{
    private GitCli _git = null!;
    private Project _project = null!;
    private User _owner = null!;
    private string _ownerToken = null!;
    private string _adminToken = null!;
    private string _work = null!;
    private string _v1 = null!;

    [TestInitialize]
    public async Task ServeV1()
    {
        _git = new GitCli();
        (_owner, _ownerToken) = await CreateUserWithTokenAsync("owner");
        (_, _adminToken) = await CreateUserWithTokenAsync("root-like", admin: true);
        var group = await ProjectFactory.CreateGroupAsync(Services, _owner, "acme");
        _project = await ProjectFactory.CreateProjectAsync(Services, _owner, "lib", group);
        _work = await _git.NewWorkingCopyAsync("work", ("go.mod", $"module {AppFactory.ExternalUrl[7..]}/acme/lib\n"), ("a.go", "package lib\n"));
        await _git.MustAsync(_work, "tag", "v1.0.0");
        _v1 = await _git.MustAsync(_work, "rev-parse", "HEAD");
        await _git.MustAsync(_work, "push", "-q", Url(_ownerToken), "main", "v1.0.0");
        Assert.AreEqual(HttpStatusCode.Created, (await Client(_adminToken).PostAsync("/api/v4/features/go_proxy?value=true&project=acme/lib", null)).StatusCode);
        Assert.AreEqual(HttpStatusCode.OK, (await BasicClient(_ownerToken).GetAsync(ProxyUrl("v1.0.0.zip"))).StatusCode);
    }

    [TestCleanup]
    public void RemoveGit() => _git.Dispose();

    private static string Url(string token) => $"http://oauth2:{token}@127.0.0.1:{LiveServer.Shared.Port}/acme/lib.git";

    private string ProxyUrl(string file) => $"/api/v4/projects/{_project.Id}/packages/go/{AppFactory.ExternalUrl[7..]}/acme/lib/@v/{file}";

    private async Task<string?> ServerTagAsync(string tag)
    {
        var result = await _git.RunAsync(Get<RepositoryStorage>().PathFor(_project.FullPath), "rev-parse", "-q", "--verify", $"refs/tags/{tag}^{{commit}}");
        return result.Ok ? result.Stdout.Trim() : null;
    }

    private async Task<string> MoveV1Async()
    {
        await _git.CommitAsync(_work, "a.go", "package lib\n\nconst Moved = 1\n", new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero));
        await _git.MustAsync(_work, "tag", "-f", "v1.0.0");
        return await _git.MustAsync(_work, "rev-parse", "HEAD");
    }

    private async Task<JsonElement> AllowAsync(string token, string tag, HttpStatusCode expected = HttpStatusCode.Created)
    {
        var response = await Client(token).PostAsync($"/api/v4/projects/{_project.Id}/packages/go/tag_allowances",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["tag_name"] = tag }));
        Assert.AreEqual(expected, response.StatusCode, await response.Content.ReadAsStringAsync());
        return await JsonAsync(response);
    }

    [TestMethod]
    public async Task Push_MovingAServedTag_IsRefusedForThatRefWithTheReason_WhileTheOtherRefsLand()
    {
        var moved = await MoveV1Async();
        await _git.MustAsync(_work, "tag", "v1.1.0");

        var push = await _git.RunAsync(_work, "push", "--force", Url(_ownerToken), "main", "v1.0.0", "v1.1.0");

        Assert.IsFalse(push.Ok, push.Stderr);
        StringAssert.Contains(push.Stderr, "! [remote rejected] v1.0.0 -> v1.0.0 (hook declined)");
        StringAssert.Matches(push.Stderr, new System.Text.RegularExpressions.Regex(@"remote: v1\.0\.0 was served to Go clients as h1:\S+=; tag a new version or add a retract directive"));
        Assert.AreEqual(_v1, await ServerTagAsync("v1.0.0"));
        Assert.AreEqual(moved, await ServerTagAsync("v1.1.0"));
        Assert.AreEqual(moved, await _git.MustAsync(Get<RepositoryStorage>().PathFor(_project.FullPath), "rev-parse", "main"));
    }

    [TestMethod]
    public async Task Push_DeletingAServedTag_IsRefused_ButRepointingItAtTheServedCommitIsNot()
    {
        var delete = await _git.RunAsync(_work, "push", Url(_ownerToken), ":refs/tags/v1.0.0");
        Assert.IsFalse(delete.Ok);
        StringAssert.Contains(delete.Stderr, "! [remote rejected] v1.0.0 (hook declined)");
        Assert.AreEqual(_v1, await ServerTagAsync("v1.0.0"));

        // An annotated tag at the same commit: nothing a Go client sees changes.
        await _git.MustAsync(_work, "tag", "-f", "-a", "v1.0.0", "-m", "annotated", _v1);
        var annotate = await _git.RunAsync(_work, "push", "--force", Url(_ownerToken), "v1.0.0");
        Assert.IsTrue(annotate.Ok, annotate.Stderr);
        Assert.AreEqual(_v1, await ServerTagAsync("v1.0.0"));
    }

    [TestMethod]
    public async Task Allowance_LetsTheNextPushMoveTheTag_OnceAndAudited_WhileTheProxyKeepsTheRecordedVersion()
    {
        var served = await (await BasicClient(_ownerToken).GetAsync(ProxyUrl("v1.0.0.zip"))).Content.ReadAsByteArrayAsync();
        var allowance = await AllowAsync(_ownerToken, "v1.0.0");
        Assert.AreEqual("active", allowance.GetProperty("state").GetString());
        Assert.AreEqual("owner", allowance.GetProperty("allowed_by").GetProperty("username").GetString());

        var moved = await MoveV1Async();
        var push = await _git.RunAsync(_work, "push", "--force", Url(_ownerToken), "main", "v1.0.0");
        Assert.IsTrue(push.Ok, push.Stderr);
        Assert.AreEqual(moved, await ServerTagAsync("v1.0.0"));
        CollectionAssert.AreEqual(served, await (await BasicClient(_ownerToken).GetAsync(ProxyUrl("v1.0.0.zip"))).Content.ReadAsByteArrayAsync());

        var allowances = await JsonAsync(await Client(_ownerToken).GetAsync($"/api/v4/projects/{_project.Id}/packages/go/tag_allowances"));
        Assert.AreEqual("used", allowances.EnumerateArray().Single().GetProperty("state").GetString());
        var events = (await JsonAsync(await Client(_ownerToken).GetAsync($"/api/v4/projects/{_project.Id}/audit_events"))).EnumerateArray().ToList();
        CollectionAssert.AreEqual(new[] { "go_served_tag_updated", "go_served_tag_update_allowed" }, events.Select(e => e.GetProperty("event_name").GetString()).ToArray());
        Assert.IsTrue(events.All(e => e.GetProperty("author_id").GetInt64() == _owner.Id));
        var details = events[0].GetProperty("details");
        Assert.AreEqual(_v1, details.GetProperty("from").GetString());
        Assert.AreEqual(moved, details.GetProperty("to").GetString());
        Assert.AreEqual("v1.0.0", details.GetProperty("target_details").GetString());
        StringAssert.Contains(details.GetProperty("custom_message").GetString(), "Go clients keep getting " + _v1);

        // Spent: the next move is refused again.
        await _git.CommitAsync(_work, "b.go", "package lib\n", new DateTimeOffset(2024, 3, 1, 0, 0, 0, TimeSpan.Zero));
        await _git.MustAsync(_work, "tag", "-f", "v1.0.0");
        var again = await _git.RunAsync(_work, "push", "--force", Url(_ownerToken), "v1.0.0");
        StringAssert.Contains(again.Stderr, "! [remote rejected] v1.0.0 -> v1.0.0 (hook declined)");
    }

    [TestMethod]
    public async Task Allowance_NeedsAnOwnerOrAdmin_AndATagThatWasServed()
    {
        var (maintainer, maintainerToken) = await CreateUserWithTokenAsync("maintainer");
        await ProjectFactory.AddMemberAsync(Services, _project, maintainer, AccessLevel.Maintainer);
        await AllowAsync(maintainerToken, "v1.0.0", HttpStatusCode.Forbidden);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client(maintainerToken).GetAsync($"/api/v4/projects/{_project.Id}/packages/go/tag_allowances")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await Client().PostAsync($"/api/v4/projects/{_project.Id}/packages/go/tag_allowances", null)).StatusCode);
        await AllowAsync(_ownerToken, "v9.9.9", HttpStatusCode.NotFound);
        await AllowAsync(_ownerToken, "bad..name", HttpStatusCode.BadRequest);
        await AllowAsync(_adminToken, "v1.0.0");
    }

    [TestMethod]
    public async Task RevokedAllowance_NoLongerLetsThePushThrough()
    {
        var allowance = await AllowAsync(_ownerToken, "v1.0.0");
        var revoke = await Client(_ownerToken).DeleteAsync($"/api/v4/projects/{_project.Id}/packages/go/tag_allowances/{allowance.GetProperty("id").GetInt64()}");
        Assert.AreEqual(HttpStatusCode.NoContent, revoke.StatusCode);

        await MoveV1Async();
        var push = await _git.RunAsync(_work, "push", "--force", Url(_ownerToken), "v1.0.0");

        StringAssert.Contains(push.Stderr, "! [remote rejected] v1.0.0 -> v1.0.0 (hook declined)");
        Assert.AreEqual(_v1, await ServerTagAsync("v1.0.0"));
    }

    [TestMethod]
    public async Task KeepAroundRefs_AreNeitherAdvertisedNorPushable()
    {
        var keepAround = $"refs/keep-around/{_v1}";
        Assert.AreEqual(_v1, await _git.MustAsync(Get<RepositoryStorage>().PathFor(_project.FullPath), "rev-parse", keepAround));

        var refs = await _git.MustAsync(_work, "ls-remote", Url(_ownerToken));
        Assert.IsFalse(refs.Contains("keep-around"), refs);
        var push = await _git.RunAsync(_work, "push", Url(_ownerToken), $":{keepAround}");
        Assert.IsFalse(push.Ok, push.Stderr);
        Assert.AreEqual(_v1, await _git.MustAsync(Get<RepositoryStorage>().PathFor(_project.FullPath), "rev-parse", keepAround));
    }
}
