using System.Text.RegularExpressions;
using GitLabLite.Models.Projects;

namespace GitLabLite.Models.Users;

/// <summary>
/// GitLab's username rules (Gitlab::PathRegex.namespace_format_regex): a username is also the path of the user's
/// personal namespace, so it must be a valid URL segment that no top-level route claims.
/// </summary>
public static partial class Username
{
    public const int MaxLength = 255;

    [GeneratedRegex(@"\A(?:[a-zA-Z0-9_\.][a-zA-Z0-9_\-\.]*[a-zA-Z0-9_\-]|[a-zA-Z0-9_])\z")]
    private static partial Regex Format();

    public static bool HasValidFormat(string username) =>
        username.Length <= MaxLength && Format().IsMatch(username)
        && !username.EndsWith(".git", StringComparison.OrdinalIgnoreCase)
        && !username.EndsWith(".atom", StringComparison.OrdinalIgnoreCase);

    /// <summary>The username is its personal namespace's top-level path, so the same routes are reserved as for top-level groups.</summary>
    public static bool IsReserved(string username) => PathRules.ReservedTopLevel.Contains(username);
}
