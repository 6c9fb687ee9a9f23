using System.Text.Json;

namespace GitLabLite.Spec.Lib.Golang.SumDb;

/// <summary>spec/testdata/sumdb/vectors.json, written by the Go reference code (see its README).</summary>
internal static class SumDbVectors
{
    private static readonly Lazy<JsonElement> Root = new(() =>
        JsonDocument.Parse(File.ReadAllBytes(Path.Combine(AppContext.BaseDirectory, "testdata", "sumdb", "vectors.json"))).RootElement);

    public static JsonElement Get(string name) => Root.Value.GetProperty(name);

    public static string String(string name) => Get(name).GetString()!;

    public static IEnumerable<object[]> Cases(string name) =>
        Get(name).EnumerateArray().Select((c, i) => new object[] { i, c.TryGetProperty("name", out var n) ? n.GetString()! : c.ToString() });

    public static JsonElement Case(string name, int index) => Get(name)[index];

    /// <summary>A map of file name to base64 bytes.</summary>
    public static Dictionary<string, byte[]> Files(JsonElement map) =>
        map.EnumerateObject().ToDictionary(p => p.Name, p => Convert.FromBase64String(p.Value.GetString()!));

    public static string? OptionalString(this JsonElement e, string name) =>
        e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
