using System.Net;
using GitLabLite.Net;

namespace GitLabLite.Spec.Lib.Net;

/// <summary>URL hosts read as curl and inet_aton read them, so no spelling of an address slips past the classifier as a "name".</summary>
[TestClass]
public sealed class HostLiteralSpec
{
    [TestMethod]
    [DataRow("127.0.0.1", "127.0.0.1")]
    [DataRow("2130706433", "127.0.0.1")]
    [DataRow("0x7f000001", "127.0.0.1")]
    [DataRow("0X7F000001", "127.0.0.1")]
    [DataRow("017700000001", "127.0.0.1")]
    [DataRow("0177.0.0.1", "127.0.0.1")]
    [DataRow("0x7f.0.0.1", "127.0.0.1")]
    [DataRow("127.1", "127.0.0.1")]
    [DataRow("127.0.1", "127.0.0.1")]
    [DataRow("0x7f.1", "127.0.0.1")]
    [DataRow("0177.0x0.00.01", "127.0.0.1")]
    [DataRow("127.0.0.1.", "127.0.0.1")]
    [DataRow("0", "0.0.0.0")]
    [DataRow("3232235777", "192.168.1.1")]
    [DataRow("0xa9.0xfe.0xa9.0xfe", "169.254.169.254")]
    [DataRow("2852039166", "169.254.169.254")]
    [DataRow("10.1", "10.0.0.1")]
    [DataRow("::1", "::1")]
    [DataRow("[::1]", "::1")]
    [DataRow("[::ffff:127.0.0.1]", "::ffff:127.0.0.1")]
    [DataRow("[0:0:0:0:0:ffff:7f00:1]", "::ffff:127.0.0.1")]
    [DataRow("[fd00:ec2::254]", "fd00:ec2::254")]
    public void TryParse_Literal_ReadsTheAddressCurlConnectsTo(string host, string expected)
    {
        Assert.IsTrue(HostLiteral.TryParse(host, out var address), host);
        Assert.AreEqual(IPAddress.Parse(expected), address, host);
    }

    [TestMethod]
    [DataRow("localhost")]
    [DataRow("example.com")]
    [DataRow("127.0.0.1.nip.io")]
    [DataRow("1.2.3.4.5")]
    [DataRow("256.0.0.1")]
    [DataRow("1.2.3.256")]
    [DataRow("1.2.65536")]
    [DataRow("4294967296")]
    [DataRow("08.0.0.1")]
    [DataRow("0x")]
    [DataRow("1..1")]
    [DataRow("")]
    [DataRow("0777777777777777777777777777777")]
    [DataRow("[fe80::1%eth0]")]
    [DataRow("[::1")]
    public void TryParse_NameOrInvalid_IsNotALiteral(string host) =>
        Assert.IsFalse(HostLiteral.TryParse(host, out _), host);
}
