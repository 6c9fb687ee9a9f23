using System.Text.Json;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// What a stored zip must be: its size, the SHA-256 of the file, the go.sum h1 of its content. Stored beside each
/// zip as a JSON sidecar, written last, so that the sidecar is the commit marker. A pulled module's .mod entry has
/// go.sum's /go.mod h1; its .info entry has none (empty), as go.sum records no hash of it.
/// </summary>
public sealed record ModuleZipFacts(long Size, string H1, string Sha256)
{
    public byte[] ToJson() => JsonSerializer.SerializeToUtf8Bytes(this);

    /// <summary>The facts in a sidecar, or null when it is not one (damaged, truncated, foreign).</summary>
    public static ModuleZipFacts? FromJsonOrNull(ReadOnlySpan<byte> json)
    {
        try
        {
            return JsonSerializer.Deserialize<ModuleZipFacts>(json) is { Size: >= 0, H1: not null, Sha256.Length: 64 } facts ? facts : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
