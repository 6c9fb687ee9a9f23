using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// The one-line text/plain answers that the go and git clients print to their users as they are (the Go proxy, the
/// checksum-database proxy and git over HTTP answer their errors this way, not in JSON). Controllers take it with
/// <c>using static GitLabLite.Controllers.Concerns.PlainText;</c>.
/// </summary>
public static class PlainText
{
    public static ContentResult Text(int status, string body) => new()
    {
        StatusCode = status,
        Content = body.Length == 0 || body.EndsWith('\n') ? body : body + "\n",
        ContentType = "text/plain; charset=utf-8",
    };
}
