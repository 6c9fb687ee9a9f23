namespace GitLabLite.Presenters.Packages.Go;

/// <summary>
/// See <see cref="GoSetupPresenter"/>. <see cref="GoEnvLine"/> uses the instance endpoint (one line for every module
/// of the instance); <see cref="ProjectProxyUrl"/> and <see cref="ProjectGoEnvLine"/> are the narrower alternative
/// (empty on the help page, which is about no project).
/// </summary>
public sealed record GoSetup(
    string ModulePath, string ProxyUrl, string GoEnvLine, string NetrcLine, string GoPrivateLine, string ProjectProxyUrl, string ProjectGoEnvLine);
