using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using GitLabLite.Finders.Packages.Go;
using GitLabLite.Git;
using GitLabLite.Golang;
using GitLabLite.Models.Packages.Go;
using GitLabLite.Repositories.Packages.Go;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// The version ledger: a canonical version is recorded in Postgres the first time it is served (.info, .mod or
/// .zip), and from then on served from the recorded commit with the recorded hashes, whatever its tag does later
/// (a client's go.sum must keep matching). The commit is kept alive with refs/keep-around/&lt;sha&gt;, written before
/// the row, so `git gc` never prunes a recorded commit.
/// Rows never change what they serve, so each process keeps the ones it has served in memory: a warm .info or .mod
/// is one dictionary lookup here, never a query. The database is read once per version and process (and once per
/// refs snapshot for a version the refs do not have, the deleted-tag case), and written once per version ever;
/// concurrent first requests share one write in a process and the unique key settles it between processes.
/// </summary>
public sealed class VersionLedger(VersionFinder versions, LedgerRepository ledger, ModuleZipCache zips, LedgerDownloads downloads, ILogger<VersionLedger> logger)
{
    /// <summary>Rows kept in memory at most; past it the map starts over (a query per version again, never a wrong answer).</summary>
    public const int MaxEntries = 100_000;

    private readonly ConcurrentDictionary<Key, LedgerEntry> _entries = new();
    private readonly ConcurrentDictionary<Key, Lazy<Task<GoResult<LedgerEntry>>>> _firstServes = new();
    // go.mod bodies whose h1 has been checked against a row, by identity: the module memoises them per snapshot.
    private readonly ConditionalWeakTable<byte[], string> _goModH1s = new();

    /// <summary>
    /// The recorded version, recording it first when this is its first serve: canonical versions only, resolved
    /// from the refs as the go command would when there is no row yet. The error is why the version cannot be served.
    /// </summary>
    public ValueTask<GoResult<LedgerEntry>> ServeAsync(Module module, string version, CancellationToken ct)
    {
        var key = Key.Of(module, version);
        if (_entries.TryGetValue(key, out var known)) return ValueTask.FromResult(GoResult<LedgerEntry>.Ok(known));
        return new ValueTask<GoResult<LedgerEntry>>(FirstServeAsync(module, version, key, ct));
    }

    /// <summary>
    /// A query's answer (@latest, a branch, a commit) as the ledger has it when it resolved to a recorded version:
    /// the version's Time and commit are the recorded ones, not those its tag points at now. Never records.
    /// </summary>
    public async ValueTask<ModuleVersion> RecordedAsync(Module module, ModuleVersion resolved, CancellationToken ct)
    {
        var key = Key.Of(module, resolved.Name);
        if (_entries.TryGetValue(key, out var known)) return new ModuleVersion(module.Path, known.Info);
        return await FindAsync(Absent(module), key, ct) is { } row ? new ModuleVersion(module.Path, row.Info) : resolved;
    }

    /// <summary>The go.mod served for a recorded version: read at the recorded commit, and checked against the recorded h1.</summary>
    public GoResult<byte[]> GoMod(Module module, LedgerEntry served)
    {
        var source = served.Source;
        var mod = module.Memo($"mod-at\n{source.Version}\n{source.Commit}\n{source.Subdir}", () => module.Code.GoModAt(source.Commit, source.Subdir));
        if (mod.Value is not { } bytes) return mod;
        var h1 = _goModH1s.GetValue(bytes, b => DirHash.HashGoMod(b));
        return h1 == served.GoModH1 ? mod
            : throw new InvalidOperationException($"{served.ModulePath}@{served.Version}: go.mod at {served.CommitSha} hashes to {h1}, the ledger says {served.GoModH1}");
    }

    /// <summary>
    /// The zip of a recorded version, built from the recorded commit when needed. Its first build's h1 is recorded;
    /// a zip that does not hash to the recorded h1 is discarded and rebuilt (the record is never changed), and a
    /// version whose files the zip rules refuse is answered at once from then on. Unavailable when the build limits
    /// left no room.
    /// </summary>
    public async Task<ServiceResponse<ModuleZipEntry>> ZipAsync(Module module, LedgerEntry served, CancellationToken ct)
    {
        var key = Key.Of(module, served.Version);
        // Another process may have built (or failed to build) it: read the row once more before building here.
        if (served.ZipH1 is null && served.ZipError is null && zips.FindOrNull(served.Source) is null)
            served = Remember(key, await ledger.FindAsync(served.Id, CancellationToken.None));
        if (served.ZipError is { } refused) return ServiceResponse<ModuleZipEntry>.Error(refused, ServiceErrorReason.NotFound);
        var zip = await zips.GetAsync(module.RepositoryPath, served.Source, ct);
        if (zip.Reason == ServiceErrorReason.Unprocessable)
        {
            served = Remember(key, await ledger.RecordZipAsync(served.Id, null, zip.Message, CancellationToken.None));
            return ServiceResponse<ModuleZipEntry>.Error(served.ZipError ?? zip.Message!, ServiceErrorReason.NotFound);
        }
        if (zip.Payload is not { } entry) return zip;
        if (served.ZipH1 is null) served = Remember(key, await ledger.RecordZipAsync(served.Id, entry.H1, null, CancellationToken.None));
        if (served.ZipH1 == entry.H1) return zip;

        logger.LogWarning("Module zip {Module}@{Version} hashes to {H1}, not the recorded {Recorded}; rebuilding it from {Commit}",
            served.ModulePath, served.Version, entry.H1, served.ZipH1, served.CommitSha);
        zips.Discard(entry);
        var rebuilt = await zips.GetAsync(module.RepositoryPath, served.Source, ct);
        if (rebuilt.Payload?.H1 == served.ZipH1 || rebuilt.Reason == ServiceErrorReason.Unavailable) return rebuilt;
        // The same commit no longer gives the same files: serving anything else would break every go.sum that has it.
        throw new InvalidOperationException(
            $"{served.ModulePath}@{served.Version}: the zip rebuilt from {served.CommitSha} hashes to {rebuilt.Payload?.H1 ?? rebuilt.Message}, the ledger says {served.ZipH1}");
    }

