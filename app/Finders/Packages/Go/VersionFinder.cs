using System.Text;
using GitLabLite.Golang;
using GitLabLite.Models.Packages.Go;

namespace GitLabLite.Finders.Packages.Go;

/// <summary>
/// Packages::Go::VersionFinder: a module's versions as the go command lists them in direct mode (codeRepo.Versions:
/// canonical tags with the module's prefix and major, +incompatible where Go allows it), and the resolution of one
/// query (tag, branch, commit prefix, canonical or pseudo-version) or of @latest. Answers are remembered per refs
/// snapshot, so warm lists and queries never reach git.
/// </summary>
public sealed class VersionFinder
{
    /// <summary>The listed versions' names, oldest first (semver order): the proxy's @v/list.</summary>
    public IReadOnlyList<string> Names(Module module) => module.Memo("list", module.Code.Versions);

    /// <summary>The list answer as sent, one version a line: rebuilding 10,000 lines per request cost ~2 ms.</summary>
    public byte[] ListBody(Module module) =>
        module.Memo("list-body", () => Encoding.UTF8.GetBytes(string.Concat(Names(module).Select(v => v + "\n"))));

    /// <summary>
    /// Every listed version resolved (time, commit), oldest first: what pages and the package registry show. Each is
    /// resolved directly, not through <see cref="Find"/>: thousands of versions would fill the snapshot's memo with
    /// .info answers nobody asked for, leaving no room for this list or for the proxy's own answers.
    /// </summary>
    public IReadOnlyList<ModuleVersion> Execute(Module module) =>
        module.Memo("versions", () => Names(module)
            .Select(name => (Name: name, Found: Resolved(module, module.Code.Stat(name))))
            // A listed tag that does not resolve to itself (its go.mod names another module, say) is not one of its versions.
            .Where(v => v.Found.Error is null && v.Found.Value!.Name == v.Name)
            .Select(v => v.Found.Value!)
            .ToList());

    /// <summary>codeRepo.Stat: what .info answers for <paramref name="query"/>, or go's error text.</summary>
    public GoResult<ModuleVersion> Find(Module module, string query) =>
        module.Memo($"info\n{query}", () => Resolved(module, module.Code.Stat(query)));

    /// <summary>@latest: the highest release, else the highest pre-release, else the default branch's head.</summary>
    public GoResult<ModuleVersion> Latest(Module module) => module.Memo("latest", () => Resolved(module, module.Code.Latest()));

    private static GoResult<ModuleVersion> Resolved(Module module, GoResult<RevInfo> info) =>
        info.Error is null ? GoResult<ModuleVersion>.Ok(new ModuleVersion(module.Path, info.Value!)) : GoResult<ModuleVersion>.Fail(info.Error);
}
