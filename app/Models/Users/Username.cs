using System.Text.RegularExpressions;

namespace GitLabLite.Models.Users;

/// <summary>
/// GitLab's username rules (Gitlab::PathRegex.namespace_format_regex): a username is also the path of the user's
/// personal namespace, so it must be a valid URL segment that no top-level route claims.
/// </summary>
public static partial class Username
{
    public const int MaxLength = 255;

    // Top-level routes of GitLab (Gitlab::PathRegex::TOP_LEVEL_ROUTES) that a namespace path must not shadow.
    private static readonly HashSet<string> Reserved = new(StringComparer.OrdinalIgnoreCase)
    {
        "-", ".well-known", "404.html", "422.html", "500.html", "502.html", "503.html", "admin", "api",
        "apple-touch-icon.png", "assets", "dashboard", "deploy.html", "explore", "favicon.ico", "favicon.png", "files",
        "groups", "health_check", "help", "import", "jwt", "login", "oauth", "profile", "projects", "public",
        "robots.txt", "s", "search", "sitemap", "sitemap.xml", "sitemap.xml.gz", "slash-command-logo.png", "snippets",
        "unsubscribes", "uploads", "users", "v2",
    };

    [GeneratedRegex(@"\A(?:[a-zA-Z0-9_\.][a-zA-Z0-9_\-\.]*[a-zA-Z0-9_\-]|[a-zA-Z0-9_])\z")]
    private static partial Regex Format();

    public static bool HasValidFormat(string username) =>
        username.Length <= MaxLength && Format().IsMatch(username)
        && !username.EndsWith(".git", StringComparison.OrdinalIgnoreCase)
        && !username.EndsWith(".atom", StringComparison.OrdinalIgnoreCase);

    public static bool IsReserved(string username) => Reserved.Contains(username);
}
