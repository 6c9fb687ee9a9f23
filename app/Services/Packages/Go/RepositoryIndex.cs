using System.Collections.Concurrent;
using GitLabLite.Git;
using GitLabLite.Services.Projects;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// The Go proxy's in-memory index of each project's repository: the refs snapshot (reread only when the refs
/// fingerprint moves or a push in this process says so) and the project's <see cref="CommitFacts"/>. Memory rather
/// than Postgres: everything here is derived from files the process reads anyway, rebuilding after a restart costs
/// one refs read per project, and a table would add a round trip to exactly the requests this makes fast.
/// The fingerprint check on every request is what sees pushes, imports and other processes' writes; the
/// <see cref="RepositoryChangeNotifier.RefsChanged"/> signal only covers a change landing within one mtime tick.
/// </summary>
public sealed class RepositoryIndex
{
    private readonly ConcurrentDictionary<long, Entry> _entries = new();

    private readonly GoProxyMetrics _metrics;

    public RepositoryIndex(RepositoryChangeNotifier notifier, GoProxyMetrics metrics)
    {
        _metrics = metrics;
        notifier.RefsChanged += projectId => { if (_entries.TryGetValue(projectId, out var entry)) entry.Stale = true; };
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
        var fingerprint = RefsFingerprint.Compute(repositoryPath);
        if (fingerprint is null) return null;
        var state = entry.State;
        if (!entry.Stale && state is not null && state.Fingerprint == fingerprint) return (state.Refs, entry.Facts);
        lock (entry)
        {
            state = entry.State;
            if (!entry.Stale && state is not null && state.Fingerprint == fingerprint) return (state.Refs, entry.Facts);
            // Cleared before reading: a push landing during the read marks it stale again and the next request rereads.
            entry.Stale = false;
            using var git = GitRepositoryReader.OpenOrNull(repositoryPath);
            if (git is null) return null;
            var refs = git.ReadRefs();
            _metrics.RefReads.Add(1);
            entry.State = new RefsState(fingerprint, refs);
            return (refs, entry.Facts);
        }
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
