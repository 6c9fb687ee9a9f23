using GitLabLite.Models.Packages.Go;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// A pull-through answer: bytes (list, @latest, a query) or a stored file (a canonical .info, .mod or .zip, in the
/// module zip store, so immutable) with their content type, or a status with a one-line text/plain reason that go
/// prints.
/// </summary>
public sealed record PullThroughResult(int Status, string ContentType, byte[]? Body, ModuleZipEntry? Stored, string? Text)
{
    public static PullThroughResult Bytes(byte[] body, string contentType) => new(200, contentType, body, null, null);

    public static PullThroughResult File(ModuleZipEntry stored, string contentType) => new(200, contentType, null, stored, null);

    public static PullThroughResult Error(int status, string text) => new(status, "text/plain; charset=utf-8", null, null, text);

    public static PullThroughResult Denied(GoProxyRule rule, string target, string? group) =>
        Error(403, $"forbidden: {target} is denied by rule \"{rule.Describe(group)}\"");
}
