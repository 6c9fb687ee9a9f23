using System.Net;
using System.Net.Sockets;
using System.Text;
using GitLabLite.Controllers.Concerns;
using GitLabLite.Spec.Support;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;

namespace GitLabLite.Spec.Controllers.Concerns;

/// <summary>
/// Zip downloads under Kestrel's minimum response data rate: a client that stops reading for longer than the rate's
/// grace period, having been sent far less than the rate allows for that time, still gets the whole file.
/// </summary>
[TestClass]
public sealed class ChunkedSendFileFeatureSpec
{
    [TestMethod]
    public async Task Download_WhoseClientPausesLongerThanTheGracePeriod_IsNotReset()
    {
        var path = Path.GetTempFileName();
        try
        {
            const long size = 32L << 20;
            await using (var file = File.OpenWrite(path)) file.SetLength(size);
            var port = AppProcess.FreePort();
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.ConfigureKestrel(o =>
            {
                o.Listen(IPAddress.Loopback, port);
                // The default rate (240 B/s) with the shortest grace Kestrel takes, so that the pause below stays short.
                o.Limits.MinResponseDataRate = new MinDataRate(240, TimeSpan.FromSeconds(2));
            });
            await using var app = builder.Build();
            app.Run(async http =>
            {
                http.Features.Set<IHttpResponseBodyFeature>(new ChunkedSendFileFeature(http.Features.GetRequiredFeature<IHttpResponseBodyFeature>()));
                http.Response.ContentLength = size;
                await http.Response.SendFileAsync(path);
            });
            await app.StartAsync();

            // A small receive window, so that the server's writes wait on this client as soon as it stops reading.
            using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { ReceiveBufferSize = 16 * 1024 };
            await socket.ConnectAsync(IPAddress.Loopback, port);
            await socket.SendAsync(Encoding.ASCII.GetBytes("GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n"));
            var buffer = new byte[64 * 1024];
            long received = 0;
            while (received < (1 << 20)) received += await socket.ReceiveAsync(buffer);
            await Task.Delay(TimeSpan.FromSeconds(6));
            int n;
            while ((n = await socket.ReceiveAsync(buffer)) > 0) received += n;

            Assert.IsGreaterThan(size, received, "the whole body and its headers after the pause");
        }
        finally
        {
            File.Delete(path);
        }
    }
}
