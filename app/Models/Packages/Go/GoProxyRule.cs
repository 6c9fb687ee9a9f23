using GitLabLite.Golang;

namespace GitLabLite.Models.Packages.Go;

/// <summary>
/// An allow or deny rule for pulled modules: a module path glob (GOPRIVATE syntax: path.Match over leading path
/// elements, so <c>github.com/acme</c> covers everything below it) and a version glob (path.Match; <c>*</c> = all).
/// NamespaceId null: instance-wide; else it applies on that group's endpoint and its subgroups'.
/// </summary>
public sealed record GoProxyRule(long Id, long? NamespaceId, string Action, string ModulePattern, string VersionPattern, DateTime CreatedAt)
{
    public const string Allow = "allow";
    public const string Deny = "deny";

    public bool MatchesModule(string modulePath) => GoPathMatch.MatchPrefixPatterns([ModulePattern], modulePath);

    /// <summary>Whether the rule covers this version; with no version (list, @latest) only rules for every version do.</summary>
    public bool MatchesVersion(string? version) =>
        version is null ? VersionPattern == "*" : GoPathMatch.Match(VersionPattern, version) == true;

    /// <summary>How `go` shows the rule to the user.</summary>
    public string Describe(string? group) => $"{Action} {ModulePattern}@{VersionPattern} ({(group is null ? "instance rule" : $"rule of group {group}")} #{Id})";
}
