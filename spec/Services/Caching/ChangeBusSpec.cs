using System.Collections.Concurrent;
using GitLabLite.Models.Projects;
using GitLabLite.Repositories;
using GitLabLite.Repositories.Users;
using GitLabLite.Services.Caching;
using GitLabLite.Spec.Support;

namespace GitLabLite.Spec.Services.Caching;

/// <summary>
/// The change bus between app processes: triggers publish every change that cached answers depend on, a write
/// returns only once every process holding a lease has applied it, and a process that may have missed changes
/// flushes before it trusts its caches again.
/// </summary>
[TestClass]
public sealed class ChangeBusSpec : RequestSpec
{
    private static readonly CancellationToken None = CancellationToken.None;

    private static Task ExecuteAsync(string sql, object? args = null) => Get<Database>().ExecuteAsync(sql, args, None);

    private static async Task<BusNode> RecordingNodeAsync(ConcurrentQueue<string> heard)
    {
        var node = await BusNode.StartAsync(Services);
        foreach (var topic in new[] { "token", "user", "member", "project", "namespace", "route", "flags", "refs" })
            node.Bus.Subscribe(topic, key => heard.Enqueue($"{topic}:{key}"));
        return node;
    }

    [TestMethod]
    public async Task Write_ThatChangesCachedRows_IsAppliedByTheOtherProcessBeforeItReturns()
    {
        var heard = new ConcurrentQueue<string>();
        await using var other = await RecordingNodeAsync(heard);
        var (user, _) = await CreateUserWithTokenAsync("alice");
        var group = await ProjectFactory.CreateGroupAsync(Services, user, "g");
        var project = await ProjectFactory.CreateProjectAsync(Services, user, "p", group);
        var tokenId = (await Get<PersonalAccessTokenRepository>().ListAsync(user.Id, 0, 10, None)).Single().Id;
        heard.Clear();

        // Each assertion runs right after the write returned: no waiting, the barrier already did.
        (string Sql, string Expected)[] cases =
        [
            ($"UPDATE personal_access_tokens SET revoked = true WHERE id = {tokenId}", $"token:{tokenId}"),
            ($"UPDATE users SET state = 'blocked' WHERE id = {user.Id}", $"user:{user.Id}"),
            ($"INSERT INTO members (source_type, source_id, user_id, access_level) VALUES ('Project', {project.Id}, {user.Id}, 20)", $"member:{user.Id}"),
            ($"UPDATE projects SET visibility_level = 20 WHERE id = {project.Id}", $"project:{project.Id}"),
            ($"UPDATE namespaces SET visibility_level = 20 WHERE id = {group.Id}", $"namespace:{group.Id}"),
            ($"UPDATE routes SET name = 'G / P' WHERE source_type = 'Project' AND source_id = {project.Id}", $"route:{project.Id}"),
            ("INSERT INTO features (key) VALUES ('go_proxy')", "flags:"),
            ($"DELETE FROM members WHERE user_id = {user.Id}", $"member:{user.Id}"),
        ];
        foreach (var (sql, expected) in cases)
        {
            await ExecuteAsync(sql);
            var got = heard.ToArray();
            heard.Clear();
            Assert.IsTrue(got.Any(h => h.StartsWith(expected, StringComparison.Ordinal)), $"{sql}: heard [{string.Join(", ", got)}]");
        }
    }

    [TestMethod]
    public async Task Write_ThatChangesOnlyBookkeeping_PublishesNothing()
    {
        var heard = new ConcurrentQueue<string>();
        await using var other = await RecordingNodeAsync(heard);
        var (user, _) = await CreateUserWithTokenAsync("alice");
        var project = await ProjectFactory.CreateProjectAsync(Services, user, "p");
        heard.Clear();
        await ExecuteAsync("UPDATE personal_access_tokens SET last_used_at = now(), updated_at = now()");
        // failed_attempts, once the other bookkeeping column here, went with the per-address sign-in lockout.
        await ExecuteAsync("UPDATE users SET updated_at = now()");
        await ExecuteAsync("UPDATE projects SET updated_at = now()");
        await ExecuteAsync("UPDATE namespaces SET updated_at = now()");
        // A change that does publish, as a fence: everything before it has been delivered once it returns.
        await ExecuteAsync($"UPDATE projects SET description = 'fence' WHERE id = {project.Id}");
        CollectionAssert.AreEqual(new[] { $"project:{project.Id}" }, heard.ToArray(), string.Join(", ", heard));
    }

    [TestMethod]
    public async Task Truncate_ResetsEveryProcess()
    {
        await using var other = await BusNode.StartAsync(Services);
        var resets = 0;
        other.Bus.OnReset(() => Interlocked.Increment(ref resets));
        await DatabaseCleaner.CleanAsync(Services);
        Assert.IsGreaterThan(0, resets);
    }

    [TestMethod]
    public async Task Write_WithTheLeaseOfAVanishedProcessLeft_WaitsUntilThatLeaseLapsesOnly()
    {
        // A process killed without giving up its lease: nobody will acknowledge for it.
        var vanished = Guid.NewGuid();
        await ExecuteAsync("INSERT INTO bus_nodes (id, host, pid, lease_until) VALUES (@vanished, 'gone', 1, now() + interval '1 second')", new { vanished });
        try
        {
            await ExecuteAsync("UPDATE users SET name = 'Root' WHERE username = 'root'");
            var lapsed = await Get<Database>().QuerySingleAsync<bool>("SELECT lease_until <= now() FROM bus_nodes WHERE id = @vanished", new { vanished }, None);
            Assert.IsTrue(lapsed, "returned while a lease that was not acknowledged still held");
        }
        finally
        {
            await ExecuteAsync("DELETE FROM bus_nodes WHERE id = @vanished", new { vanished });
        }
    }

    [TestMethod]
    public async Task Write_WhileAnotherProcessLostItsListener_ReturnsAndThatProcessFlushesBeforeTrustingAgain()
    {
        await using var other = await BusNode.StartAsync(Services);
        var resets = 0;
        other.Bus.OnReset(() => Interlocked.Increment(ref resets));
        await other.KillListenerAsync();
        await ExecuteAsync("UPDATE users SET name = 'Root' WHERE username = 'root'");
        await other.WaitCurrentAsync();
        Assert.IsGreaterThan(0, resets, "listening again without a flush");
    }

    [TestMethod]
    public async Task Stop_GivesTheLeaseUp()
    {
        var node = await BusNode.StartAsync(Services);
        var before = await CountLeasesAsync();
        await node.DisposeAsync();
        Assert.AreEqual(before - 1, await CountLeasesAsync());
    }

    private static Task<long> CountLeasesAsync() => Get<Database>().QuerySingleAsync<long>("SELECT count(*) FROM bus_nodes", null, None);

    [TestMethod]
    public async Task Cache_ValueLoadedAcrossAnInvalidation_IsNotKept()
    {
        var cache = new BusCache<string, int>(Get<ChangeBus>(), 10);
        var epoch = cache.Epoch;
        cache.RemoveWhere((key, _) => key == "a");
        cache.Store("a", 1, epoch);
        Assert.IsFalse(cache.TryGet("a", out _), "a value read before the invalidation was kept");
        cache.Store("a", 2, cache.Epoch);
        Assert.IsTrue(cache.TryGet("a", out var value));
        Assert.AreEqual(2, value);
    }
}
