using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;

namespace GitLabLite.Spec.Support;

/// <summary>
/// Every request a <see cref="LiveServer"/> answered ("GET /path?query 200"), as server-side evidence of what an
/// external client (go, git) actually asked; installed in front of the app's own pipeline.
/// </summary>
public sealed class RequestLog : IStartupFilter
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use(async (http, proceed) =>
        {
            try
            {
                await proceed(http);
            }
            finally
            {
                _lines.Enqueue($"{http.Request.Method} {http.Request.Path}{http.Request.QueryString} {http.Response.StatusCode}");
            }
        });
        next(app);
    };
}
