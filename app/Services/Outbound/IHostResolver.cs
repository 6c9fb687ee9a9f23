using System.Net;

namespace GitLabLite.Services.Outbound;

/// <summary>Name resolution for outbound requests: the system resolver in production, a fixed table in specs.</summary>
public interface IHostResolver
{
    /// <summary>Every address the name resolves to; empty when it does not resolve.</summary>
    Task<IPAddress[]> ResolveAsync(string host, CancellationToken ct);
}
