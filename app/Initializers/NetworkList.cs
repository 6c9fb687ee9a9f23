using System.Net;
using System.Net.Sockets;

namespace GitLabLite.Initializers;

/// <summary>
/// Settings that list IP addresses or CIDR networks (GitLab:Monitoring:AllowedAddresses, GitLab:TrustedProxies):
/// "10.0.0.0/8", "::1/128", or a bare address meaning just that address.
/// </summary>
public static class NetworkList
{
    /// <summary>Whether every entry is an address or a CIDR network (checked at start).</summary>
    public static bool AllValid(IEnumerable<string>? entries) => (entries ?? []).All(e => TryParse(e, out _));

    public static IPNetwork[] Parse(IEnumerable<string> entries) =>
        entries.Select(e => TryParse(e, out var network) ? network : throw new FormatException($"not an IP network: {e}")).ToArray();

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
