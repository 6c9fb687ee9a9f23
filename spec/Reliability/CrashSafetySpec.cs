using System.Net;
using System.Security.Cryptography;
using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Reliability;

/// <summary>
/// The app as a real process killed with SIGKILL mid-push and mid-zip-build, then started again: the repository
/// passes git fsck, the cache holds no leftovers, and the next download equals a fresh build byte for byte.
/// </summary>
[TestClass]
public sealed class CrashSafetySpec : RequestSpec
{
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
        for (var i = 0; i < 16; i++) files[$"data/f{i}.go"] = "package data\n// " + Convert.ToBase64String(RandomBytes(random, 400_000)) + "\n";
        await git.CommitAsync(files);
        await git.TagAsync("v1.0.0");
        var remote = $"http://boss:{token}@127.0.0.1:{port}/ns/big.git";
        try
        {
            using (var app = AppProcess.Start(env, port))
            {
                await app.WaitReadyAsync();
                var push = git.GitAsync("push", "-q", remote, "refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*");
                await Task.Delay(400);
                app.Kill();
                try { await push; } catch (AssertFailedException) { /* the push may fail: the server died */ }
            }
            await FsckAsync(bare);

            using (var app = AppProcess.Start(env, port))
            {
                await app.WaitReadyAsync();
                await git.GitAsync("push", "-q", "--force", remote, "refs/heads/*:refs/heads/*", "refs/tags/*:refs/tags/*");
                await FsckAsync(bare);
                using var client = app.Client(token);
                Assert.AreEqual(HttpStatusCode.Created, (await client.PostAsync("/api/v4/features/go_proxy?value=true", null)).StatusCode);
                var zip = client.GetAsync($"/api/v4/projects/{project.Id}/packages/go/127.0.0.1/ns/big/@v/v1.0.0.zip");
                // Killed while the temp zip is being written: the moment a crash can do harm.
                var deadline = DateTime.UtcNow.AddSeconds(20);
                while (!TempFiles(cache).Any() && !zip.IsCompleted && DateTime.UtcNow < deadline) await Task.Delay(5);
                Assert.IsFalse(zip.IsCompleted, "the zip build finished before it could be interrupted");
                app.Kill();
                try { await zip; } catch (HttpRequestException) { /* expected: the server died */ }
            }

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

    private static async Task FsckAsync(string bare)
    {
        using var cli = new GitCli();
        var result = await cli.RunAsync(bare, "fsck", "--full", "--strict");
        Assert.AreEqual(0, result.ExitCode, $"git fsck: {result.Stdout}{result.Stderr}");
    }
}
