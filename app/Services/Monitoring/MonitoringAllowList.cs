using System.Net;
using GitLabLite.Initializers;
using Microsoft.Extensions.Options;

namespace GitLabLite.Services.Monitoring;

/// <summary>The networks of GitLab:Monitoring:AllowedAddresses, parsed once; IPv4-mapped IPv6 callers count as IPv4.</summary>
public sealed class MonitoringAllowList(IOptions<MonitoringOptions> options)
{
    private readonly IPNetwork[] _networks = NetworkList.Parse(options.Value.AllowedAddresses ?? MonitoringOptions.DefaultAllowedAddresses);

    public bool Allows(IPAddress? address)
    {
        if (address is null) return false;
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        foreach (var network in _networks)
            if (network.Contains(address)) return true;
        return false;
    }
}
