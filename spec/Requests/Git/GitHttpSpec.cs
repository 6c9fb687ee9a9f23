using System.Net;
using System.Net.Http.Headers;
using System.Text;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Projects;
using GitLabLite.Spec.Support;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabLite.Spec.Requests.Git;

/// <summary>
/// Git over HTTP with the real git CLI against the app on a real socket (<see cref="LiveServer"/>), plus raw
/// protocol checks through the in-memory client.
/// </summary>
[TestClass]
public sealed class GitHttpSpec : RequestSpec
{
    private GitCli _git = null!;

    [TestInitialize]
    public void CreateGit() => _git = new GitCli();

    [TestCleanup]
    public void RemoveGit() => _git.Dispose();

    private static string Url(string fullPath, string? token = null, bool dotGit = true) =>
        $"http://{(token is null ? "" : $"oauth2:{token}@")}127.0.0.1:{LiveServer.Shared.Port}/{fullPath}{(dotGit ? ".git" : "")}";

    [TestMethod]
    public async Task Push_WithOwnerTokenToNestedGroupProject_PushesBranchesAndTagsVisibleInApi()
    {
        var (owner, token) = await CreateUserWithTokenAsync("owner", scopes: [TokenScopes.WriteRepository]);
        var apiToken = await CreateTokenAsync(owner, [TokenScopes.ReadApi]);
        var a = await ProjectFactory.CreateGroupAsync(Services, owner, "a");
        var b = await ProjectFactory.CreateGroupAsync(Services, owner, "b", a);
        var project = await ProjectFactory.CreateProjectAsync(Services, owner, "c", b);
        var refsChanged = new List<long>();
        var notifier = LiveServer.Shared.Services.GetRequiredService<RepositoryChangeNotifier>();
        Action<long> record = id => { lock (refsChanged) refsChanged.Add(id); };
        notifier.RefsChanged += record;

        var work = await _git.NewWorkingCopyAsync("work", ("go.mod", "module example.com/c\n"), ("main.go", "package c\n"));
        await _git.MustAsync(work, "tag", "v1.0.0", "HEAD~1");
        await _git.MustAsync(work, "tag", "-a", "v1.1.0", "-m", "Release 1.1");
        await _git.MustAsync(work, "branch", "feature/x", "HEAD~1");
        var push = await _git.RunAsync(work, "push", Url("a/b/c", token), "main", "feature/x", "--tags");
        Assert.IsTrue(push.Ok, push.Stderr);

        var stored = await Get<ProjectRepository>().FindOrNullAsync(project.Id, CancellationToken.None);
        Assert.AreEqual("main", stored!.DefaultBranch);
        Assert.IsTrue(stored.LastActivityAt > project.LastActivityAt);
        notifier.RefsChanged -= record;
        CollectionAssert.Contains(refsChanged, project.Id);

        var tags = await JsonAsync(await Client(apiToken).GetAsync("/api/v4/projects/a%2Fb%2Fc/repository/tags"));
        CollectionAssert.AreEqual(new[] { "v1.1.0", "v1.0.0" }, tags.EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToArray());
        var branches = await JsonAsync(await Client(apiToken).GetAsync($"/api/v4/projects/{project.Id}/repository/branches"));
        CollectionAssert.AreEqual(new[] { "feature/x", "main" }, branches.EnumerateArray().Select(t => t.GetProperty("name").GetString()).ToArray());
        Assert.IsTrue(branches[1].GetProperty("default").GetBoolean());

        // The clone comes back identical, over protocol v0 as well as git's default v2.
        var head = await _git.MustAsync(work, "rev-parse", "HEAD");
        foreach (var version in new[] { "0", "2" })
        {
            var clone = Path.Combine(_git.Home, $"clone-v{version}");
            var result = await _git.RunAsync(null, "-c", $"protocol.version={version}", "clone", "-q", Url("a/b/c", token), clone);
            Assert.IsTrue(result.Ok, result.Stderr);
            Assert.AreEqual(head, await _git.MustAsync(clone, "rev-parse", "HEAD"));
            Assert.AreEqual("v1.0.0\nv1.1.0", await _git.MustAsync(clone, "tag", "-l"));
        }
    }

