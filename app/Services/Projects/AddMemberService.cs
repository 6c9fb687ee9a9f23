using GitLabLite.Models.Projects;
using GitLabLite.Params;
using GitLabLite.Repositories.Projects;
using GitLabLite.Repositories.Users;

namespace GitLabLite.Services.Projects;

/// <summary>
/// Adds a user to a project or group (GitLab's Members::CreateService). Who may: see <see cref="MemberManager"/>;
/// nobody but an admin hands out more than they have, so only Owners make Owners.
/// </summary>
public sealed class AddMemberService(MemberRepository members, UserRepository users)
{
    public async Task<ServiceResponse<MemberUser>> ExecuteAsync(MemberSource source, MemberManager actor, AddMemberParams p, CancellationToken ct)
    {
        var level = (AccessLevel)p.AccessLevel!.Value;
        if (!actor.CanManage || (!actor.Admin && level > actor.Access))
            return ServiceResponse<MemberUser>.Error("403 Forbidden", ServiceErrorReason.Forbidden);
        var user = await users.FindOrNullAsync(p.UserId!.Value, ct);
        if (user is null) return ServiceResponse<MemberUser>.Error("404 User Not Found", ServiceErrorReason.NotFound);
        var created = await members.CreateAsync(source.Type, source.Id, user.Id, level, p.ExpiresOn, ct);
        if (created is null) return ServiceResponse<MemberUser>.Error("Member already exists", ServiceErrorReason.Conflict);
        var shown = await members.FindUserOrNullAsync(source, user.Id, ct);
        return ServiceResponse<MemberUser>.Ok(shown!);
    }
}
