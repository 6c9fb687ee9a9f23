using System.Net;
using System.Net.Sockets;

namespace GitLabLite.Spec.Support;

/// <summary>
/// A port that accepts connections and never says a word (the red team's git:// tarpit), counting what it accepted
/// and how many it holds open at once.
/// </summary>
public sealed class SilentTcpServer : IDisposable
{
    private readonly TcpListener _listener;
    private readonly List<TcpClient> _held = [];
    private readonly CancellationTokenSource _stop = new();
    private int _accepted;

    public SilentTcpServer(IPAddress address)
    {
        _listener = new TcpListener(address, 0);
        _listener.Start();
        _ = AcceptAsync();
    }

    public int Port => ((IPEndPoint)_listener.LocalEndpoint).Port;

    public int Accepted => Volatile.Read(ref _accepted);

    /// <summary>Connections accepted whose peer has not closed them yet (what the peer sent is read and dropped).</summary>
    public int Open
    {
        get
        {
            lock (_held) return _held.Count(IsOpen);
        }
    }

    /// <summary>Closes every connection held so far, as a server going away would.</summary>
    public void DropAll()
    {
        lock (_held)
        {
            foreach (var client in _held) client.Dispose();
            _held.Clear();
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        _listener.Stop();
        lock (_held) foreach (var client in _held) client.Dispose();
    }

    private static bool IsOpen(TcpClient client)
    {
        var socket = client.Client;
        var buffer = new byte[4096];
        while (socket.Available > 0) socket.Receive(buffer);
        // Readable with nothing to read: the peer closed its end.
        return !(socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0);
    }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var client = await _listener.AcceptTcpClientAsync(_stop.Token);
                Interlocked.Increment(ref _accepted);
                lock (_held) _held.Add(client);
            }
        }
        catch (Exception e) when (e is OperationCanceledException or SocketException or ObjectDisposedException)
        {
            // Stopped.
        }
    }
}
