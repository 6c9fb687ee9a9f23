using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;
using Microsoft.AspNetCore.Identity;

namespace GitLabLite.Services.Users;

/// <summary>
/// First start: creates the `root` administrator. GITLAB_ROOT_PASSWORD sets its password; GITLAB_ROOT_TOKEN, when
/// set, becomes an `api` token of root with exactly that value, as GitLab's automation-friendly seed does. Like any
/// token it expires (GitLab's longest lifetime, a year); every start renews that year, so a server that keeps
/// running from the same environment keeps its token, and one whose environment dropped the variable lets it lapse.
/// A revoked root token stays revoked.
/// </summary>
public sealed class RootSeeder(
    UserRepository users, PersonalAccessTokenRepository tokens, IPasswordHasher<User> hasher, IConfiguration config, TimeProvider clock,
    ILogger<RootSeeder> logger)
{
    public const string DefaultPassword = "5iveL!fe-GitLabLite";

    public async Task SeedAsync(CancellationToken ct)
    {
        var root = await users.FindByUsernameOrNullAsync("root", ct);
        if (root is null)
        {
            var password = config["GITLAB_ROOT_PASSWORD"];
            if (string.IsNullOrEmpty(password))
            {
                password = DefaultPassword;
                logger.LogWarning("Created user root with the development password {Password}; set GITLAB_ROOT_PASSWORD to choose one", password);
            }
            root = await users.CreateWithNamespaceAsync("root", "admin@example.com", "Administrator",
                hasher.HashPassword(new User(), password), admin: true, ct);
        }
        root ??= await users.FindByUsernameOrNullAsync("root", ct);
        var token = config["GITLAB_ROOT_TOKEN"];
        if (root is null || string.IsNullOrEmpty(token)) return;
        var expiry = PersonalAccessToken.LatestExpiry(DateOnly.FromDateTime(clock.GetUtcNow().UtcDateTime));
        var digest = PersonalAccessToken.Digest(token);
        // ON CONFLICT on the digest makes creation idempotent across restarts and concurrent starts; then renew.
        if (await tokens.CreateAsync(root.Id, "GITLAB_ROOT_TOKEN", digest, [TokenScopes.Api], expiry, ct) is null)
            await tokens.RenewAsync(digest, root.Id, expiry, ct);
    }
}
