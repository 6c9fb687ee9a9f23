using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Projects;
using GitLabLite.Repositories.Users;

namespace GitLabLite.Finders.Users;

/// <summary>What the profile page shows of its user: their personal projects and how many of their tokens work now.</summary>
public sealed class ProfileFinder(NamespaceRepository namespaces, ProjectRepository projects, PersonalAccessTokenRepository tokens, TimeProvider clock)
{
    private const int MaxListed = 100;

    public async Task<(IReadOnlyList<Project> PersonalProjects, int ActiveTokens)> FindAsync(User user, CancellationToken ct)
    {
        var personal = await namespaces.FindPersonalOrNullAsync(user.Id, ct);
        var owned = personal is null ? [] : await projects.ListVisibleAsync(new ProjectListFilter(user.Id, user.Admin, NamespaceId: personal.Id), 0, MaxListed, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var activeTokens = (await tokens.ListAsync(user.Id, 0, int.MaxValue, ct)).Count(t => t.Active(now));
        return (owned, activeTokens);
    }
}