    [TestMethod]
    public async Task CloneAndPush_PrivateProject_FollowTokenScopesAndRoles()
    {
        var owner = await CreateUserAsync("owner");
        var project = await ProjectFactory.CreateProjectAsync(Services, owner, "secret");
        var ownerToken = await CreateTokenAsync(owner, [TokenScopes.Api]);
        var work = await _git.NewWorkingCopyAsync("work", ("README.md", "hello\n"));
        Assert.IsTrue((await _git.RunAsync(work, "push", Url(project.FullPath, ownerToken), "main")).Ok);

        var reporter = await CreateUserAsync("reporter");
        await ProjectFactory.AddMemberAsync(Services, project, reporter, AccessLevel.Reporter);
        var developer = await CreateUserAsync("developer");
        await ProjectFactory.AddMemberAsync(Services, project, developer, AccessLevel.Developer);
        var guest = await CreateUserAsync("guest");
        await ProjectFactory.AddMemberAsync(Services, project, guest, AccessLevel.Guest);

        async Task<ProcessResult> Clone(string name, string? token) => await _git.RunAsync(null, "clone", "-q", Url(project.FullPath, token), Path.Combine(_git.Home, name));

        // git asks for credentials on 401 (and cannot here: prompts are off); a refused token reads "Authentication failed".
        StringAssert.Contains((await Clone("anonymous", null)).Stderr, "could not read Username");
        StringAssert.Contains((await Clone("read-api", await CreateTokenAsync(owner, [TokenScopes.ReadApi]))).Stderr, "Authentication failed");
        StringAssert.Contains((await Clone("bad-token", "glpat-notarealtokenatallxxxx")).Stderr, "Authentication failed");
        StringAssert.Contains((await Clone("guest", await CreateTokenAsync(guest, [TokenScopes.ReadRepository]))).Stderr, "403");
        var reporterClone = await Clone("reporter", await CreateTokenAsync(reporter, [TokenScopes.ReadRepository]));
        Assert.IsTrue(reporterClone.Ok, reporterClone.Stderr);

        await _git.CommitAsync(work, "CHANGELOG.md", "v2\n", DateTimeOffset.UtcNow);
        var reporterPush = await _git.RunAsync(work, "push", Url(project.FullPath, await CreateTokenAsync(reporter, [TokenScopes.WriteRepository])), "main");
        Assert.IsFalse(reporterPush.Ok);
        StringAssert.Contains(reporterPush.Stderr, "403");
        var readOnlyPush = await _git.RunAsync(work, "push", Url(project.FullPath, await CreateTokenAsync(developer, [TokenScopes.ReadRepository])), "main");
        StringAssert.Contains(readOnlyPush.Stderr, "403");
        var developerPush = await _git.RunAsync(work, "push", Url(project.FullPath, await CreateTokenAsync(developer, [TokenScopes.WriteRepository])), "main");
        Assert.IsTrue(developerPush.Ok, developerPush.Stderr);
    }

    [TestMethod]
    public async Task Clone_PublicProjectAnonymously_WorksWithoutDotGit_ButPushNeedsCredentials()
    {
        var (owner, token) = await CreateUserWithTokenAsync("owner");
        var project = await ProjectFactory.CreateProjectAsync(Services, owner, "open", visibility: Visibility.Public);
        var work = await _git.NewWorkingCopyAsync("work", ("README.md", "hello\n"));
        Assert.IsTrue((await _git.RunAsync(work, "push", Url(project.FullPath, token), "main")).Ok);

        var clone = await _git.RunAsync(null, "clone", "-q", Url(project.FullPath, dotGit: false), Path.Combine(_git.Home, "clone"));
        Assert.IsTrue(clone.Ok, clone.Stderr);
        await _git.CommitAsync(work, "more.txt", "more\n", DateTimeOffset.UtcNow);
        Assert.IsFalse((await _git.RunAsync(work, "push", Url(project.FullPath), "main")).Ok);
    }

    [TestMethod]
    public async Task Push_FiveMegabytesOfRandomContent_StreamsThrough()
    {
        var (owner, token) = await CreateUserWithTokenAsync("owner");
        var project = await ProjectFactory.CreateProjectAsync(Services, owner, "big");
        var work = await _git.NewWorkingCopyAsync("work", ("README.md", "big\n"));
        await File.WriteAllBytesAsync(Path.Combine(work, "random.bin"), System.Security.Cryptography.RandomNumberGenerator.GetBytes(5 << 20));
        await _git.MustAsync(work, "add", "random.bin");
        await _git.MustAsync(work, "commit", "-q", "-m", "Random");
        var push = await _git.RunAsync(work, "push", Url(project.FullPath, token), "main");
        Assert.IsTrue(push.Ok, push.Stderr);

        var clone = Path.Combine(_git.Home, "clone");
        Assert.IsTrue((await _git.RunAsync(null, "clone", "-q", Url(project.FullPath, token), clone)).Ok);
        CollectionAssert.AreEqual(await File.ReadAllBytesAsync(Path.Combine(work, "random.bin")), await File.ReadAllBytesAsync(Path.Combine(clone, "random.bin")));
    }

