namespace GitLabLite.Services.Packages.Go;

/// <summary>A lease from <see cref="BuildLeases"/>, renewed in the background while held and released when disposed.</summary>
public sealed class BuildLease : IAsyncDisposable
{
    private readonly CancellationTokenSource _done = new();
    private readonly Task _renewing;
    private readonly Func<Task> _release;

    internal BuildLease(Func<CancellationToken, Task> renew, Func<Task> release)
    {
        _renewing = Task.Run(() => renew(_done.Token));
        _release = release;
    }

    public async ValueTask DisposeAsync()
    {
        await _done.CancelAsync();
        await _renewing;
        _done.Dispose();
        await _release();
    }
}
