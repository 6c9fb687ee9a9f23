using System.Collections.Concurrent;
using System.Diagnostics;
using System.Threading.Channels;
using GitLabLite.Repositories;
using GitLabLite.Repositories.Caching;
using Npgsql;

namespace GitLabLite.Services.Caching;

/// <summary>
/// Cross-process cache invalidation over Postgres LISTEN/NOTIFY, for everything an app process keeps in memory
/// that another process (or psql) can change: tokens, users, memberships, projects, namespaces, routes, flags
/// (published by triggers, in the changing transaction) and repository refs (published by the app after a push).
/// <para>
/// One listening connection per process. Subscribers get "topic:key" changes in commit order and drop what they
/// hold; after (re)connecting, or after its lease lapsed, the process flushes everything (<see cref="OnReset"/>):
/// notifications sent while nobody listened are lost. Caches may answer only while <see cref="Current"/>.
/// </para>
/// <para>
/// The next request must see a change, in every process, as soon as the request that made it has returned; a
/// notification that is merely on its way does not give that. So the writer waits (<see cref="SyncAsync"/>, run by
/// <see cref="Database"/> after any call whose transaction published): it sends a barrier after its commit, and
/// every process that holds a lease acknowledges it once its listener has passed it, which (delivery being in
/// commit order, handlers synchronous) means the change is applied there. A process holds a lease while it renews
/// it every second over the listening connection; it answers from memory only until its lease would lapse by its
/// own clock (started before the renewal was sent, so never later than the row in bus_nodes), and a writer stops
/// waiting for a process whose lease has lapsed by the database's clock: a process that cannot hear changes has
/// stopped trusting its caches by then. A clean stop gives the lease up; a killed process delays writers by at
/// most <see cref="Lease"/>.
/// </para>
/// </summary>
public sealed class ChangeBus : BackgroundService
{
    public static readonly TimeSpan Lease = TimeSpan.FromSeconds(5);

    public static readonly TimeSpan RenewEvery = TimeSpan.FromSeconds(1);

    /// <summary>Clock rates differ a little; the process gives up its own trust this much before its lease ends.</summary>
    private static readonly TimeSpan Margin = TimeSpan.FromMilliseconds(250);

    private static readonly TimeSpan ReconnectDelay = TimeSpan.FromSeconds(1);

    private readonly ChangeBusRepository _repository;
    private readonly ILogger<ChangeBus> _logger;
    // Markers carry the process; leases carry the connection (a new lease id per connection, so that a writer never
    // waits for an acknowledgement that a dropped connection lost).
    private readonly string _process = Guid.NewGuid().ToString("N");
    private Guid _node = Guid.NewGuid();
    private Guid? _registered;
    private readonly Lock _subscriptions = new();
    private readonly ConcurrentDictionary<string, Channel<Guid>> _barriers = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _acks = new();
    private Dictionary<string, Action<string>[]> _topics = new(StringComparer.Ordinal);
    private Action[] _resets = [];
    private volatile bool _running;
    private volatile bool _listening;
    private long _trustedUntil;
    private long _barrierCount;

    public ChangeBus(ChangeBusRepository repository, Database db, ILogger<ChangeBus> logger)
    {
        _repository = repository;
        _logger = logger;
        db.AfterPublish(SyncAsync);
    }

    /// <summary>Whether this process hears every change now: caches may answer from memory only while this holds.</summary>
    public bool Current => _listening && Stopwatch.GetTimestamp() < Volatile.Read(ref _trustedUntil);

    /// <summary>Calls <paramref name="onChange"/> with the key of every change on <paramref name="topic"/>, on the listener's thread: keep it short.</summary>
    public void Subscribe(string topic, Action<string> onChange)
    {
        lock (_subscriptions)
        {
            var topics = new Dictionary<string, Action<string>[]>(_topics, StringComparer.Ordinal);
            topics[topic] = [.. topics.GetValueOrDefault(topic, []), onChange];
            _topics = topics;
        }
    }

    /// <summary>Calls <paramref name="flush"/> whenever changes may have been missed: drop everything.</summary>
    public void OnReset(Action flush)
    {
        lock (_subscriptions) _resets = [.. _resets, flush];
    }

    /// <summary>Publishes a change no trigger sees (refs on disk); returns once every process has applied it.</summary>
    public Task PublishAsync(string topic, string key, CancellationToken ct) => _repository.PublishAsync(topic, key, ct);

