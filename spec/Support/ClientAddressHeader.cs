using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;

namespace GitLabLite.Spec.Support;

/// <summary>
/// Lets a spec speak from any client address through the in-process server (which has no sockets): the address in
/// <see cref="Header"/> becomes the connection's remote address, as a reverse proxy's forwarded-headers step does.
/// Installed only by specs, in front of the app's pipeline.
/// </summary>
public sealed class ClientAddressHeader : IStartupFilter
{
    public const string Header = "X-Spec-Client-Address";

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, proceed) =>
        {
            if (IPAddress.TryParse(http.Request.Headers[Header].ToString(), out var address)) http.Connection.RemoteIpAddress = address;
            return proceed(http);
        });
        next(app);
    };
}
