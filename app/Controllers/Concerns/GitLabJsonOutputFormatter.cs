using System.Text.Encodings.Web;
using System.Text.Json;
using Microsoft.AspNetCore.Mvc.Formatters;
using Microsoft.Net.Http.Headers;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// MVC's JSON formatter, but written as GitLab writes it. The answer says <c>Content-Type: application/json</c>
/// exactly: MVC appends <c>; charset=utf-8</c>, and GitLab clients that compare the header verbatim (python-gitlab)
/// then read every answer as "not JSON" (the body is UTF-8 either way: RFC 8259 allows no other encoding). And a
/// <c>+</c> stays a <c>+</c>: the default encoder writes it as <c>\u002B</c>, which is valid JSON, but Go's
/// <c>time.Time</c> reads the raw string without unescaping, so go-gitlab failed on every date with a positive offset
/// (<c>"2026-11-29T13:47:17.000+00:00"</c>, as GitLab writes commit dates). The relaxed encoder leaves HTML-sensitive
/// characters alone, which is safe here: these answers are never HTML (<c>application/json</c>, and every response
/// carries <c>X-Content-Type-Options: nosniff</c>); pages render through Razor's own HTML-safe encoder.
/// </summary>
public sealed class GitLabJsonOutputFormatter(JsonSerializerOptions options)
    : SystemTextJsonOutputFormatter(new JsonSerializerOptions(options) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping })
{
    public const string ContentType = "application/json";

    public override void WriteResponseHeaders(OutputFormatterWriteContext context)
    {
        if (MediaTypeHeaderValue.TryParse(context.ContentType.Value, out var media) && media.MediaType.Equals(ContentType, StringComparison.OrdinalIgnoreCase))
            context.ContentType = ContentType;
        base.WriteResponseHeaders(context);
    }
}
