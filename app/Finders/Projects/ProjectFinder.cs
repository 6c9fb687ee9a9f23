using System.Globalization;
using GitLabLite.Models.Projects;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Caching;
using GitLabLite.Services.Users;

namespace GitLabLite.Finders.Projects;

/// <summary>
/// Finds a project by numeric id or full path (as GitLab's :id) together with the caller's permissions. The project
/// and the caller's access level are kept in memory per (id or path, user) while the change bus is current: a change
/// to the project, any route or namespace, or the user's memberships drops them in every process before it returns,
/// and an access level computed from a membership that expires is recomputed from that instant on.
/// </summary>
public sealed class ProjectFinder
{
    public const int MaxCachedAnswers = 100_000;

    private readonly ProjectRepository _projects;
    private readonly MemberRepository _members;
    private readonly TimeProvider _clock;
    private readonly BusCache<(string IdOrPath, long? UserId), (Project Project, ProjectAccess Access)> _cache;
    private readonly BusCache<(string LowerFullPaths, long? UserId), IReadOnlyList<(Project Project, ProjectAccess Access)>> _byFullPaths;

    public ProjectFinder(ProjectRepository projects, MemberRepository members, TimeProvider clock, ChangeBus bus)
    {
        _projects = projects;
        _members = members;
        _clock = clock;
        _cache = new(bus, MaxCachedAnswers);
        _byFullPaths = new(bus, MaxCachedAnswers);
        bus.Subscribe("project", key =>
        {
            var id = long.Parse(key, CultureInfo.InvariantCulture);
            _cache.RemoveWhere((_, v) => v.Project.Id == id);
            _byFullPaths.RemoveWhere((_, v) => v.Any(f => f.Project.Id == id));
        });
        bus.Subscribe("member", key =>
        {
            var id = long.Parse(key, CultureInfo.InvariantCulture);
            _cache.RemoveWhere((k, _) => k.UserId == id);
            _byFullPaths.RemoveWhere((k, _) => k.UserId == id);
        });
        // Paths, namespace fields, visibility and inherited memberships of every project below may change; a new
        // route is a project (or group) where a lookup by full paths may have found none.
        bus.Subscribe("route", _ => ClearAll());
        bus.Subscribe("namespace", _ => ClearAll());
    }

    public async Task<ProjectPermissions?> FindOrNullAsync(string idOrPath, AuthenticationResult auth, CancellationToken ct)
    {
        if (idOrPath.Length is 0 or > 1024) return null;
        // Full paths are looked up case-insensitively, so they are cached that way.
        var key = (idOrPath.ToLowerInvariant(), auth.User?.Id);
        if (!_cache.TryGet(key, out var found) || found.Access.AccessChangesAt <= _clock.GetUtcNow().UtcDateTime)
        {
            var epoch = _cache.Epoch;
            if (await FindWithAccessOrNullAsync(idOrPath, auth.User?.Id, ct) is not { } loaded) return null;
            found = loaded;
            _cache.Store(key, found, epoch);
        }
        return auth.PermissionsOn(found.Project, found.Access.AccessLevel);
    }

    /// <summary>
    /// The projects at any of <paramref name="fullPaths"/> (case-insensitive), each with the caller's permissions:
    /// one indexed query, then memory while the bus is current (an empty answer too: a project created at one of the
    /// paths is a new route, which clears it).
    /// </summary>
    public async Task<IReadOnlyList<ProjectPermissions>> ListByFullPathsAsync(IReadOnlyList<string> fullPaths, AuthenticationResult auth, CancellationToken ct)
    {
        var lower = fullPaths.Select(p => p.ToLowerInvariant()).ToArray();
        var key = (string.Join('\n', lower), auth.User?.Id);
        if (!_byFullPaths.TryGet(key, out var found) || found.Any(f => f.Access.AccessChangesAt <= _clock.GetUtcNow().UtcDateTime))
        {
            var epoch = _byFullPaths.Epoch;
            found = await _projects.ListByFullPathsWithAccessAsync(lower, auth.User?.Id, ct);
            _byFullPaths.Store(key, found, epoch);
        }
        return found.Select(f => auth.PermissionsOn(f.Project, f.Access.AccessLevel)).ToList();
    }

    public async Task<ProjectPermissions> PermissionsAsync(Project project, AuthenticationResult auth, CancellationToken ct)
    {
        var access = auth.User is { } user ? await _members.ProjectAccessAsync(project.Id, user.Id, ct) : AccessLevel.NoAccess;
        return auth.PermissionsOn(project, access);
    }

    private Task<(Project Project, ProjectAccess Access)?> FindWithAccessOrNullAsync(string idOrPath, long? userId, CancellationToken ct)
    {
        if (idOrPath.All(char.IsAsciiDigit))
            return long.TryParse(idOrPath, out var id) ? _projects.FindWithAccessOrNullAsync(id, userId, ct) : Task.FromResult<(Project, ProjectAccess)?>(null);
        return _projects.FindByFullPathWithAccessOrNullAsync(idOrPath, userId, ct);
    }

    private void ClearAll()
    {
        _cache.Clear();
        _byFullPaths.Clear();
    }
}
