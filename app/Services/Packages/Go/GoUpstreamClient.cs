using System.Net;
using Polly;
using Polly.Registry;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// GETs from upstream GOPROXY servers and the checksum database, through the named HttpClient (so deployments and
/// specs can set its handler: proxies, trusted certificates) and the "go-upstream" Polly pipeline, which retries a
/// request that failed before any answer (connection refused or reset, timeout) and bounds each attempt.
/// </summary>
public sealed class GoUpstreamClient(IHttpClientFactory clients, ResiliencePipelineProvider<string> pipelines)
{
    public const string HttpClientName = "go-upstream";
    public const string Pipeline = "go-upstream";

    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(Pipeline);

    /// <summary>
    /// The response with its headers read (the body streams from the caller's read), or an exception when no server
    /// answered. The caller disposes the response.
    /// </summary>
    public async Task<HttpResponseMessage> GetAsync(string url, CancellationToken ct)
    {
        var client = clients.CreateClient(HttpClientName);
        return await _pipeline.ExecuteAsync(async token =>
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, url);
            return await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, token);
        }, ct);
    }

    /// <summary>404 and 410 mean "not here" in the GOPROXY protocol: go (and we) move on to the next proxy.</summary>
    public static bool IsNotFound(HttpStatusCode status) => status is HttpStatusCode.NotFound or HttpStatusCode.Gone;

    /// <summary>The first line of an error body, for messages that go shows the user.</summary>
    public static async Task<string> ReasonAsync(HttpResponseMessage response, CancellationToken ct)
    {
        var body = await response.Content.ReadAsStringAsync(ct);
        var line = body.Split('\n', 2)[0].Trim();
        if (line.Length > 300) line = line[..300];
        return line.Length > 0 ? line : $"{(int)response.StatusCode} {response.ReasonPhrase}";
    }
}