    /// <summary>
    /// Returns once every process that may answer from memory has applied every change committed before this call
    /// (or has lost its lease). Before this process listens at all, it only waits a little for its listener.
    /// </summary>
    public async Task SyncAsync(CancellationToken ct)
    {
        // Before the host starts (migrations, seeding) nothing of this process is cached.
        if (!_running) return;
        var waited = Stopwatch.StartNew();
        while (!_listening && waited.Elapsed < Lease) await Task.Delay(20, ct);
        if (!_listening)
        {
            // Acknowledgements reach this process only through its listener; the others still get the change.
            _logger.LogWarning("Change bus not listening: a change was committed without waiting for other processes to apply it");
            return;
        }
        var marker = $"{_process}.{Interlocked.Increment(ref _barrierCount)}";
        var acks = Channel.CreateUnbounded<Guid>(new UnboundedChannelOptions { SingleReader = true });
        _barriers[marker] = acks;
        try
        {
            var pending = new Dictionary<Guid, long>();
            var self = _node;
            foreach (var lease in await _repository.SyncAsync(marker, ct))
                if (lease.Id != self) pending[lease.Id!.Value] = Deadline(lease.RemainingMs);
            // This process too (whatever its row says): its own caches must have the change before the caller answers.
            if (Current) pending[Self] = Volatile.Read(ref _trustedUntil);
            while (true)
            {
                while (acks.Reader.TryRead(out var node)) pending.Remove(node);
                if (pending.Count == 0) return;
                // Leases are looked at again at least as often as they are renewed: a process that reconnected has
                // dropped its old lease, whose acknowledgement will never come.
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), pending.Values.Min());
                if (wait > RenewEvery) wait = RenewEvery;
                if (wait > TimeSpan.Zero && await WaitToReadAsync(acks, wait, ct)) continue;
                // Ask who still holds a lease (a process that renewed is alive and will answer).
                var others = pending.Keys.Where(n => n != Self).ToArray();
                var live = others.Length == 0 ? [] : await _repository.LeasesAsync(others, ct);
                foreach (var node in others) pending.Remove(node);
                foreach (var lease in live) pending[lease.Id!.Value] = Deadline(lease.RemainingMs);
                if (pending.ContainsKey(Self))
                {
                    if (Current) pending[Self] = Volatile.Read(ref _trustedUntil);
                    else pending.Remove(Self);
                }
            }
        }
        finally
        {
            _barriers.TryRemove(marker, out _);
        }
    }

    /// <summary>This process in a barrier's pending set: its own listener passing the marker is its acknowledgement.</summary>
    private static readonly Guid Self = Guid.Empty;

    private static long Deadline(double remainingMs) => Stopwatch.GetTimestamp() + (long)(remainingMs / 1000 * Stopwatch.Frequency);

    private static async Task<bool> WaitToReadAsync(Channel<Guid> acks, TimeSpan wait, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(wait);
        try
        {
            return await acks.Reader.WaitToReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return false;
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        _running = true;
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await ListenAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                _logger.LogWarning(e, "Change bus connection lost; caches answer from the database until it is back");
            }
            try
            {
                await Task.Delay(ReconnectDelay, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    private async Task ListenAsync(CancellationToken ct)
    {
        try
        {
            await using var conn = await _repository.ListenAsync(OnNotification, ct);
            _node = Guid.NewGuid();
            _listening = true;
            var renewal = Stopwatch.GetTimestamp();
            while (true)
            {
                if (Stopwatch.GetTimestamp() >= renewal)
                {
                    await RenewAsync(conn, ct);
                    renewal = Stopwatch.GetTimestamp() + (long)(RenewEvery.TotalSeconds * Stopwatch.Frequency);
                }
                if (!_acks.IsEmpty)
                {
                    var payloads = new List<string>();
                    while (_acks.TryDequeue(out var marker)) payloads.Add($"ack:{marker}@{_node:N}");
                    await _repository.NotifyAsync(conn, [.. payloads], ct);
                }
                var wait = Stopwatch.GetElapsedTime(Stopwatch.GetTimestamp(), renewal);
                // Notifications are dispatched to OnNotification inside WaitAsync, on this thread.
                if (wait > TimeSpan.Zero) await conn.WaitAsync((int)Math.Ceiling(wait.TotalMilliseconds), ct);
            }
        }
        finally
        {
            // Whatever arrives from here on is lost to this process: trust nothing until listening and flushed again.
            _listening = false;
            Volatile.Write(ref _trustedUntil, 0);
            _acks.Clear();
        }
    }

    private async Task RenewAsync(NpgsqlConnection conn, CancellationToken ct)
    {
        var sent = Stopwatch.GetTimestamp();
        await _repository.RenewLeaseAsync(conn, _node, _registered == _node ? null : _registered, Lease, ct);
        _registered = _node;
        // Newly listening, or the lease lapsed meanwhile: what is cached may predate changes nobody told us about.
        if (!Current) Reset("listening again");
        Volatile.Write(ref _trustedUntil, sent + (long)((Lease - Margin).TotalSeconds * Stopwatch.Frequency));
    }

    private void OnNotification(object sender, NpgsqlNotificationEventArgs e)
    {
        var payload = e.Payload;
        var colon = payload.IndexOf(':');
        if (colon < 0) return;
        var key = payload[(colon + 1)..];
        switch (payload[..colon])
        {
            case "sync":
                // A barrier: everything committed before it has been dispatched by now.
                if (_barriers.TryGetValue(key, out var own)) own.Writer.TryWrite(Self);
                else if (!key.StartsWith(_process, StringComparison.Ordinal)) _acks.Enqueue(key);
                break;
            case "ack":
                var at = key.LastIndexOf('@');
                if (at > 0 && _barriers.TryGetValue(key[..at], out var barrier) && Guid.TryParse(key[(at + 1)..], out var node))
                    barrier.Writer.TryWrite(node);
                break;
            case "reset":
                Reset($"{key} truncated");
                break;
            default:
                if (!_topics.TryGetValue(payload[..colon], out var handlers)) break;
                foreach (var handler in handlers)
                {
                    try
                    {
                        handler(key);
                    }
                    catch (Exception error)
                    {
                        // A change that could not be applied must not be served stale: drop everything instead.
                        _logger.LogError(error, "Change bus handler failed for {Payload}", payload);
                        Reset("a handler failed");
                    }
                }
                break;
        }
    }

    private void Reset(string reason)
    {
        _logger.LogDebug("Change bus flushes every cache: {Reason}", reason);
        foreach (var flush in _resets) flush();
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        await base.StopAsync(cancellationToken);
        _running = false;
        if (_registered is not { } node) return;
        _registered = null;
        try
        {
            await _repository.LeaveAsync(node, cancellationToken);
        }
        catch (Exception e) when (e is NpgsqlException or TimeoutException or Polly.CircuitBreaker.BrokenCircuitException
                                       or ObjectDisposedException)
        {
            // Postgres is away, or the host is already tearing down the database pipeline (a host disposed without a
            // clean stop): the lease lapses by itself.
        }
    }
}
