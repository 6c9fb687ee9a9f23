using System.Text;
using GitLabLite.Golang.SumDb;

namespace GitLabLite.Spec.Lib.Golang.SumDb;

/// <summary>
/// Lookups replayed from the vectors: the same remote files, cache and latest tree that sumdb.Client was given, and
/// the same outcome (lines, error, SECURITY ERROR, latest tree kept). Cases: valid (first tree, consistent older and
/// newer trees, a record in a partial tile), wrong hash, wrong signature, unknown key, inconsistent tree, forked
/// latest tree, tampered tile, not found.
/// </summary>
[TestClass]
public sealed class SumDbClientSpec
{
    public static IEnumerable<object[]> ClientCases => SumDbVectors.Cases("clientCases");

    [TestMethod]
    [DynamicData(nameof(ClientCases))]
    public async Task Lookup_WithVectorCase_AgreesWithGoClient(int index, string name)
    {
        var c = SumDbVectors.Case("clientCases", index);
        var remote = SumDbVectors.Files(SumDbVectors.Get("remote").GetProperty(c.GetProperty("remote").GetString()!));
        if (c.TryGetProperty("overrides", out var overrides))
            foreach (var (k, v) in SumDbVectors.Files(overrides)) remote[k] = v;
        var ops = new ReplayOps(remote, c.OptionalString("latest"));
        if (c.OptionalString("cache") is { } cache)
            foreach (var (k, v) in SumDbVectors.Files(SumDbVectors.Get("cache").GetProperty(cache))) ops.Cache[SumDbVectors.String("name") + k] = v;
        var client = new SumDbClient(NoteVerifier.Parse(SumDbVectors.String("verifierKey"), out _)!, ops);

        var path = c.GetProperty("path").GetString()!;
        var version = c.GetProperty("version").GetString()!;
        if (c.OptionalString("error") is { } goError)
        {
            var e = await Assert.ThrowsExactlyAsync<SumDbException>(() => client.LookupAsync(path, version, default), name);
            // Go's message, up to the note it quotes after a newline.
            Assert.AreEqual(goError.Split('\n')[0], e.Message.Split('\n')[0], name);
            var security = c.TryGetProperty("securityError", out var s) && s.GetBoolean();
            Assert.AreEqual(security, e.Security, name);
            Assert.AreEqual(security, ops.Security is not null, name);
            if (security) StringAssert.StartsWith(ops.Security, "SECURITY ERROR\ngo.sum database server misbehavior detected!");
            Assert.AreEqual(goError.Contains("404 Not Found"), e.NotFound, name);
        }
        else
        {
            var lines = await client.LookupAsync(path, version, default);
            CollectionAssert.AreEqual(c.GetProperty("lines").EnumerateArray().Select(l => l.GetString()).ToList(), lines.ToList(), name);
            Assert.IsTrue(ops.Cache.ContainsKey(client.LookupFile(path, version.Replace("/go.mod", ""))), "a verified lookup is cached");
        }
        Assert.AreEqual(c.OptionalString("latestAfter") ?? "", ops.Latest is null ? "" : Encoding.UTF8.GetString(ops.Latest), name);
    }

    [TestMethod]
    public async Task Lookup_Twice_ReadsTheSecondFromTheCacheAlone()
    {
        var remote = SumDbVectors.Files(SumDbVectors.Get("remote").GetProperty("real"));
        var ops = new ReplayOps(remote, null);
        var verifier = NoteVerifier.Parse(SumDbVectors.String("verifierKey"), out _)!;
        var first = await new SumDbClient(verifier, ops).LookupAsync("example.com/Vectors/m123", "v1.4.0", default);
        var reads = ops.RemoteReads;
        // A new process: the latest tree, the lookup and its tiles all come from what the first one kept.
        var second = await new SumDbClient(verifier, ops).LookupAsync("example.com/Vectors/m123", "v1.4.0/go.mod", default);
        Assert.AreEqual(reads, ops.RemoteReads);
        Assert.HasCount(1, first);
        Assert.HasCount(1, second);
        StringAssert.EndsWith(second[0], "h1:Zik5BFWUc5GYoBrLqmKsTweOpYLzVb0zcZl42uq9/7A=");
    }

    /// <summary>sumdb.ClientOps over fixed remote files, as the generator's replayOps.</summary>
    private sealed class ReplayOps(Dictionary<string, byte[]> remote, string? latest) : ISumDbOps
    {
        public Dictionary<string, byte[]> Cache { get; } = [];

        public byte[]? Latest { get; private set; } = latest is null ? null : Encoding.UTF8.GetBytes(latest);

        public string? Security { get; private set; }

        public int RemoteReads { get; private set; }

        public Task<byte[]> ReadRemoteAsync(string path, CancellationToken ct)
        {
            RemoteReads++;
            return remote.TryGetValue(path, out var data) ? Task.FromResult(data) : throw new SumDbException($"{path}: 404 Not Found", notFound: true);
        }

        public Task<byte[]?> ReadLatestAsync(CancellationToken ct) => Task.FromResult(Latest);

        public Task<bool> ReplaceLatestAsync(byte[]? old, byte[] latest, CancellationToken ct)
        {
            if (!(old ?? []).AsSpan().SequenceEqual(Latest ?? [])) return Task.FromResult(false);
            Latest = latest;
            return Task.FromResult(true);
        }

        public Task<byte[]?> ReadCacheAsync(string file, CancellationToken ct) => Task.FromResult(Cache.GetValueOrDefault(file));

        public Task WriteCacheAsync(string file, byte[] data, CancellationToken ct)
        {
            Cache[file] = data;
            return Task.CompletedTask;
        }

        public void SecurityError(string message) => Security = message;
    }
}
