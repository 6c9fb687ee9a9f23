using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace GitLabLite.Controllers.Concerns;

/// <summary>
/// GitLab takes parameters from the query string, a form body or a JSON body alike (curl users send forms, API
/// libraries send JSON). This merges all three into one JSON object and binds it to a params record.
/// </summary>
public static class GitLabParams
{
    public const int MaxBodyBytes = 1 << 20;

    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower,
        NumberHandling = JsonNumberHandling.AllowReadingFromString,
        Converters = { new LenientBooleanConverter() },
    };

    /// <summary>The bound params, or an error message naming the offending field.</summary>
    public static async Task<(T? Value, string? Error)> ReadAsync<T>(HttpRequest request) where T : class
    {
        var (value, error) = await ReadAsync(request, typeof(T));
        return ((T?)value, error);
    }

    /// <summary>As <see cref="ReadAsync{T}(HttpRequest)"/>, for a type known at run time (model binding).</summary>
    public static async Task<(object? Value, string? Error)> ReadAsync(HttpRequest request, Type type)
    {
        var merged = new JsonObject();
        foreach (var (key, values) in request.Query)
            Add(merged, key, values);
        if (request.HasFormContentType)
        {
            IFormCollection form;
            try
            {
                form = await request.ReadFormAsync(request.HttpContext.RequestAborted);
            }
            catch (InvalidDataException e)
            {
                // Over FormOptions' key, value or count limits.
                return (null, $"Invalid form body: {e.Message}");
            }
            foreach (var (key, values) in form)
                Add(merged, key, values);
        }
        else if (request.ContentType?.Contains("json", StringComparison.OrdinalIgnoreCase) == true && ReadsBody(request))
        {
            JsonNode? body;
            try
            {
                body = await ParseJsonOrNullAsync(request);
            }
            catch (JsonException e)
            {
                return (null, $"Invalid JSON body: {e.Message.Split(" Path:")[0]}");
            }
            if (body is JsonObject obj)
                foreach (var (key, value) in obj.ToList())
                {
                    obj.Remove(key);
                    merged[key] = value;
                }
            else if (body is not null)
                return (null, "The JSON body must be an object");
        }
        try
        {
            return (merged.Deserialize(type, Json), null);
        }
        catch (JsonException e)
        {
            var field = e.Path?.TrimStart('$', '.') is { Length: > 0 } p ? p : "body";
            return (null, $"{field} is invalid");
        }
    }

    /// <summary>
    /// GitLab (Grape) reads a body only on POST, PUT, PATCH and DELETE: a GET with a JSON body or just a JSON content
    /// type, which some clients send on every request, has its parameters in the query alone.
    /// </summary>
    private static bool ReadsBody(HttpRequest request) => !(HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method));

    /// <summary>The body's JSON, or null for an empty (or all-whitespace) body, which means no parameters.</summary>
    private static async Task<JsonNode?> ParseJsonOrNullAsync(HttpRequest request)
    {
        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, request.HttpContext.RequestAborted);
        var bytes = buffer.GetBuffer().AsMemory(0, (int)buffer.Length);
        return bytes.Span.Trim(" \t\r\n"u8).IsEmpty ? null : JsonNode.Parse(bytes.Span);
    }

    private static void Add(JsonObject target, string key, Microsoft.Extensions.Primitives.StringValues values)
    {
        // Rack style arrays: scopes[]=api&scopes[]=read_api.
        if (key.EndsWith("[]", StringComparison.Ordinal))
        {
            var name = key[..^2];
            var array = target[name] as JsonArray ?? new JsonArray();
            foreach (var v in values) array.Add(v);
            target[name] = array;
        }
        else
            target[key] = values.ToString();
    }

    private sealed class LenientBooleanConverter : JsonConverter<bool>
    {
        public override bool Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
        {
            JsonTokenType.True => true,
            JsonTokenType.False => false,
            // Grape's Boolean coercion is case-insensitive: python-gitlab sends hard_delete=True.
            JsonTokenType.String => reader.GetString()?.ToLowerInvariant() switch
            {
                "true" or "1" or "yes" or "on" => true,
                "false" or "0" or "no" or "off" or "" => false,
                _ => throw new JsonException("not a boolean"),
            },
            JsonTokenType.Number => reader.GetInt64() != 0,
            _ => throw new JsonException("not a boolean"),
        };

        public override void Write(Utf8JsonWriter writer, bool value, JsonSerializerOptions options) => writer.WriteBooleanValue(value);
    }
}
