using System.Net;
using System.Net.Sockets;

namespace GitLabLite.Spec.Support;

/// <summary>
/// A TCP relay on a free loopback port to <c>127.0.0.1:targetPort</c> that passes what the client sends at a fixed
/// rate (answers pass at full speed): it makes an upload last long enough that a spec can act while it is in
/// flight, and counts the bytes that reached the server so the spec can tell that it is.
/// </summary>
public sealed class ThrottledRelay : IDisposable
{
    private const int Chunk = 16 * 1024;
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly CancellationTokenSource _stop = new();
    private readonly int _targetPort;
    private readonly int _bytesPerSecond;
    private long _forwarded;

    public ThrottledRelay(int targetPort, int bytesPerSecond)
    {
        _targetPort = targetPort;
        _bytesPerSecond = bytesPerSecond;
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    /// <summary>Bytes from clients that the server has been sent so far.</summary>
    public long Forwarded => Interlocked.Read(ref _forwarded);

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        _stop.Dispose();
    }

    private async Task AcceptAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await _listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = RelayAsync(client);
        }
    }

    private async Task RelayAsync(TcpClient client)
    {
        using (client)
        using (var server = new TcpClient())
        {
            try
            {
                await server.ConnectAsync(IPAddress.Loopback, _targetPort, _stop.Token);
                using var done = CancellationTokenSource.CreateLinkedTokenSource(_stop.Token);
                var up = PumpAsync(client.GetStream(), server.GetStream(), throttled: true, done.Token);
                var down = PumpAsync(server.GetStream(), client.GetStream(), throttled: false, done.Token);
                await Task.WhenAny(up, down);
                await done.CancelAsync();
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
            {
                // Either side went away (the server was killed): the relay ends with it.
            }
        }
    }

    private async Task PumpAsync(Stream from, Stream to, bool throttled, CancellationToken ct)
    {
        var buffer = new byte[Chunk];
        var started = DateTime.UtcNow;
        long sent = 0;
        try
        {
            int n;
            while ((n = await from.ReadAsync(buffer, ct)) > 0)
            {
                await to.WriteAsync(buffer.AsMemory(0, n), ct);
                if (!throttled) continue;
                sent += n;
                Interlocked.Add(ref _forwarded, n);
                // Pacing, not waiting for an event: the rate is the point of the relay.
                var due = started + TimeSpan.FromSeconds((double)sent / _bytesPerSecond);
                if (due > DateTime.UtcNow) await Task.Delay(due - DateTime.UtcNow, ct);
            }
            to.Close();
        }
        catch (Exception e) when (e is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The other side closed.
        }
    }
}
