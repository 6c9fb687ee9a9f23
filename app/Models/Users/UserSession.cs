using System.Security.Cryptography;
using System.Text;

namespace GitLabLite.Models.Users;

/// <summary>A signed-in browser: the user it belongs to, when it signed in and when it was last used.</summary>
public sealed record UserSession
{
    public long Id { get; init; }
    public long UserId { get; init; }
    public string Username { get; init; } = "";
    public DateTime CreatedAt { get; init; }
    public DateTime LastActivityAt { get; init; }

    /// <summary>The key the cookie carries: 32 random bytes, URL-safe; only its digest is stored.</summary>
    public static string GenerateKey() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    public static string Digest(string key) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(key)));
}
