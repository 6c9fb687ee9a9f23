using System.Security.Cryptography;
using System.Text;

namespace GitLabLite.Models.Users;

/// <summary>Secret tokens (personal access tokens, deploy tokens): a prefix and 192 random bits, stored only as a SHA-256 digest.</summary>
public static class SecretToken
{
    /// <summary><paramref name="prefix"/> plus 32 URL-safe characters (24 random bytes).</summary>
    public static string Generate(string prefix) =>
        prefix + Convert.ToBase64String(RandomNumberGenerator.GetBytes(24)).Replace('+', '-').Replace('/', '_').TrimEnd('=');

    public static string Digest(string token) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(token)));
}