    [TestMethod]
    [Timeout(60_000)]
    public async Task ReceivePack_WhenClientDisconnects_KillsTheGitChild()
    {
        var (owner, token) = await CreateUserWithTokenAsync("owner");
        var project = await ProjectFactory.CreateProjectAsync(Services, owner, "cut");
        var repoPath = Get<GitLabLite.Git.RepositoryStorage>().PathFor(project.FullPath);
        using var http = new HttpClient { BaseAddress = new Uri(LiveServer.Shared.BaseUrl) };
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic", Convert.ToBase64String(Encoding.UTF8.GetBytes($"x:{token}")));
        using var abort = new CancellationTokenSource();
        var body = new StalledContent(abort.Token);
        body.Headers.ContentType = new MediaTypeHeaderValue("application/x-git-receive-pack-request");
        var request = http.PostAsync($"/{project.FullPath}.git/git-receive-pack", body, abort.Token);

        Assert.IsTrue(await WaitUntilAsync(() => GitChildrenFor(repoPath) > 0), "git receive-pack never started");
        abort.Cancel();
        await Assert.ThrowsAsync<OperationCanceledException>(() => request);
        Assert.IsTrue(await WaitUntilAsync(() => GitChildrenFor(repoPath) == 0), "git receive-pack outlived its client");
    }

    /// <summary>Sends the start of a request body, then never finishes it.</summary>
    private sealed class StalledContent(CancellationToken stop) : HttpContent
    {
        protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
        {
            // A whole command list (the app reads it before starting git), then half a pkt-line length of the pack: git waits for the rest.
            var command = $"{new string('0', 40)} {new string('1', 40)} refs/heads/main\0report-status\n";
            await stream.WriteAsync(Encoding.ASCII.GetBytes($"{command.Length + 4:x4}{command}0000"));
            await stream.WriteAsync("00"u8.ToArray());
            await stream.FlushAsync();
            await Task.Delay(Timeout.Infinite, stop);
        }

        protected override bool TryComputeLength(out long length)
        {
            length = 0;
            return false;
        }
    }

    private static int GitChildrenFor(string repoPath) =>
        Directory.EnumerateDirectories("/proc").Count(dir =>
        {
            try
            {
                var cmdline = File.ReadAllText(Path.Combine(dir, "cmdline"));
                return cmdline.Contains("receive-pack") && cmdline.Contains(repoPath);
            }
            catch (IOException)
            {
                return false;
            }
            catch (UnauthorizedAccessException)
            {
                return false;
            }
        });

    private static async Task<bool> WaitUntilAsync(Func<bool> condition)
    {
        for (var i = 0; i < 100; i++)
        {
            if (condition()) return true;
            await Task.Delay(100);
        }
        return false;
    }

    [TestMethod]
    public async Task InfoRefs_PublicProject_AdvertisesWithServicePreambleAndNoCache()
    {
        var owner = await CreateUserAsync("owner");
        var project = await ProjectFactory.CreateProjectAsync(Services, owner, "open", visibility: Visibility.Public);
        var response = await Client().GetAsync($"/{project.FullPath}.git/info/refs?service=git-upload-pack");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.AreEqual("application/x-git-upload-pack-advertisement", response.Content.Headers.ContentType!.MediaType);
        StringAssert.Contains(response.Headers.CacheControl!.ToString(), "no-cache");
        StringAssert.StartsWith(await response.Content.ReadAsStringAsync(), "001e# service=git-upload-pack\n0000");

        var v2 = new HttpRequestMessage(HttpMethod.Get, $"/{project.FullPath}/info/refs?service=git-upload-pack");
        v2.Headers.Add("Git-Protocol", "version=2");
        var body = await (await Client().SendAsync(v2)).Content.ReadAsStringAsync();
        StringAssert.StartsWith(body, "000eversion 2\n");
    }

