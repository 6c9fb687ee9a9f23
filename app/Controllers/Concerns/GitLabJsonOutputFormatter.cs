using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.Net.Http.Headers;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// MVC's JSON formatter, but the answer says <c>Content-Type: application/json</c> exactly, as GitLab's does. MVC
/// appends <c>; charset=utf-8</c>, and GitLab clients that compare the header verbatim (python-gitlab) then read
/// every answer as "not JSON". The body is UTF-8 either way (RFC 8259 allows no other encoding).
/// </summary>
public sealed class GitLabJsonOutputFormatter(JsonSerializerOptions options) : SystemTextJsonOutputFormatter(options)
{
    public const string ContentType = "application/json";

    public override void WriteResponseHeaders(OutputFormatterWriteContext context)
    {
        if (MediaTypeHeaderValue.TryParse(context.ContentType.Value, out var media) && media.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase))
            context.ContentType = ContentType;
        base.WriteResponseHeaders(context);
    }
}