    /// <summary>Counts a download of the version's zip (batched into Postgres by <see cref="LedgerDownloads"/>).</summary>
    public void CountDownload(LedgerEntry served) => downloads.Add(served.Id);

    private async Task<GoResult<LedgerEntry>> FirstServeAsync(Module module, string version, Key key, CancellationToken ct)
    {
        var flight = _firstServes.GetOrAdd(key, _ => new Lazy<Task<GoResult<LedgerEntry>>>(() => RecordAsync(module, version, key)));
        try
        {
            // The record is written even if this request goes away: others may be waiting on it.
            return await flight.Value.WaitAsync(ct);
        }
        finally
        {
            if (flight.Value.IsCompleted) _firstServes.TryRemove(new KeyValuePair<Key, Lazy<Task<GoResult<LedgerEntry>>>>(key, flight));
        }
    }

    /// <summary>Runs synchronously up to its first query, so the request's module is not used after the request.</summary>
    private async Task<GoResult<LedgerEntry>> RecordAsync(Module module, string version, Key key)
    {
        var resolved = Resolve(module, version);
        var (absent, repositoryPath) = (Absent(module), module.RepositoryPath);
        if (resolved.Value is not { } candidate)
        {
            // Not (or no longer) in the refs: a version served before is still served (a deleted tag).
            var recorded = await FindAsync(absent, key, CancellationToken.None);
            return recorded is null ? GoResult<LedgerEntry>.Fail(resolved.Error!) : GoResult<LedgerEntry>.Ok(recorded);
        }
        var row = await ledger.FindOrNullAsync(key.ProjectId, key.ModulePath, key.Version, CancellationToken.None);
        if (row is null)
        {
            BareRepository.KeepAround(repositoryPath, candidate.CommitSha);
            row = await ledger.InsertOrNullAsync(candidate, CancellationToken.None)
                ?? await ledger.FindOrNullAsync(key.ProjectId, key.ModulePath, key.Version, CancellationToken.None)
                ?? throw new InvalidOperationException($"ledger entry for {key.ModulePath}@{key.Version} vanished while it was recorded");
            if (row.CommitSha == candidate.CommitSha)
                logger.LogInformation("Recorded {Module}@{Version} at {Commit} ({H1})", row.ModulePath, row.Version, row.CommitSha, row.GoModH1);
        }
        return GoResult<LedgerEntry>.Ok(Remember(key, row));
    }

    /// <summary>What the refs say the version is, as a row to record; the error is what the go command would say.</summary>
    private GoResult<LedgerEntry> Resolve(Module module, string version)
    {
        // Source's checks come first: .mod and .zip answer with its words (canonical version, module directory).
        var source = module.Source(version);
        if (source.Value is not { } found) return GoResult<LedgerEntry>.Fail(source.Error!);
        var stat = versions.Find(module, version);
        if (stat.Value?.Info is not { } rev) return GoResult<LedgerEntry>.Fail(stat.Error!);
        var mod = module.GoMod(version);
        if (mod.Value is not { } goMod) return GoResult<LedgerEntry>.Fail(mod.Error!);
        return GoResult<LedgerEntry>.Ok(new LedgerEntry
        {
            ProjectId = module.Project.Id,
            ModulePath = found.ModulePath,
            Version = version,
            CommitSha = found.Commit,
            ModuleDir = found.Subdir,
            TagName = rev.Ref?["refs/tags/".Length..],
            CommittedAt = rev.Time,
            GoModH1 = DirHash.HashGoMod(goMod),
        });
    }

    /// <summary>
    /// Versions of the module the database had no row for, remembered on the module's refs snapshot: a 404 for an
    /// unknown version stays off Postgres until the refs change.
    /// </summary>
    private static ConcurrentDictionary<Key, bool> Absent(Module module) => module.Memo("ledger-absent", () => new ConcurrentDictionary<Key, bool>());

    /// <summary>The row, or null when there is none; a miss is remembered in <paramref name="absent"/>.</summary>
    private async Task<LedgerEntry?> FindAsync(ConcurrentDictionary<Key, bool> absent, Key key, CancellationToken ct)
    {
        if (absent.ContainsKey(key)) return null;
        var row = await ledger.FindOrNullAsync(key.ProjectId, key.ModulePath, key.Version, ct);
        if (row is null) absent[key] = true;
        else Remember(key, row);
        return row;
    }

    private LedgerEntry Remember(Key key, LedgerEntry row)
    {
        if (_entries.Count >= MaxEntries) _entries.Clear();
        _entries[key] = row;
        return row;
    }

    /// <summary>
    /// A version of a module of a project. Project ids are never reused in one database, but a database restored or
    /// reset (as specs do) may give an id to another project; its creation time tells the two apart.
    /// </summary>
    private readonly record struct Key(long ProjectId, DateTime ProjectCreatedAt, string ModulePath, string Version)
    {
        public static Key Of(Module module, string version) => new(module.Project.Id, module.Project.CreatedAt, module.Path, version);
    }
}
