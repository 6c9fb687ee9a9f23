using System.Buffers.Binary;
using System.Net;

namespace GitLabLite.Net;

/// <summary>
/// Classifies an IP address by the IANA special-purpose registries (RFC 6890 and successors) plus the cloud metadata
/// endpoints, as GitLab's UrlBlocker does before any outbound request. IPv6 forms that embed an IPv4 address and that
/// the host or a translator would deliver to it (IPv4-mapped ::ffff:0:0/96, NAT64 64:ff9b::/96, 6to4 2002::/16) are
/// classified by the embedded address, so ::ffff:127.0.0.1 is loopback. Pure: no resolution, no connection.
/// </summary>
public static class AddressClassifier
{
    // Well-known instance metadata endpoints: AWS (IMDS v4/v6, ECS task, EKS pod identity), GCP and Azure share
    // 169.254.169.254, Alibaba 100.100.100.200, Oracle's legacy 192.0.0.192.
    private static readonly IPAddress[] MetadataAddresses =
    [
        IPAddress.Parse("169.254.169.254"), IPAddress.Parse("169.254.170.2"), IPAddress.Parse("169.254.170.23"),
        IPAddress.Parse("100.100.100.200"), IPAddress.Parse("192.0.0.192"),
        IPAddress.Parse("fd00:ec2::254"), IPAddress.Parse("fd00:ec2::23"),
    ];

    private static readonly (uint Network, int Prefix, AddressKind Kind)[] V4Ranges =
    [
        (V4(0, 0, 0, 0), 8, AddressKind.Unspecified),
        (V4(10, 0, 0, 0), 8, AddressKind.Private),
        (V4(100, 64, 0, 0), 10, AddressKind.SharedAddressSpace),
        (V4(127, 0, 0, 0), 8, AddressKind.Loopback),
        (V4(169, 254, 0, 0), 16, AddressKind.LinkLocal),
        (V4(172, 16, 0, 0), 12, AddressKind.Private),
        (V4(192, 0, 0, 0), 24, AddressKind.Reserved), // IETF protocol assignments
        (V4(192, 0, 2, 0), 24, AddressKind.Reserved), // TEST-NET-1
        (V4(192, 88, 99, 0), 24, AddressKind.Reserved), // 6to4 relay anycast (deprecated)
        (V4(192, 168, 0, 0), 16, AddressKind.Private),
        (V4(198, 18, 0, 0), 15, AddressKind.Reserved), // benchmarking
        (V4(198, 51, 100, 0), 24, AddressKind.Reserved), // TEST-NET-2
        (V4(203, 0, 113, 0), 24, AddressKind.Reserved), // TEST-NET-3
        (V4(224, 0, 0, 0), 4, AddressKind.Multicast),
        (V4(255, 255, 255, 255), 32, AddressKind.Broadcast),
        (V4(240, 0, 0, 0), 4, AddressKind.Reserved), // future use (after the broadcast /32, which it contains)
    ];

    public static AddressKind Classify(IPAddress address)
    {
        if (MetadataAddresses.Any(m => m.Equals(address))) return AddressKind.Metadata;
        return address.AddressFamily switch
        {
            System.Net.Sockets.AddressFamily.InterNetwork => ClassifyV4(BinaryPrimitives.ReadUInt32BigEndian(address.GetAddressBytes())),
            System.Net.Sockets.AddressFamily.InterNetworkV6 => ClassifyV6(address),
            _ => AddressKind.Reserved,
        };
    }

    /// <summary>The kinds `GitLab:Outbound:AllowLocalNetwork` opens: the host itself and networks it sits on.</summary>
    public static bool IsLocalNetwork(AddressKind kind) =>
        kind is AddressKind.Loopback or AddressKind.Private or AddressKind.SharedAddressSpace or AddressKind.LinkLocal or AddressKind.UniqueLocal;

    /// <summary>Kinds no server can be reached at, whatever the settings say.</summary>
    public static bool IsNeverAServer(AddressKind kind) =>
        kind is AddressKind.Unspecified or AddressKind.Multicast or AddressKind.Broadcast;

    private static AddressKind ClassifyV4(uint value)
    {
        foreach (var (network, prefix, kind) in V4Ranges)
            if (InPrefix(value, network, prefix)) return kind;
        return AddressKind.Public;
    }

    private static AddressKind ClassifyV6(IPAddress address)
    {
        var b = address.GetAddressBytes();
        if (address.IsIPv4MappedToIPv6) return Classify(address.MapToIPv4());
        if (b.All(x => x == 0)) return AddressKind.Unspecified;
        if (address.Equals(IPAddress.IPv6Loopback)) return AddressKind.Loopback;
        // NAT64 (RFC 6052): a translator on the path delivers it to the embedded IPv4 address.
        if (StartsWith(b, [0x00, 0x64, 0xff, 0x9b, 0, 0, 0, 0, 0, 0, 0, 0])) return Classify(new IPAddress(b[12..16]));
        // 6to4 (RFC 3056): 2002:AABB:CCDD::/48 is relayed to AA.BB.CC.DD.
        if (b[0] == 0x20 && b[1] == 0x02) return Classify(new IPAddress(b[2..6]));
        if (b[0] == 0xff) return AddressKind.Multicast;
        if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return AddressKind.LinkLocal;
        if ((b[0] & 0xfe) == 0xfc) return AddressKind.UniqueLocal;
        // 2000::/3 is the only global unicast space; inside it, 2001::/23 (IETF: Teredo, ORCHID, ...), 2001:db8::/32
        // and 3fff::/20 (documentation) are special purpose. Everything outside 2000::/3 (IPv4-compatible ::/96,
        // 64:ff9b:1::/48, discard-only 100::/64, deprecated site-local fec0::/10, unassigned space) serves nobody.
        if ((b[0] & 0xe0) != 0x20) return AddressKind.Reserved;
        if (b[0] == 0x20 && b[1] == 0x01 && (b[2] & 0xfe) == 0x00) return AddressKind.Reserved;
        if (StartsWith(b, [0x20, 0x01, 0x0d, 0xb8])) return AddressKind.Reserved;
        if (b[0] == 0x3f && b[1] == 0xff && (b[2] & 0xf0) == 0x00) return AddressKind.Reserved;
        return AddressKind.Public;
    }

    private static bool StartsWith(byte[] bytes, byte[] prefix) => bytes.AsSpan().StartsWith(prefix);

    private static bool InPrefix(uint value, uint network, int prefix) =>
        prefix == 0 || (value >> (32 - prefix)) == (network >> (32 - prefix));

    private static uint V4(byte a, byte b, byte c, byte d) => (uint)(a << 24 | b << 16 | c << 8 | d);
}
