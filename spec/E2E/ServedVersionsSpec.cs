using System.Net;
using System.Text.Json;
using GitLabLite.Models.Users;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.E2E;

/// <summary>
/// Versions never change once served, with the real go and git commands over HTTPS (<see cref="LiveServer.Secure"/>):
/// go downloads v1.0.0 and records it in go.sum; a push that moves the tag is refused with the reason in git's output
/// while a new tag in the same push lands; once the Owner allows it the tag moves, and go with an empty module cache
/// still gets exactly what its go.sum holds (no checksum mismatch) and builds the program.
/// </summary>
[TestClass]
public sealed class ServedVersionsSpec : RequestSpec
{
    private static LiveServer Server => LiveServer.Secure;

    protected override bool CleanDatabaseBeforeEachSpec => false;

    [ClassInitialize]
    public static async Task ResetServer(TestContext _) => await LiveFeatures.ResetAsync(Services, Server);

    [TestMethod]
    public async Task MovingAServedTag_NeedsTheOwnersAllowance_AndGoKeepsGettingTheBytesItsGoSumHolds()
    {
        var (_, adminToken) = await CreateUserWithTokenAsync("ledger-admin", admin: true);
        var (owner, ownerToken) = await CreateUserWithTokenAsync("ledger-owner");
        var group = await ProjectFactory.CreateGroupAsync(Services, owner, "ledger");
        var project = await ProjectFactory.CreateProjectAsync(Services, owner, "greeter", group);
        var module = $"{Server.Host}/ledger/greeter";
        using var git = new GitCli();
        var gitEnv = new Dictionary<string, string> { ["GIT_SSL_CAINFO"] = Server.CaFile! };
        var remote = $"https://oauth2:{ownerToken}@{Server.Host}/ledger/greeter.git";
        async Task<ProcessResult> GitAsync(string dir, params string[] args) => await git.RunAsync(dir, gitEnv, args);
        var work = await git.NewWorkingCopyAsync("work", ("go.mod", $"module {module}\n\ngo 1.19\n"), ("hello/hello.go", HelloGo("v1")));
        await git.MustAsync(work, "tag", "v1.0.0");
        Assert.IsTrue((await GitAsync(work, "push", remote, "main", "v1.0.0")).Ok);
        await LiveFeatures.SetAsync(Server, adminToken, "go_proxy", "value=true&project=ledger/greeter");

        // A program that depends on v1.0.0: go records its hashes in go.sum.
        using var first = new GoCli(Server);
        first.UseCredentials(owner.Username, ownerToken);
        var proxy = new Dictionary<string, string> { ["GOPROXY"] = first.ProxyFor(project.Id) };
        var app = first.NewDirectory("app");
        await File.WriteAllTextAsync(Path.Combine(app, "main.go"),
            $"package main\n\nimport (\n\t\"fmt\"\n\n\t\"{module}/hello\"\n)\n\nfunc main() {{ fmt.Println(hello.Greeting()) }}\n");
        await MustAsync(first.RunAsync(app, proxy, "mod", "init", "example.com/app"));
        await MustAsync(first.RunAsync(app, proxy, "get", $"{module}@v1.0.0"));
        var goSum = await File.ReadAllTextAsync(Path.Combine(app, "go.sum"));
        StringAssert.Contains(goSum, $"{module} v1.0.0 h1:");
        var served = (await first.DownloadAsync(proxy, [$"{module}@v1.0.0"])).Single();

        // Moving v1.0.0 is refused, with the reason on the pusher's terminal; v1.1.0 in the same push lands.
        await git.CommitAsync(work, "hello/hello.go", HelloGo("v1, moved"), new DateTimeOffset(2024, 2, 1, 0, 0, 0, TimeSpan.Zero));
        await git.MustAsync(work, "tag", "-f", "v1.0.0");
        await git.MustAsync(work, "tag", "v1.1.0");
        var refused = await GitAsync(work, "push", "--force", remote, "main", "v1.0.0", "v1.1.0");
        Assert.IsFalse(refused.Ok);
        StringAssert.Contains(refused.Stderr, "! [remote rejected] v1.0.0 -> v1.0.0 (hook declined)");
        StringAssert.Contains(refused.Stderr, $"remote: v1.0.0 was served to Go clients as {served.Sum}; tag a new version or add a retract directive");
        var remoteTags = (await GitAsync(work, "ls-remote", "--tags", remote)).Stdout;
        StringAssert.Contains(remoteTags, "refs/tags/v1.1.0");
        StringAssert.Contains(remoteTags, $"{await git.MustAsync(work, "rev-parse", "v1.0.0~1")}\trefs/tags/v1.0.0");

        // The Owner allows it for this one tag; the forced push goes through.
        using (var api = Server.CreateSocketClient(ownerToken))
        {
            var allow = await api.PostAsync($"api/v4/projects/{project.Id}/packages/go/tag_allowances",
                new FormUrlEncodedContent(new Dictionary<string, string> { ["tag_name"] = "v1.0.0" }));
            Assert.AreEqual(HttpStatusCode.Created, allow.StatusCode, await allow.Content.ReadAsStringAsync());
        }
        var allowed = await GitAsync(work, "push", "--force", remote, "v1.0.0");
        Assert.IsTrue(allowed.Ok, allowed.Stderr);

        // An empty module cache, the same go.sum: the proxy serves the recorded v1.0.0, and the program builds.
        using var second = new GoCli(Server);
        second.UseCredentials(owner.Username, ownerToken);
        var again = second.NewDirectory("app");
        foreach (var file in new[] { "go.mod", "go.sum", "main.go" }) File.Copy(Path.Combine(app, file), Path.Combine(again, file));
        var viaProxy = new Dictionary<string, string> { ["GOPROXY"] = second.ProxyFor(project.Id) };
        Assert.AreEqual(served.ToString(), (await second.DownloadAsync(viaProxy, [$"{module}@v1.0.0"])).Single().ToString());
        var run = await MustAsync(second.RunAsync(again, viaProxy, "run", "."));
        Assert.AreEqual("hello from v1\n", run.Stdout);
        Assert.AreEqual(goSum, await File.ReadAllTextAsync(Path.Combine(again, "go.sum")));

    }

    private static string HelloGo(string greeting) => $"package hello\n\nfunc Greeting() string {{ return \"hello from {greeting}\" }}\n";

    private static async Task<ProcessResult> MustAsync(Task<ProcessResult> run)
    {
        var result = await run;
        Assert.IsTrue(result.Ok, $"go failed ({result.ExitCode}): {result.Stderr}");
        return result;
    }
}
