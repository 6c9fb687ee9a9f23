using System.Net;

namespace GitLabLite.Services.Outbound;

/// <summary>A host that may be reached, and the one checked address every connection to it must use.</summary>
public sealed record OutboundTarget(string Host, IPAddress Address);
