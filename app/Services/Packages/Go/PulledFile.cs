namespace GitLabLite.Services.Packages.Go;

/// <summary>The GOPROXY request kinds pull-through answers.</summary>
public enum PulledFile
{
    List,
    Latest,
    Info,
    Mod,
    Zip,
}
