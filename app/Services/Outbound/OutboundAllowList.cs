using System.Net;
using GitLabLite.Net;

namespace GitLabLite.Services.Outbound;

/// <summary>`GitLab:Outbound:AllowList` parsed: host names (exact, case-insensitive) and IP networks.</summary>
public sealed class OutboundAllowList
{
    private readonly HashSet<string> _names = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<IPNetwork> _networks = [];

    private OutboundAllowList()
    {
    }

    public static OutboundAllowList Parse(IEnumerable<string> entries)
    {
        var list = new OutboundAllowList();
        foreach (var raw in entries)
        {
            var entry = raw.Trim();
            if (IPNetwork.TryParse(entry, out var network)) list._networks.Add(network);
            else if (HostLiteral.TryParse(entry, out var address)) list._networks.Add(new IPNetwork(Unmapped(address), address.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork || address.IsIPv4MappedToIPv6 ? 32 : 128));
            else if (Uri.CheckHostName(entry.TrimEnd('.')) == UriHostNameType.Dns) list._names.Add(entry.TrimEnd('.'));
            else throw new FormatException($"GitLab:Outbound:AllowList entry '{raw}' is neither a host name, an IP address nor a CIDR range.");
        }
        return list;
    }

    public bool Contains(string host) => _names.Contains(host);

    public bool Contains(IPAddress address) => _networks.Any(n => n.Contains(Unmapped(address)));

    private static IPAddress Unmapped(IPAddress address) => address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
}
