using System.Net;
using System.Net.Sockets;
using GitLabLite.Initializers;
using GitLabLite.Net;
using Microsoft.Extensions.Options;

namespace GitLabLite.Services.Outbound;

/// <summary>
/// Decides whether the server may connect to a host on a user's behalf (GitLab's Gitlab::UrlBlocker). The host is
/// read as an IP literal in every spelling clients accept, or resolved; every address it resolves to must be public
/// (or opened by `GitLab:Outbound`), so a name cannot hide one bad address among good ones. The answer names the one
/// address to use: callers connect to it and nothing else, so a second, different DNS answer (rebinding) is never
/// asked for. <see cref="CreateHttpHandler"/> applies the same check to every connection an HttpClient opens,
/// redirect hops included, through the operation's <see cref="OutboundPins"/>.
/// </summary>
public sealed class UrlBlocker(IOptions<OutboundOptions> options, IHostResolver resolver)
{
    public const string Unresolvable = "Host cannot be resolved or invalid";

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(10);

    private readonly OutboundAllowList _allowList = OutboundAllowList.Parse(options.Value.AllowList);

    /// <summary>The host (a name or a literal, brackets allowed) with the address to connect to, or why it is blocked.</summary>
    public async Task<(OutboundTarget? Target, string? Blocked)> CheckHostAsync(string host, CancellationToken ct)
    {
        host = Normalize(host);
        IPAddress[] addresses;
        if (HostLiteral.TryParse(host, out var literal)) addresses = [literal];
        else if (host.Length is > 0 and <= 253 && Uri.CheckHostName(host) == UriHostNameType.Dns) addresses = await resolver.ResolveAsync(host, ct);
        else addresses = [];
        if (addresses.Length == 0) return (null, Unresolvable);
        foreach (var address in addresses)
        {
            var kind = AddressClassifier.Classify(address);
            if (!Allowed(host, address, kind)) return (null, Reason(kind));
        }
        return (new OutboundTarget(host, addresses[0]), null);
    }

    /// <summary>
    /// An HTTP handler whose every connection goes through <paramref name="pins"/> (checked once per host) and then to
    /// the checked address only. It follows no redirects (each hop is a new request, and so a new check) and uses no
    /// proxy (a proxy would connect somewhere unchecked).
    /// </summary>
    public static SocketsHttpHandler CreateHttpHandler(OutboundPins pins) => new()
    {
        AllowAutoRedirect = false,
        UseProxy = false,
        UseCookies = false,
        ConnectTimeout = ConnectTimeout,
        ConnectCallback = async (context, ct) =>
        {
            var (target, blocked) = await pins.CheckAsync(context.DnsEndPoint.Host, ct);
            if (target is null) throw new OutboundBlockedException(blocked!);
            var address = target.Address.IsIPv4MappedToIPv6 ? target.Address.MapToIPv4() : target.Address;
            var socket = new Socket(address.AddressFamily, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
            try
            {
                await socket.ConnectAsync(new IPEndPoint(address, context.DnsEndPoint.Port), ct);
            }
            catch
            {
                socket.Dispose();
                throw;
            }
            return new NetworkStream(socket, ownsSocket: true);
        },
    };

    /// <summary>Lower case, no brackets, no root-label dot: the form resolution and allow-list matching use.</summary>
    public static string Normalize(string host)
    {
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        return host.TrimEnd('.').ToLowerInvariant();
    }

    private bool Allowed(string host, IPAddress address, AddressKind kind)
    {
        if (kind == AddressKind.Public) return true;
        if (AddressClassifier.IsNeverAServer(kind)) return false;
        if (_allowList.Contains(host) || _allowList.Contains(address)) return true;
        return options.Value.AllowLocalNetwork && AddressClassifier.IsLocalNetwork(kind);
    }

    private static string Reason(AddressKind kind) => kind switch
    {
        AddressKind.Loopback or AddressKind.Unspecified => "Requests to localhost are not allowed",
        AddressKind.Private or AddressKind.UniqueLocal => "Requests to the local network are not allowed",
        AddressKind.LinkLocal => "Requests to the link local network are not allowed",
        AddressKind.SharedAddressSpace => "Requests to the shared address space are not allowed",
        AddressKind.Metadata => "Requests to cloud metadata endpoints are not allowed",
        AddressKind.Multicast => "Requests to multicast addresses are not allowed",
        AddressKind.Broadcast => "Requests to the limited broadcast address are not allowed",
        _ => "Requests to reserved addresses are not allowed",
    };
}
