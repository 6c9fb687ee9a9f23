using GitLabLite.Golang;
using GitLabLite.Golang.SumDb;
using GitLabLite.Initializers;
using GitLabLite.Repositories.Packages.Go;
using Microsoft.Extensions.Options;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// The checksum database pulled modules are verified against (GitLab:GoProxy:SumDb), and which module paths it is
/// never asked about: the instance's own host (a private path must not leak) and GitLab:GoProxy:NoSumDb.
/// </summary>
public sealed class ChecksumDatabase
{
    /// <summary>How often a tile request outside the verified tree may make this server ask the database for its latest tree.</summary>
    public static readonly TimeSpan RefreshInterval = TimeSpan.FromSeconds(10);

    private readonly IReadOnlyList<string> _noSumDb;
    private long _lastRefresh = long.MinValue;

    public ChecksumDatabase(IOptions<GoProxyOptions> options, InstanceSettings settings, GoUpstreamClient upstream, GoSumDbRepository repository, ILogger<ChecksumDatabase> logger)
    {
        var db = options.Value.SumDb;
        var verifier = NoteVerifier.Parse(db.Key, out var error) ?? throw new InvalidOperationException($"GitLab:GoProxy:SumDb:Key: {error}");
        Name = verifier.Name;
        Url = db.Url.TrimEnd('/');
        PrivateHost = settings.ModuleHost;
        _noSumDb = [.. options.Value.NoSumDb];
        Client = new SumDbClient(verifier, new SumDbOps(string.Join('+', db.Key.Split('+').Take(2)), Url, upstream, repository, logger));
    }

    public string Name { get; }

    public string Url { get; }

    /// <summary>The first element of this instance's module paths: nothing under it is ever sent to an upstream.</summary>
    public string PrivateHost { get; }

    public SumDbClient Client { get; }

    /// <summary>
    /// Asks the database for its latest tree (checked for consistency and kept), at most once per
    /// <see cref="RefreshInterval"/> however many requests want it; false when it was asked too recently.
    /// </summary>
    public async Task<bool> RefreshLatestAsync(CancellationToken ct)
    {
        var now = Environment.TickCount64;
        var last = Interlocked.Read(ref _lastRefresh);
        if (now - last < (long)RefreshInterval.TotalMilliseconds || Interlocked.CompareExchange(ref _lastRefresh, now, last) != last) return false;
        await Client.LatestNoteAsync(ct);
        return true;
    }

    /// <summary>Paths under the instance's module host.</summary>
    public bool IsPrivate(string modulePath) => GoPathMatch.MatchPrefixPatterns([PrivateHost], modulePath);

    /// <summary>Whether downloads of the module are checked (not private, not matched by NoSumDb).</summary>
    public bool Verifies(string modulePath) => !IsPrivate(modulePath) && !GoPathMatch.MatchPrefixPatterns(_noSumDb, modulePath);

    /// <summary>
    /// The go.sum hashes the database records for a version (zip and go.mod), proven in its signed tree, and the tree
    /// size they were proven in. Throws <see cref="SumDbException"/> when the database has none, cannot be read or
    /// misbehaves.
    /// </summary>
    public async Task<RecordedHashes> HashesAsync(string modulePath, string version, CancellationToken ct)
    {
        var zip = await Client.LookupAsync(modulePath, version, ct);
        var mod = await Client.LookupAsync(modulePath, version + "/go.mod", ct);
        return new RecordedHashes(Hash(zip), Hash(mod), Client.Latest.N);

        // "path version h1:..." (several hash kinds may appear; h1 is the one go.sum uses).
        static string? Hash(IReadOnlyList<string> lines) =>
            lines.Select(l => l.Split(' ')).Where(f => f.Length == 3 && f[2].StartsWith("h1:", StringComparison.Ordinal)).Select(f => f[2]).FirstOrDefault();
    }
}
