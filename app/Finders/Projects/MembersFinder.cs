using GitLabLite.Models.Projects;
using GitLabLite.Repositories.Projects;

namespace GitLabLite.Finders.Projects;

/// <summary>MembersFinder: a project's or group's members, direct only, or with those inherited from its ancestor groups.</summary>
public sealed class MembersFinder(MemberRepository members)
{
    /// <summary>
    /// GET .../members (the source's own members) or, <paramref name="inherited"/>, .../members/all (direct and inherited
    /// members, each user once with the highest level).
    /// </summary>
    public async Task<(IReadOnlyList<MemberUser> Items, long Total)> ListAsync(MemberSource source, bool inherited, int offset, int limit, CancellationToken ct) =>
        inherited
            ? (await members.ListAllUsersAsync(source, offset, limit, ct), await members.CountAllAsync(source, ct))
            : (await members.ListUsersAsync(source, offset, limit, ct), await members.CountAsync(source.Type, source.Id, ct));

    /// <summary>GET .../members/:user_id (direct) or .../members/all/:user_id (direct or inherited).</summary>
    public Task<MemberUser?> FindAsync(MemberSource source, long userId, bool inherited, CancellationToken ct) =>
        inherited ? members.FindAllUserOrNullAsync(source, userId, ct) : members.FindUserOrNullAsync(source, userId, ct);
}
