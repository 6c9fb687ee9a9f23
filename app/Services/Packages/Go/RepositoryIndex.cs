using System.Collections.Concurrent;
using GitLabLite.Git;
using GitLabLite.Services.Caching;
using GitLabLite.Services.Projects;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// The Go proxy's in-memory index of each project's repository: the refs snapshot and the project's
/// <see cref="CommitFacts"/>. Memory rather than Postgres: everything here is derived from files the process reads
/// anyway, rebuilding after a restart costs one refs read per project, and a table would add a round trip to exactly
/// the requests this makes fast.
/// <para>
/// A request never looks at the file system while the change bus is current: refs are reread after a push or import
/// through the app (any process: <see cref="RepositoryChangeNotifier"/>, which returns to the pusher only once every
/// process has marked the snapshot stale), after a bus reset, and when <see cref="Sweep"/>, run every
/// <see cref="SweepInterval"/>, finds a repository's refs fingerprint moved: the bound within which changes made
/// outside the app (git on the server's disk, a restored backup) are seen. While the bus is not current every
/// request compares the fingerprint, as nothing else would tell.
/// </para>
/// </summary>
public sealed class RepositoryIndex
{
    public static readonly TimeSpan SweepInterval = TimeSpan.FromSeconds(2);

    private readonly ConcurrentDictionary<long, Entry> _entries = new();
    private readonly ChangeBus _bus;
    private readonly GoProxyMetrics _metrics;

    public RepositoryIndex(RepositoryChangeNotifier notifier, ChangeBus bus, GoProxyMetrics metrics)
    {
        _bus = bus;
        _metrics = metrics;
        notifier.RefsChanged += projectId => { if (_entries.TryGetValue(projectId, out var entry)) entry.Stale = true; };
        // Facts stay: they are keyed by full object ids, which name the same immutable objects in any repository.
        bus.OnReset(() => { foreach (var entry in _entries.Values) entry.Stale = true; });
    }

    /// <summary>The current refs and facts of the project's repository, or null when there is no repository at <paramref name="repositoryPath"/>.</summary>
    public (GitRefSnapshot Refs, CommitFacts Facts)? Find(long projectId, string repositoryPath)
    {
        var entry = _entries.GetOrAdd(projectId, _ => new Entry(repositoryPath));
        if (entry.Path != repositoryPath)
        {
            // Renamed or transferred: a different repository path means nothing known holds.
            var fresh = new Entry(repositoryPath);
            entry = _entries.AddOrUpdate(projectId, fresh, (_, old) => old.Path == repositoryPath ? old : fresh);
        }
        var state = entry.State;
        var trusted = _bus.Current;
        if (trusted && !entry.Stale && state is not null) return (state.Refs, entry.Facts);
        var fingerprint = RefsFingerprint.Compute(repositoryPath);
        if (fingerprint is null) return null;
        if (!entry.Stale && state is not null && state.Fingerprint == fingerprint) return (state.Refs, entry.Facts);
        lock (entry)
        {
            state = entry.State;
            if (!entry.Stale && state is not null && state.Fingerprint == fingerprint) return (state.Refs, entry.Facts);
            // Cleared before reading: a change landing during the read marks it stale again and the next request rereads.
            entry.Stale = false;
            if (ReadRefs(repositoryPath, entry.Facts) is not { } refs) return null;
            _metrics.RefReads.Add(1);
            entry.State = new RefsState(fingerprint, refs);
            return (refs, entry.Facts);
        }
    }

    /// <summary>Unknown ref targets from which one git process beats reading each through libgit2 (~40 µs against a few ms to start git).</summary>
    private const int BatchPeelMin = 100;

    /// <summary>
    /// The refs from the files themselves; objects are read only for targets the facts do not know yet, so after a
    /// push that is the new tags' objects alone (through libgit2), after a start all of them (through one git).
    /// </summary>
    private static GitRefSnapshot? ReadRefs(string repositoryPath, CommitFacts facts)
    {
        GitRepositoryReader? git = null;
        try
        {
            GitRepositoryReader? Git() => git ??= GitRepositoryReader.OpenOrNull(repositoryPath);
            return GitRefFiles.ReadOrNull(repositoryPath, id => facts.Peel(id, () => Git()?.Peel(id)), ids =>
            {
                // After a start (or an import) every target is new: one git process answers them all.
                if (facts.UnknownPeels(ids) is { Count: >= BatchPeelMin } unknown) facts.RememberPeels(GitPeelBatch.Read(repositoryPath, unknown));
            }) ?? Git()?.ReadRefs();
        }
        finally
        {
            git?.Dispose();
        }
    }

    /// <summary>Marks stale every snapshot whose repository's refs fingerprint moved since it was read.</summary>
    public void Sweep()
    {
        foreach (var entry in _entries.Values)
            if (entry.State is { } state && !entry.Stale && RefsFingerprint.Compute(entry.Path) != state.Fingerprint)
                entry.Stale = true;
    }

    private sealed class Entry(string path)
    {
        public string Path { get; } = path;

        public CommitFacts Facts { get; } = new();

        public volatile RefsState? State;

        public volatile bool Stale;
    }

    private sealed record RefsState(string Fingerprint, GitRefSnapshot Refs);
}
