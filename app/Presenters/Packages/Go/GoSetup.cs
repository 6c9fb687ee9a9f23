namespace GitLabLite.Presenters.Packages.Go;

/// <summary>See <see cref="GoSetupPresenter"/>.</summary>
public sealed record GoSetup(string ModulePath, string ProxyUrl, string GoEnvLine, string NetrcLine);
