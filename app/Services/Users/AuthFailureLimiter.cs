using System.Collections.Concurrent;
using System.Net;
using GitLabLite.Initializers;
using Microsoft.Extensions.Options;

namespace GitLabLite.Services.Users;

/// <summary>
/// Counts invalid credentials per client address in fixed windows (GitLab's Rack::Attack "failed auth" ban): once an
/// address reaches the limit, requests from it that carry credentials are refused until the window ends, before any
/// token is looked up, so guessing costs the attacker time and the database nothing.
/// </summary>
public sealed class AuthFailureLimiter(IOptions<AuthThrottleOptions> options, TimeProvider clock)
{
    // Bounds memory under a spray from many addresses: expired windows are dropped when the table grows past this.
    private const int PruneAbove = 10_000;

    private readonly ConcurrentDictionary<string, Window> _windows = new();

    /// <summary>How long <paramref name="address"/> must wait, or null when it may present credentials now.</summary>
    public TimeSpan? RetryAfter(IPAddress? address)
    {
        var now = clock.GetUtcNow();
        if (!_windows.TryGetValue(Key(address), out var window) || window.Ends <= now) return null;
        return window.Failures >= options.Value.MaxFailures ? window.Ends - now : null;
    }

    public void RecordFailure(IPAddress? address)
    {
        var now = clock.GetUtcNow();
        var length = TimeSpan.FromSeconds(options.Value.WindowSeconds);
        _windows.AddOrUpdate(Key(address),
            _ => new Window(now + length, 1),
            (_, w) => w.Ends <= now ? new Window(now + length, 1) : w with { Failures = w.Failures + 1 });
        if (_windows.Count > PruneAbove)
            foreach (var (key, w) in _windows)
                if (w.Ends <= now) _windows.TryRemove(new KeyValuePair<string, Window>(key, w));
    }

    private static string Key(IPAddress? address) => address is null ? "" : (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();

    private sealed record Window(DateTimeOffset Ends, int Failures);
}
