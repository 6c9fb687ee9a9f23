namespace GitLabLite.Params;

/// <summary>POST .../packages/go/rules: action (allow|deny), module_pattern, version_pattern (default "*").</summary>
public sealed record CreateGoProxyRuleParams
{
    public string? Action { get; init; }
    public string? ModulePattern { get; init; }
    public string? VersionPattern { get; init; }
}
