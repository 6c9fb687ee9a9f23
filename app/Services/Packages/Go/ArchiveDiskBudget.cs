using GitLabLite.Initializers;
using Microsoft.Extensions.Options;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// The temporary disk all `git archive` extractions may use together (<see cref="ZipBuildOptions.ArchiveTempMaxBytes"/>).
/// An extraction reserves its estimate up front, waiting in line (first come, first served) while others hold the
/// space, and may grow its reservation while it runs only when the space is free at that moment: waiting for more
/// while holding some could deadlock two extractions against each other.
/// </summary>
public sealed class ArchiveDiskBudget(IOptions<ZipBuildOptions> options, GoProxyMetrics metrics)
{
    private readonly long _capacity = options.Value.ArchiveTempMaxBytes;
    private readonly Lock _lock = new();
    private readonly LinkedList<Waiter> _waiters = new();
    private long _reserved;

    /// <summary>A reservation of <paramref name="bytes"/> (at most the whole budget), or null when none came in time.</summary>
    public async Task<Reservation?> ReserveAsync(long bytes, TimeSpan timeout, CancellationToken ct)
    {
        bytes = Math.Clamp(bytes, 0, _capacity);
        LinkedListNode<Waiter> node;
        lock (_lock)
        {
            if (_waiters.Count == 0 && _reserved + bytes <= _capacity)
            {
                Take(bytes);
                return new Reservation(this, bytes);
            }
            node = _waiters.AddLast(new Waiter(bytes));
        }
        try
        {
            await node.Value.Granted.Task.WaitAsync(timeout, ct);
            return new Reservation(this, bytes);
        }
        catch (Exception e) when (e is TimeoutException or OperationCanceledException)
        {
            bool granted;
            lock (_lock)
            {
                granted = node.Value.Granted.Task.IsCompleted;
                if (!granted) _waiters.Remove(node);
            }
            // Granted in the very moment the wait ended: give the space back for the next in line.
            if (granted) Release(bytes);
            if (e is OperationCanceledException) throw;
            return null;
        }
    }

    private bool TryGrow(long bytes)
    {
        lock (_lock)
        {
            if (_waiters.Count > 0 || _reserved + bytes > _capacity) return false;
            Take(bytes);
            return true;
        }
    }

    private void Take(long bytes)
    {
        _reserved += bytes;
        metrics.ArchiveTempBytes.Add(bytes);
    }

    private void Release(long bytes)
    {
        lock (_lock)
        {
            _reserved -= bytes;
            metrics.ArchiveTempBytes.Add(-bytes);
            while (_waiters.First is { } first && _reserved + first.Value.Bytes <= _capacity)
            {
                _waiters.RemoveFirst();
                Take(first.Value.Bytes);
                first.Value.Granted.SetResult();
            }
        }
    }

    private sealed record Waiter(long Bytes)
    {
        public TaskCompletionSource Granted { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    /// <summary>Space held by one extraction: it writes only what <see cref="TryUse"/> allowed, and gives all back on dispose.</summary>
    public sealed class Reservation(ArchiveDiskBudget budget, long granted) : IDisposable
    {
        private long _granted = granted;
        private long _used;
        private bool _disposed;

        /// <summary>Whether <paramref name="bytes"/> more may be written, growing the reservation when the budget has room.</summary>
        public bool TryUse(long bytes)
        {
            if (_used + bytes > _granted)
            {
                var more = _used + bytes - _granted;
                if (!budget.TryGrow(more)) return false;
                _granted += more;
            }
            _used += bytes;
            return true;
        }

        public void Dispose()
        {
            if (_disposed) return;
            _disposed = true;
            budget.Release(_granted);
        }
    }
}
