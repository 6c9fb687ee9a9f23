using System.Text;
using System.Text.RegularExpressions;

namespace GitLabLite.Models.Projects;

/// <summary>GitLab's rules for namespace and project paths and names (Gitlab::PathRegex, NamespacePathValidator).</summary>
public static partial class PathRules
{
    public const int MaxLength = 255;

    /// <summary>
    /// The one reserved-names list: paths that would shadow instance routes (Gitlab::PathRegex::TOP_LEVEL_ROUTES),
    /// refused for top-level groups and for usernames (a user's personal namespace is top-level too).
    /// </summary>
    public static readonly IReadOnlySet<string> ReservedTopLevel = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "-", ".well-known", "404.html", "422.html", "500.html", "502.html", "503.html", "admin", "api", "apple-touch-icon.png",
        "assets", "dashboard", "deploy.html", "explore", "favicon.ico", "favicon.png", "files", "groups", "health_check", "help",
        "import", "jwt", "login", "oauth", "profile", "projects", "public", "robots.txt", "s", "search", "sitemap", "sitemap.xml",
        "sitemap.xml.gz", "slash-command-logo.png", "snippets", "unsubscribes", "uploads", "users", "v2",
    };

    [GeneratedRegex(@"^[a-zA-Z0-9_.][a-zA-Z0-9_\-.]*$")]
    private static partial Regex PathPattern();

    // Letters, digits, emoji, "_", ".", "+", dashes, spaces and parentheses; starting with a letter, digit, emoji or "_".
    [GeneratedRegex(@"^[\p{L}\p{N}\p{So}\p{Cs}_][\p{L}\p{N}\p{So}\p{Cs}\p{Mn}\p{Pd}_.+() ]*$")]
    private static partial Regex NamePattern();

    /// <summary>Why the path is not acceptable, or null when it is.</summary>
    public static string? PathError(string path)
    {
        if (path.Length is 0 or > MaxLength) return $"is too long (maximum is {MaxLength} characters) or empty";
        if (!PathPattern().IsMatch(path))
            return "can contain only letters, digits, '_', '-' and '.'. Cannot start with '-'";
        if (path.EndsWith(".git", StringComparison.OrdinalIgnoreCase) || path.EndsWith(".atom", StringComparison.OrdinalIgnoreCase))
            return "cannot end in '.git' or '.atom'";
        // "." and ".." would be directory traversal on disk and in URLs.
        if (path.Contains("..", StringComparison.Ordinal) || path == ".") return "cannot contain consecutive dots or be '.'";
        return null;
    }

    public static string? NameError(string name)
    {
        if (name.Length is 0 or > MaxLength) return $"is too long (maximum is {MaxLength} characters) or empty";
        return NamePattern().IsMatch(name)
            ? null
            : "can contain only letters, digits, emoji, '_', '.', '+', dashes, spaces or parentheses. It must start with a letter, digit, emoji, or '_'";
    }

    /// <summary>A path from a name as GitLab's UI suggests one: lower case, spaces to dashes, other characters dropped.</summary>
    public static string FromName(string name)
    {
        var path = new StringBuilder();
        foreach (var c in name.Trim().ToLowerInvariant())
            if (c == ' ') path.Append('-');
            else if (char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') path.Append(c);
        return path.ToString().TrimStart('-');
    }
}
