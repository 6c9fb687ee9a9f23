namespace GitLabLite.Net;

/// <summary>What an IP address reaches, for deciding whether the server may connect to it on a user's behalf.</summary>
public enum AddressKind
{
    /// <summary>A globally routable unicast address.</summary>
    Public,

    /// <summary>0.0.0.0/8 and ::, which Linux connects to the host itself.</summary>
    Unspecified,

    /// <summary>127.0.0.0/8 and ::1.</summary>
    Loopback,

    /// <summary>RFC 1918: 10/8, 172.16/12, 192.168/16.</summary>
    Private,

    /// <summary>RFC 6598 carrier-grade NAT, 100.64/10.</summary>
    SharedAddressSpace,

    /// <summary>169.254/16 and fe80::/10.</summary>
    LinkLocal,

    /// <summary>fc00::/7, IPv6's private ranges.</summary>
    UniqueLocal,

    /// <summary>Cloud instance metadata services (169.254.169.254, fd00:ec2::254, ...), which hand out credentials.</summary>
    Metadata,

    /// <summary>224/4 and ff00::/8.</summary>
    Multicast,

    /// <summary>255.255.255.255.</summary>
    Broadcast,

    /// <summary>Documentation, benchmarking, future-use and other special-purpose ranges nobody serves from.</summary>
    Reserved,
}
