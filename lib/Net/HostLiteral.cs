using System.Globalization;
using System.Net;

namespace GitLabLite.Net;

/// <summary>
/// Reads a URL host as an IP address the way the clients that connect read it: IPv4 in every form inet_aton(3) and
/// curl accept (1 to 4 parts, each decimal, octal with a leading 0, or hex with 0x, the last part filling the
/// remaining bytes: 2130706433, 0x7f000001, 0177.0.0.1 and 127.1 are all 127.0.0.1), and IPv6 with or without
/// brackets. A host that is not a literal is a name, to be resolved.
/// </summary>
public static class HostLiteral
{
    public static bool TryParse(string host, out IPAddress address)
    {
        address = IPAddress.None;
        if (host.StartsWith('[') && host.EndsWith(']')) host = host[1..^1];
        if (host.Contains(':'))
        {
            // Zone ids (fe80::1%eth0) name an interface of this host: never a remote server.
            if (host.Contains('%') || !IPAddress.TryParse(host, out var v6) || v6.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6)
                return false;
            address = v6;
            return true;
        }
        if (TryParseV4(host, out var v4))
        {
            address = v4;
            return true;
        }
        return false;
    }

    private static bool TryParseV4(string host, out IPAddress address)
    {
        address = IPAddress.None;
        // One trailing dot is the root label, as URL parsers read "127.0.0.1.".
        if (host.EndsWith('.')) host = host[..^1];
        var parts = host.Split('.');
        if (parts.Length is < 1 or > 4) return false;
        var values = new ulong[parts.Length];
        for (var i = 0; i < parts.Length; i++)
            if (!TryParsePart(parts[i], out values[i])) return false;
        // Every part but the last is one byte; the last fills the bytes that are left.
        for (var i = 0; i < values.Length - 1; i++)
            if (values[i] > 0xff) return false;
        var lastBits = 8 * (5 - parts.Length);
        if (values[^1] >= 1UL << lastBits) return false;
        ulong value = 0;
        for (var i = 0; i < values.Length - 1; i++) value |= values[i] << (8 * (3 - i));
        value |= values[^1];
        address = new IPAddress([(byte)(value >> 24), (byte)(value >> 16), (byte)(value >> 8), (byte)value]);
        return true;
    }

    private static bool TryParsePart(string part, out ulong value)
    {
        value = 0;
        if (part.Length == 0 || part.Length > 32) return false;
        if (part.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
            return part.Length > 2 && part[2..].All(char.IsAsciiHexDigit)
                && ulong.TryParse(part[2..], NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out value);
        if (!part.All(char.IsAsciiDigit)) return false;
        if (part.Length > 1 && part[0] == '0')
        {
            foreach (var c in part[1..])
            {
                if (c > '7' || value > uint.MaxValue) return false;
                value = value * 8 + (ulong)(c - '0');
            }
            return true;
        }
        return ulong.TryParse(part, NumberStyles.None, CultureInfo.InvariantCulture, out value);
    }
}
