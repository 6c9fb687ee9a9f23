using GitLabLite.Models.Packages.Go;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// A pull-through answer: bytes (or a stored zip) with their content type, or a status with a one-line text/plain
/// reason that go prints. <see cref="Immutable"/> marks canonical .info/.mod/.zip (cached for a year).
/// </summary>
public sealed record PullThroughResult(int Status, string ContentType, byte[]? Body, ModuleZipEntry? Zip, bool Immutable, string? Text)
{
    public static PullThroughResult Bytes(byte[] body, string contentType, bool immutable = false) => new(200, contentType, body, null, immutable, null);

    public static PullThroughResult File(ModuleZipEntry zip) => new(200, "application/zip", null, zip, true, null);

    public static PullThroughResult Error(int status, string text) => new(status, "text/plain; charset=utf-8", null, null, false, text);

    public static PullThroughResult Denied(GoProxyRule rule, string target, string? group) =>
        Error(403, $"forbidden: {target} is denied by rule \"{rule.Describe(group)}\"");
}
