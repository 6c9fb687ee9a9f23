using System.Net;
using System.Net.Sockets;
using GitLabLite.Initializers;
using Microsoft.Extensions.Options;

namespace GitLabLite.Services.Monitoring;

/// <summary>The networks of GitLab:Monitoring:AllowedAddresses, parsed once; IPv4-mapped IPv6 callers count as IPv4.</summary>
public sealed class MonitoringAllowList(IOptions<MonitoringOptions> options)
{
    private readonly IPNetwork[] _networks = (options.Value.AllowedAddresses ?? MonitoringOptions.DefaultAllowedAddresses)
        .Select(e => TryParse(e, out var network) ? network : throw new FormatException($"not an IP network: {e}")).ToArray();

    public bool Allows(IPAddress? address)
    {
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var network in _networks)
            if (network.Contains(address)) return true;
        return false;
    }

    /// <summary>Whether every entry is an address or a CIDR network (checked at start).</summary>
    public static bool AllValid(IEnumerable<string>? entries) => (entries ?? []).All(e => TryParse(e, out _));

    /// <summary>"a.b.c.d/n" or "x::y/n"; a bare address means just that address.</summary>
    private static bool TryParse(string entry, out IPNetwork network)
    {
        var text = entry.Trim();
        if (!text.Contains('/') && IPAddress.TryParse(text, out var single))
        {
            network = new IPNetwork(single, single.AddressFamily == AddressFamily.InterNetwork ? 32 : 128);
            return true;
        }
        return IPNetwork.TryParse(text, out network);
    }
}
