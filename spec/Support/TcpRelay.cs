using System.Net;
using System.Net.Sockets;

namespace GitLabLite.Spec.Support;

/// <summary>
/// A TCP relay in front of a server (TLS passes through untouched), for faults a real network has: <see cref="Stop"/>
/// makes the server unreachable (connections refused, open ones cut) until <see cref="Start"/>; <see cref="HoldUploadsAfter"/>
/// stops passing bytes towards the server once that many have gone through, freezing an upload midway.
/// </summary>
public sealed class TcpRelay : IDisposable
{
    private readonly IPEndPoint _target;
    private readonly List<TcpClient> _open = [];
    private TcpListener? _listener;
    private long _uploaded;
    private long _holdAfter = long.MaxValue;
    private TaskCompletionSource _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public TcpRelay(IPAddress address, IPEndPoint target)
    {
        _target = target;
        var probe = new TcpListener(address, 0);
        probe.Start();
        EndPoint = (IPEndPoint)probe.LocalEndpoint;
        probe.Stop();
        Start();
    }

    public IPEndPoint EndPoint { get; }

    /// <summary>Completes when an upload has been frozen by <see cref="HoldUploadsAfter"/>.</summary>
    public Task Held => _held.Task;

    public void Start()
    {
        lock (_open)
        {
            if (_listener is not null) return;
            _listener = new TcpListener(EndPoint);
            _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
            _listener.Start();
            _ = AcceptAsync(_listener);
        }
    }

    /// <summary>Refuses new connections and cuts the open ones.</summary>
    public void Stop()
    {
        lock (_open)
        {
            _listener?.Stop();
            _listener = null;
            foreach (var client in _open) client.Dispose();
            _open.Clear();
        }
    }

    public void HoldUploadsAfter(long bytes)
    {
        Interlocked.Exchange(ref _uploaded, 0);
        _held = new(TaskCreationOptions.RunContinuationsAsynchronously);
        _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        Interlocked.Exchange(ref _holdAfter, bytes);
    }

    public void Release()
    {
        Interlocked.Exchange(ref _holdAfter, long.MaxValue);
        _released.TrySetResult();
    }

    public void Dispose()
    {
        Release();
        Stop();
    }

    private async Task AcceptAsync(TcpListener listener)
    {
        while (true)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync();
            }
            catch (Exception e) when (e is SocketException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using var server = new TcpClient();
        lock (_open) _open.AddRange([client, server]);
        try
        {
            await server.ConnectAsync(_target);
            using var ended = new CancellationTokenSource();
            await Task.WhenAny(
                PumpAsync(client.GetStream(), server.GetStream(), upload: true, ended.Token),
                PumpAsync(server.GetStream(), client.GetStream(), upload: false, ended.Token));
            await ended.CancelAsync();
        }
        catch (Exception e) when (e is SocketException or IOException or ObjectDisposedException or OperationCanceledException)
        {
            // The relay was stopped, or one side hung up.
        }
        finally
        {
            lock (_open)
            {
                _open.Remove(client);
                _open.Remove(server);
            }
            client.Dispose();
        }
    }

    private async Task PumpAsync(Stream from, Stream to, bool upload, CancellationToken ct)
    {
        var buffer = new byte[64 * 1024];
        while (true)
        {
            var read = await from.ReadAsync(buffer, ct);
            if (read == 0) return;
            if (upload && Interlocked.Add(ref _uploaded, read) > Interlocked.Read(ref _holdAfter))
            {
                _held.TrySetResult();
                await _released.Task.WaitAsync(ct);
            }
            await to.WriteAsync(buffer.AsMemory(0, read), ct);
        }
    }
}
