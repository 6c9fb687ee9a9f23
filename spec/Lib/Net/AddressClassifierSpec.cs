using System.Net;
using GitLabLite.Net;

namespace GitLabLite.Spec.Lib.Net;

/// <summary>Every special-purpose range the URL blocker refuses, and public neighbours just outside them. Opens no connection.</summary>
[TestClass]
public sealed class AddressClassifierSpec
{
    [TestMethod]
    // Loopback and "this host".
    [DataRow("127.0.0.1", AddressKind.Loopback)]
    [DataRow("127.255.255.254", AddressKind.Loopback)]
    [DataRow("::1", AddressKind.Loopback)]
    [DataRow("::ffff:127.0.0.1", AddressKind.Loopback)]
    [DataRow("0.0.0.0", AddressKind.Unspecified)]
    [DataRow("0.1.2.3", AddressKind.Unspecified)]
    [DataRow("::", AddressKind.Unspecified)]
    [DataRow("::ffff:0.0.0.0", AddressKind.Unspecified)]
    // RFC 1918 private networks, at their edges.
    [DataRow("10.0.0.0", AddressKind.Private)]
    [DataRow("10.255.255.255", AddressKind.Private)]
    [DataRow("172.16.0.1", AddressKind.Private)]
    [DataRow("172.31.255.255", AddressKind.Private)]
    [DataRow("192.168.0.1", AddressKind.Private)]
    [DataRow("::ffff:10.1.2.3", AddressKind.Private)]
    [DataRow("::ffff:192.168.1.1", AddressKind.Private)]
    // IPv6 unique local.
    [DataRow("fc00::1", AddressKind.UniqueLocal)]
    [DataRow("fd12:3456:789a::1", AddressKind.UniqueLocal)]
    // Link-local.
    [DataRow("169.254.0.1", AddressKind.LinkLocal)]
    [DataRow("169.254.255.255", AddressKind.LinkLocal)]
    [DataRow("fe80::1", AddressKind.LinkLocal)]
    [DataRow("febf:ffff::1", AddressKind.LinkLocal)]
    // Carrier-grade NAT (RFC 6598).
    [DataRow("100.64.0.0", AddressKind.SharedAddressSpace)]
    [DataRow("100.127.255.255", AddressKind.SharedAddressSpace)]
    // Cloud metadata, in every spelling that reaches it.
    [DataRow("169.254.169.254", AddressKind.Metadata)]
    [DataRow("::ffff:169.254.169.254", AddressKind.Metadata)]
    [DataRow("64:ff9b::a9fe:a9fe", AddressKind.Metadata)]
    [DataRow("2002:a9fe:a9fe::1", AddressKind.Metadata)]
    [DataRow("169.254.170.2", AddressKind.Metadata)]
    [DataRow("100.100.100.200", AddressKind.Metadata)]
    [DataRow("192.0.0.192", AddressKind.Metadata)]
    [DataRow("fd00:ec2::254", AddressKind.Metadata)]
    [DataRow("fd00:ec2::23", AddressKind.Metadata)]
    // Multicast and broadcast.
    [DataRow("224.0.0.1", AddressKind.Multicast)]
    [DataRow("239.255.255.250", AddressKind.Multicast)]
    [DataRow("ff02::1", AddressKind.Multicast)]
    [DataRow("255.255.255.255", AddressKind.Broadcast)]
    // Special purpose and unallocated.
    [DataRow("192.0.0.8", AddressKind.Reserved)]
    [DataRow("192.0.2.1", AddressKind.Reserved)]
    [DataRow("198.18.0.1", AddressKind.Reserved)]
    [DataRow("198.51.100.7", AddressKind.Reserved)]
    [DataRow("203.0.113.9", AddressKind.Reserved)]
    [DataRow("192.88.99.1", AddressKind.Reserved)]
    [DataRow("240.0.0.1", AddressKind.Reserved)]
    [DataRow("255.255.255.254", AddressKind.Reserved)]
    [DataRow("::127.0.0.1", AddressKind.Reserved)]
    [DataRow("::ffff:0:7f00:1", AddressKind.Reserved)]
    [DataRow("64:ff9b:1::1", AddressKind.Reserved)]
    [DataRow("100::1", AddressKind.Reserved)]
    [DataRow("2001::1", AddressKind.Reserved)]
    [DataRow("2001:db8::1", AddressKind.Reserved)]
    [DataRow("3fff::1", AddressKind.Reserved)]
    [DataRow("fec0::1", AddressKind.Reserved)]
    [DataRow("4000::1", AddressKind.Reserved)]
    // NAT64 and 6to4 take the kind of the IPv4 address they carry.
    [DataRow("64:ff9b::7f00:1", AddressKind.Loopback)]
    [DataRow("64:ff9b::a00:1", AddressKind.Private)]
    [DataRow("2002:7f00:1::", AddressKind.Loopback)]
    [DataRow("2002:c0a8:101::1", AddressKind.Private)]
    [DataRow("64:ff9b::808:808", AddressKind.Public)]
    [DataRow("2002:808:808::1", AddressKind.Public)]
    // Public neighbours of the ranges above.
    [DataRow("8.8.8.8", AddressKind.Public)]
    [DataRow("1.1.1.1", AddressKind.Public)]
    [DataRow("9.255.255.255", AddressKind.Public)]
    [DataRow("11.0.0.0", AddressKind.Public)]
    [DataRow("100.63.255.255", AddressKind.Public)]
    [DataRow("100.128.0.0", AddressKind.Public)]
    [DataRow("126.255.255.255", AddressKind.Public)]
    [DataRow("128.0.0.0", AddressKind.Public)]
    [DataRow("169.253.255.255", AddressKind.Public)]
    [DataRow("169.255.0.0", AddressKind.Public)]
    [DataRow("172.15.255.255", AddressKind.Public)]
    [DataRow("172.32.0.0", AddressKind.Public)]
    [DataRow("192.167.255.255", AddressKind.Public)]
    [DataRow("192.169.0.0", AddressKind.Public)]
    [DataRow("223.255.255.255", AddressKind.Public)]
    [DataRow("::ffff:8.8.8.8", AddressKind.Public)]
    [DataRow("2001:4860:4860::8888", AddressKind.Public)]
    [DataRow("2606:4700:4700::1111", AddressKind.Public)]
    public void Classify_ReturnsTheRangesKind(string address, AddressKind expected) =>
        Assert.AreEqual(expected, AddressClassifier.Classify(IPAddress.Parse(address)), address);

    [TestMethod]
    public void IsLocalNetwork_OpensOnlyNetworksTheHostSitsOn()
    {
        var local = Enum.GetValues<AddressKind>().Where(AddressClassifier.IsLocalNetwork).ToHashSet();
        CollectionAssert.AreEquivalent(
            new[] { AddressKind.Loopback, AddressKind.Private, AddressKind.SharedAddressSpace, AddressKind.LinkLocal, AddressKind.UniqueLocal },
            local.ToArray());
        Assert.IsFalse(AddressClassifier.IsLocalNetwork(AddressKind.Metadata), "allowing the local network must not open metadata");
    }
}
