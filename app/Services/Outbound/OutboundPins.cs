using System.Collections.Concurrent;

namespace GitLabLite.Services.Outbound;

/// <summary>
/// The hosts one outbound operation has checked, each with its one address: a host is resolved and checked the
/// first time the operation needs it, and every later connection of that operation (another request, a redirect
/// back, the git process that follows) reuses that answer instead of asking DNS again.
/// </summary>
public sealed class OutboundPins(UrlBlocker blocker)
{
    private readonly ConcurrentDictionary<string, OutboundTarget> _targets = new(StringComparer.Ordinal);

    public async Task<(OutboundTarget? Target, string? Blocked)> CheckAsync(string host, CancellationToken ct)
    {
        var key = UrlBlocker.Normalize(host);
        if (_targets.TryGetValue(key, out var pinned)) return (pinned, null);
        var (target, blocked) = await blocker.CheckHostAsync(key, ct);
        return target is null ? (null, blocked) : (_targets.GetOrAdd(key, target), null);
    }

    public OutboundTarget? Find(string host) => _targets.GetValueOrDefault(UrlBlocker.Normalize(host));
}
