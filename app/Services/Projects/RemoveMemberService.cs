using GitLabLite.Models.Projects;
using GitLabLite.Repositories.Projects;

namespace GitLabLite.Services.Projects;

/// <summary>
/// Removes a direct membership (GitLab's Members::DestroyService): those who manage members remove others up to
/// their own level (only Owners remove Owners), anyone may leave, and a group keeps at least one Owner.
/// </summary>
public sealed class RemoveMemberService(MemberRepository members)
{
    public const string LastOwnerMessage = "403 Forbidden - a group needs at least one Owner";

    public async Task<ServiceResponse<bool>> ExecuteAsync(MemberSource source, long actorId, MemberManager actor, long userId, CancellationToken ct)
    {
        var self = actorId == userId;
        if (!self && !actor.CanManage) return Forbidden();
        var member = await members.FindOrNullAsync(source.Type, source.Id, userId, ct);
        if (member is null) return ServiceResponse<bool>.Error("404 Member Not Found", ServiceErrorReason.NotFound);
        if (!self && !actor.Admin && (AccessLevel)member.AccessLevel > actor.Access) return Forbidden();
        if (await members.IsLastGroupOwnerAsync(source, member, ct))
            return ServiceResponse<bool>.Error(LastOwnerMessage, ServiceErrorReason.Forbidden);
        await members.DeleteAsync(source.Type, source.Id, userId, ct);
        return ServiceResponse<bool>.Ok(true);
    }

    private static ServiceResponse<bool> Forbidden() => ServiceResponse<bool>.Error("403 Forbidden", ServiceErrorReason.Forbidden);
}
