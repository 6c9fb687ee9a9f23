using System.Text.Json;
using System.Text.Json.Serialization;

namespace GitLabLite.Params;

/// <summary>GitLab's id-or-path parameters (namespace_id) arrive as a JSON number or a string; bind both as text.</summary>
public sealed class IdOrPathConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number when reader.TryGetInt64(out var id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture),
        _ => throw new JsonException("not an id or a path"),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
