using System.Text.Json;
using System.Text.Json.Serialization;

namespace GitLabLite.Params;

/// <summary>
/// Reads a JSON string, number or boolean into a string, as Grape does for params typed [String, Integer]
/// ({"value": 50} and {"value": "50"} mean the same).
/// </summary>
public sealed class ScalarAsStringConverter : JsonConverter<string>
{
    public override string? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) => reader.TokenType switch
    {
        JsonTokenType.String => reader.GetString(),
        JsonTokenType.Number => System.Text.Encoding.UTF8.GetString(reader.ValueSpan),
        JsonTokenType.True => "true",
        JsonTokenType.False => "false",
        _ => throw new JsonException("not a scalar"),
    };

    public override void Write(Utf8JsonWriter writer, string value, JsonSerializerOptions options) => writer.WriteStringValue(value);
}