    [TestMethod]
    public async Task InfoRefs_PrivateProject_ChallengesAnonymousAndInvalidAndHidesFromStrangers()
    {
        var owner = await CreateUserAsync("owner");
        var project = await ProjectFactory.CreateProjectAsync(Services, owner, "secret");
        var url = $"/{project.FullPath}.git/info/refs?service=git-upload-pack";

        var anonymous = await Client().GetAsync(url);
        Assert.AreEqual(HttpStatusCode.Unauthorized, anonymous.StatusCode);
        Assert.AreEqual("Basic realm=\"GitLab\"", anonymous.Headers.WwwAuthenticate.ToString());
        var unknown = await Client().GetAsync("/owner/nothing.git/info/refs?service=git-upload-pack");
        Assert.AreEqual(HttpStatusCode.Unauthorized, unknown.StatusCode);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await BasicClient("glpat-notarealtokenatallxxxx").GetAsync(url)).StatusCode);

        var (_, strangerToken) = await CreateUserWithTokenAsync("stranger", scopes: [TokenScopes.ReadRepository]);
        Assert.AreEqual(HttpStatusCode.NotFound, (await BasicClient(strangerToken).GetAsync(url)).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await BasicClient(strangerToken).GetAsync("/owner/nothing.git/info/refs?service=git-upload-pack")).StatusCode);
        var ownerReadApi = await CreateTokenAsync(owner, [TokenScopes.ReadApi]);
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await BasicClient(ownerReadApi).GetAsync(url)).StatusCode);
        var ownerRead = await CreateTokenAsync(owner, [TokenScopes.ReadRepository]);
        Assert.AreEqual(HttpStatusCode.OK, (await BasicClient(ownerRead).GetAsync(url)).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await BasicClient(ownerRead).GetAsync($"/{project.FullPath}.git/info/refs?service=git-receive-pack")).StatusCode);
    }

    [TestMethod]
    public async Task GitRoutes_WithOddPathsOrRequests_AnswerClientErrors()
    {
        var (owner, token) = await CreateUserWithTokenAsync("owner");
        var project = await ProjectFactory.CreateProjectAsync(Services, owner, "open", visibility: Visibility.Public);
        Assert.AreEqual(HttpStatusCode.NotFound, (await BasicClient(token).GetAsync("/owner/..%2F..%2Fx.git/info/refs?service=git-upload-pack")).StatusCode);
        Assert.AreEqual(HttpStatusCode.NotFound, (await BasicClient(token).GetAsync("/open.git/info/refs?service=git-upload-pack")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client().GetAsync($"/{project.FullPath}.git/info/refs")).StatusCode);
        Assert.AreEqual(HttpStatusCode.Forbidden, (await Client().GetAsync($"/{project.FullPath}.git/info/refs?service=git-evil")).StatusCode);

        var wrongType = await Client().PostAsync($"/{project.FullPath}.git/git-upload-pack", new StringContent("0000", Encoding.ASCII, "text/plain"));
        Assert.AreEqual(HttpStatusCode.UnsupportedMediaType, wrongType.StatusCode);
        var garbage = new ByteArrayContent("not a pkt-line"u8.ToArray());
        garbage.Headers.ContentType = new MediaTypeHeaderValue("application/x-git-upload-pack-request");
        var response = await Client().PostAsync($"/{project.FullPath}.git/git-upload-pack", garbage);
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
    }

    [TestMethod]
    [DataRow("git-upload-pack")]
    [DataRow("git-receive-pack")]
    public async Task GitRpc_WithAGzipBodyThatDoesNotInflate_Answers400(string service)
    {
        var (owner, token) = await CreateUserWithTokenAsync("owner");
        var project = await ProjectFactory.CreateProjectAsync(Services, owner, "open", visibility: Visibility.Public);
        var corrupt = new ByteArrayContent("00ffnot gzip at all"u8.ToArray());
        corrupt.Headers.ContentType = new MediaTypeHeaderValue($"application/x-{service}-request");
        corrupt.Headers.ContentEncoding.Add("gzip");
        var response = await BasicClient(token).PostAsync($"/{project.FullPath}.git/{service}", corrupt);
        Assert.AreEqual(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.AreEqual("The request body is not valid gzip", (await response.Content.ReadAsStringAsync()).Trim());
    }
}
