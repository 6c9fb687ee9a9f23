using GitLabLite.Golang;

namespace GitLabLite.Models.Packages.Go;

/// <summary>
/// Packages::Go::ModuleVersion: a version of a module as a query resolved it (.info, @latest, or a listed version):
/// its canonical name, the commit's committer time (UTC), the commit, and the tag's ref for tagged versions.
/// </summary>
public sealed record ModuleVersion(string ModulePath, RevInfo Info)
{
    public string Name => Info.Version;

    public DateTime Time => Info.Time;

    public string Commit => Info.Hash;
}
