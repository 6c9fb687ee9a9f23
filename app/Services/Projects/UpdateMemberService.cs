using GitLabLite.Models.Projects;
using GitLabLite.Params;
using GitLabLite.Repositories.Projects;

namespace GitLabLite.Services.Projects;

/// <summary>
/// Changes a direct membership's level or expiry (GitLab's Members::UpdateService): those who manage members change
/// members up to their own level and never above it (only Owners touch or make Owners), and a group keeps at least
/// one Owner.
/// </summary>
public sealed class UpdateMemberService(MemberRepository members)
{
    public async Task<ServiceResponse<MemberUser>> ExecuteAsync(MemberSource source, MemberManager actor, long userId, UpdateMemberParams p, CancellationToken ct)
    {
        if (!actor.CanManage) return Forbidden();
        var member = await members.FindOrNullAsync(source.Type, source.Id, userId, ct);
        if (member is null) return ServiceResponse<MemberUser>.Error("404 Member Not Found", ServiceErrorReason.NotFound);
        var level = (AccessLevel)p.AccessLevel!.Value;
        if (!actor.Admin && ((AccessLevel)member.AccessLevel > actor.Access || level > actor.Access)) return Forbidden();
        if (level < AccessLevel.Owner && await members.IsLastGroupOwnerAsync(source, member, ct))
            return ServiceResponse<MemberUser>.Error(RemoveMemberService.LastOwnerMessage, ServiceErrorReason.Forbidden);
        var keepExpiry = p.ExpiresAt is null;
        if (!await members.UpdateAsync(source, userId, level, keepExpiry, MemberRules.ParseDate(p.ExpiresAt), ct))
            return ServiceResponse<MemberUser>.Error("404 Member Not Found", ServiceErrorReason.NotFound);
        return ServiceResponse<MemberUser>.Ok((await members.FindUserOrNullAsync(source, userId, ct))!);
    }

    private static ServiceResponse<MemberUser> Forbidden() => ServiceResponse<MemberUser>.Error("403 Forbidden", ServiceErrorReason.Forbidden);
}
