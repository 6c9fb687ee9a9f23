namespace GitLabLite.Golang;

/// <summary>Module version rules from x/mod/module (go-proxy-protocol.md section 3).</summary>
public static class ModuleVersionRules
{
    /// <summary>The only build suffix that survives into module versions (go.dev/ref/mod#incompatible-versions).</summary>
    public const string IncompatibleSuffix = "+incompatible";

    /// <summary>
    /// module.CanonicalVersion: semver.Canonical but keeping a <c>+incompatible</c> build suffix.
    /// "" if invalid. "Canonical" in the protocol means <c>v == CanonicalVersion(v)</c>.
    /// </summary>
    public static string Canonical(string? v)
    {
        var cv = Semver.Canonical(v);
        if (Semver.Build(v) == IncompatibleSuffix)
        {
            cv += IncompatibleSuffix;
        }
        return cv;
    }

    /// <summary>True if <paramref name="v"/> is valid and equal to its canonical form.</summary>
    public static bool IsCanonical(string? v) => !string.IsNullOrEmpty(v) && Canonical(v) == v;

    /// <summary>
    /// module.Check: the path is valid, the version is semver and matches the path's major
    /// suffix. Returns null or Go's error text.
    /// </summary>
    public static string? Check(string path, string version)
    {
        var err = ModulePath.CheckPath(path);
        if (err is not null)
        {
            return err;
        }
        if (!Semver.IsValid(version))
        {
            return $"{path}@{version}: invalid version: not a semantic version";
        }
        var pathMajor = ModulePath.SplitPathVersion(path)?.PathMajor ?? "";
        err = ModulePath.CheckPathMajor(version, pathMajor);
        return err is null ? null : $"{path}@{version}: {err}";
    }

    /// <summary>
    /// The precondition of modzip.Create/CheckZip: canonical version, then module.Check.
    /// Returns null or Go's error text.
    /// </summary>
    public static string? CheckZipModuleVersion(string path, string version)
    {
        var canonical = Canonical(version);
        if (canonical != version)
        {
            return $"version {GoString.Quote(version)} is not canonical (should be {GoString.Quote(canonical)})";
        }
        return Check(path, version);
    }
}
