using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Reliability;

/// <summary>
/// Postgres stopped and started again (bin/pg) under a steady load of proxy and API requests on the in-process app:
/// during the outage only quick 503s with Retry-After, readiness 503, never a wrong answer; afterwards full recovery
/// without restarting the app.
/// </summary>
[TestClass]
public sealed class PostgresOutageSpec : RequestSpec
{
    private static readonly TimeSpan Slowest = TimeSpan.FromSeconds(2);

    [TestMethod]
    public async Task Requests_WhilePostgresIsDownAndBack_FailFastThenRecover()
    {
        var (admin, token) = await CreateUserWithTokenAsync("boss", admin: true);
        var group = await ProjectFactory.CreateGroupAsync(Services, admin, "ns", visibility: Visibility.Public);
        var project = await ProjectFactory.CreateProjectAsync(Services, admin, "lib", group, Visibility.Public);
        using (var git = await GitFixture.CreateAsync())
        {
            await git.CommitAsync(new Dictionary<string, string?> { ["go.mod"] = "module gitlab.example.com/ns/lib\n", ["a.go"] = "package a\n" });
            await git.TagAsync("v1.0.0");
            await git.PushToAsync(Get<RepositoryStorage>().PathFor(project.FullPath));
        }
        Assert.AreEqual(HttpStatusCode.Created, (await Client(token).PostAsync("/api/v4/features/go_proxy?value=true", null)).StatusCode);
        var proxy = $"/api/v4/projects/{project.Id}/packages/go/gitlab.example.com/ns/lib/@v/";
        string[] paths = [proxy + "list", proxy + "v1.0.0.info", proxy + "v1.0.0.mod", proxy + "v1.0.0.zip", $"/api/v4/projects/{project.Id}", "/api/v4/user"];
        var client = Client(token);
        var expected = new Dictionary<string, byte[]>();
        foreach (var path in paths)
        {
            var response = await client.GetAsync(path);
            Assert.AreEqual(HttpStatusCode.OK, response.StatusCode, path);
            expected[path] = await response.Content.ReadAsByteArrayAsync();
        }

        var samples = new ConcurrentBag<Sample>();
        using var stop = new CancellationTokenSource();
        var phase = Phase.Before;
        var load = Enumerable.Range(0, 4).Select(worker => Task.Run(async () =>
        {
            for (var i = worker; !stop.IsCancellationRequested; i++)
            {
                var path = paths[i % paths.Length];
                var current = phase;
                var clock = Stopwatch.StartNew();
                using var response = await client.GetAsync(path);
                var body = await response.Content.ReadAsByteArrayAsync();
                samples.Add(new Sample(current, path, response.StatusCode, clock.Elapsed,
                    response.StatusCode != HttpStatusCode.OK || body.AsSpan().SequenceEqual(expected[path]), response.Headers.RetryAfter is not null));
            }
        })).ToArray();

        await UntilAsync(() => samples.Count(s => s.Phase == Phase.Before) >= 20, "answers under load before the outage");
        try
        {
            await PgAsync("stop");
            phase = Phase.Outage;
            await UntilAsync(() => samples.Count(s => s.Phase == Phase.Outage && s.Status == HttpStatusCode.ServiceUnavailable) > 10, "503s during the outage");
            var readiness = await client.GetAsync("/-/readiness");
            Assert.AreEqual(HttpStatusCode.ServiceUnavailable, readiness.StatusCode, "readiness during the outage");
        }
        finally
        {
            phase = Phase.Recovering;
            await PgAsync("start");
        }
        await UntilAsync(async () => (await client.GetAsync("/-/readiness")).StatusCode == HttpStatusCode.OK, "readiness after the outage");
        // The circuit breaker lets one probe through after its break; recovered means a run of answers from the database.
        await UntilAsync(async () =>
        {
            foreach (var path in paths)
                if ((await client.GetAsync(path)).StatusCode != HttpStatusCode.OK) return false;
            return true;
        }, "every path answering again");
        phase = Phase.After;
        await UntilAsync(() => samples.Count(s => s.Phase == Phase.After) > 20, "answers under load after recovery");
        await stop.CancelAsync();
        await Task.WhenAll(load);

        var all = samples.ToArray();
        Assert.IsTrue(all.All(s => s.Correct), $"wrong answers: {string.Join(", ", all.Where(s => !s.Correct).Select(s => s.Path))}");
        var failures = all.Where(s => s.Status != HttpStatusCode.OK).ToArray();
        Assert.IsTrue(failures.All(s => s.Status == HttpStatusCode.ServiceUnavailable && s.RetryAfter),
            $"non-503 failures: {string.Join(", ", failures.Where(s => s.Status != HttpStatusCode.ServiceUnavailable).Select(s => $"{s.Path} {(int)s.Status}"))}");
        var outage = all.Where(s => s.Phase == Phase.Outage).ToArray();
        Assert.IsTrue(outage.Count(s => s.Status == HttpStatusCode.ServiceUnavailable) > 10, $"only {outage.Length} requests during the outage");
        Assert.IsTrue(outage.All(s => s.Elapsed < Slowest), $"slowest during the outage: {outage.Max(s => s.Elapsed)}");
        var after = all.Where(s => s.Phase == Phase.After).ToArray();
        Assert.IsTrue(after.Length > 20 && after.All(s => s.Status == HttpStatusCode.OK),
            $"after recovery: {after.Count(s => s.Status != HttpStatusCode.OK)} of {after.Length} failed");
    }

    private static Task UntilAsync(Func<bool> condition, string what) => UntilAsync(() => Task.FromResult(condition()), what);

    /// <summary>Waits for <paramref name="condition"/>, polling; fails the spec when it has not come within a minute.</summary>
    private static async Task UntilAsync(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > TimeSpan.FromMinutes(1)) Assert.Fail($"waited a minute for {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>bin/pg start|stop: the same commands bin/setup uses for the embedded cluster.</summary>
    private static async Task PgAsync(string command)
    {
        using var process = Process.Start(new ProcessStartInfo(Path.Combine(AppProcess.RepositoryRoot, "bin", "pg"), command) { UseShellExecute = false })!;
        await process.WaitForExitAsync();
        Assert.AreEqual(0, process.ExitCode, $"bin/pg {command}");
    }

    private enum Phase { Before, Outage, Recovering, After }

    private sealed record Sample(Phase Phase, string Path, HttpStatusCode Status, TimeSpan Elapsed, bool Correct, bool RetryAfter);
}
