using System.Diagnostics;
using System.Net;
using System.Security.Cryptography;
using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Reliability;

/// <summary>
/// The app as a real process killed with SIGKILL mid-push and mid-zip-build, then started again: the repository
/// passes git fsck, the cache holds no leftovers, and the next download equals a fresh build byte for byte. Each kill
/// is proven to have hit the operation in flight: the push is slowed by a relay and killed once git receive-pack holds
/// part of the pack in its quarantine (and it then fails, with no ref written); the build is killed while its temp
/// zip exists, and that temp file is still there after the kill (the rename into place never happened).
/// </summary>
[TestClass]
public sealed class CrashSafetySpec : RequestSpec
{
    // A 12 MiB pack at 2 MiB/s: about six seconds in flight, against the milliseconds a check takes.
    private const int PushBytesPerSecond = 2 << 20;
    private const int ZipBuildAttempts = 3;
    private static readonly TimeSpan Within = TimeSpan.FromSeconds(60);

    [TestMethod]
    public async Task Kill_MidPushAndMidZipBuild_LeavesConsistentState()
    {
        var (admin, token) = await CreateUserWithTokenAsync("boss", admin: true);
        var group = await ProjectFactory.CreateGroupAsync(Services, admin, "ns", visibility: Visibility.Private);
        var project = await ProjectFactory.CreateProjectAsync(Services, admin, "big", group, Visibility.Private);
        var cache = Path.Combine(Path.GetTempPath(), $"gitlablite-crash-{Guid.NewGuid():N}");
        var port = AppProcess.FreePort();
        var env = new Dictionary<string, string>
        {
            ["GitLab__RepositoriesPath"] = Factory.RepositoriesPath,
            ["GitLab__CachePath"] = cache,
        };
        var bare = Get<RepositoryStorage>().PathFor(project.FullPath);
        using var git = await GitFixture.CreateAsync();
        // Incompressible content, so that both the push and the zip build take a noticeable moment.
        var files = new Dictionary<string, string?> { ["go.mod"] = $"module 127.0.0.1/ns/big\n" };
        var random = new Random(7);
        for (var i = 0; i < 24; i++) files[$"data/f{i}.go"] = "package data\n// " + Convert.ToBase64String(RandomBytes(random, 400_000)) + "\n";
        await git.CommitAsync(files);
        await git.TagAsync("v1.0.0");
        var remote = $"http://boss:{token}@127.0.0.1:{port}/ns/big.git";
        try
        {
            using (var app = AppProcess.Start(env, port))
            using (var relay = new ThrottledRelay(port, PushBytesPerSecond))
            using (var cli = new GitCli())
            {
                await app.WaitReadyAsync();
                var push = cli.RunAsync(git.WorkTree, "push", "-q", $"http://boss:{token}@127.0.0.1:{relay.Port}/ns/big.git",
                    "refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*");
                // Killed while receive-pack is storing the pack: the moment a crash can leave half a push behind.
                var inFlight = await EventuallyAsync(() => Quarantines(bare).Any() && relay.Forwarded > 1 << 20, () => push.IsCompleted);
                Assert.IsTrue(inFlight, $"the push never got under way (forwarded {relay.Forwarded} bytes, completed {push.IsCompleted})");
                Assert.IsFalse(push.IsCompleted, "the push finished before it could be interrupted");
                app.Kill();
                var result = await push;
                Assert.AreNotEqual(0, result.ExitCode, $"the push succeeded although the server was killed during it: {result.Stderr}");
            }
            await FsckAsync(bare);
            foreach (var name in new[] { "refs/heads/main", "refs/tags/v1.0.0" })
                Assert.IsFalse(await HasRefAsync(bare, name), $"{name} of the interrupted push was written");

            using (var app = AppProcess.Start(env, port))
            {
                await app.WaitReadyAsync();
                await git.GitAsync("push", "-q", "--force", remote, "refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*");
                await FsckAsync(bare);
                Assert.IsTrue(await HasRefAsync(bare, "refs/tags/v1.0.0"), "the second push");
                using var client = app.Client(token);
                Assert.AreEqual(HttpStatusCode.Created, (await client.PostAsync("/api/v4/features/go_proxy?value=true", null)).StatusCode);
            }

            // Killed while the temp zip is being written. Should the build win the race to its rename (the kill lands
            // just after it), the cache is emptied and it is tried again: only a kill mid-write passes.
            var killedMidWrite = false;
            for (var attempt = 1; attempt <= ZipBuildAttempts && !killedMidWrite; attempt++)
            {
                if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
                using var app = AppProcess.Start(env, port);
                await app.WaitReadyAsync();
                using var client = app.Client(token);
                var zip = client.GetAsync($"/api/v4/projects/{project.Id}/packages/go/127.0.0.1/ns/big/@v/v1.0.0.zip");
                var writing = await EventuallyAsync(() => TempFiles(cache).Any(), () => zip.IsCompleted);
                Assert.IsTrue(writing, $"no temp zip appeared (answered: {zip.IsCompleted})");
                app.Kill();
                try { await zip; } catch (HttpRequestException) { /* expected: the server died */ }
                killedMidWrite = TempFiles(cache).Any();
            }
            Assert.IsTrue(killedMidWrite, $"in {ZipBuildAttempts} attempts the build always finished before the kill");

            string first;
            using (var app = AppProcess.Start(env, port))
            {
                await app.WaitReadyAsync();
                Assert.IsEmpty(TempFiles(cache).ToArray(), "temp files left after restart");
                first = await ZipHashAsync(app, token, project.Id);
            }
            Directory.Delete(Path.Combine(cache, "go-zips"), recursive: true);
            using (var app = AppProcess.Start(env, port))
            {
                await app.WaitReadyAsync();
                Assert.AreEqual(await ZipHashAsync(app, token, project.Id), first, "cached zip differs from a fresh build");
            }
        }
        finally
        {
            if (Directory.Exists(cache)) Directory.Delete(cache, recursive: true);
        }
    }

    /// <summary>Polls until <paramref name="condition"/> holds (true) or <paramref name="over"/> does first or time runs out (false).</summary>
    private static async Task<bool> EventuallyAsync(Func<bool> condition, Func<bool> over)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Within)
        {
            if (condition()) return true;
            if (over()) return condition();
            await Task.Delay(2);
        }
        return false;
    }

    /// <summary>git receive-pack's quarantine: objects of a push not yet accepted (tmp_objdir "incoming").</summary>
    private static IEnumerable<string> Quarantines(string bare) =>
        Directory.Exists(Path.Combine(bare, "objects")) ? Directory.EnumerateDirectories(Path.Combine(bare, "objects"), "tmp_objdir-incoming-*") : [];

    private static IEnumerable<string> TempFiles(string cache) =>
        Directory.Exists(cache) ? Directory.EnumerateFiles(cache, "*.tmp", SearchOption.AllDirectories) : [];

    private static byte[] RandomBytes(Random random, int count)
    {
        var bytes = new byte[count];
        random.NextBytes(bytes);
        return bytes;
    }

    private static async Task<string> ZipHashAsync(AppProcess app, string token, long projectId)
    {
        using var client = app.Client(token);
        var response = await client.GetAsync($"/api/v4/projects/{projectId}/packages/go/127.0.0.1/ns/big/@v/v1.0.0.zip");
        Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, await response.Content.ReadAsStringAsync());
        return Convert.ToHexString(SHA256.HashData(await response.Content.ReadAsByteArrayAsync()));
    }

    private static async Task<bool> HasRefAsync(string bare, string name)
    {
        using var cli = new GitCli();
        return (await cli.RunAsync(bare, "rev-parse", "--verify", "--quiet", name)).ExitCode == 0;
    }

    private static async Task FsckAsync(string bare)
    {
        using var cli = new GitCli();
        var result = await cli.RunAsync(bare, "fsck", "--full", "--strict");
        Assert.AreEqual(0, result.ExitCode, $"git fsck: {result.Stdout}{result.Stderr}");
    }
}
