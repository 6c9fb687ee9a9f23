using GitLabLite.Models.Projects;
using GitLabLite.Repositories.Projects;

namespace GitLabLite.Services.Projects;

/// <summary>Removes a direct membership (GitLab's Members::DestroyService): Maintainers manage others, anyone may leave.</summary>
public sealed class RemoveMemberService(MemberRepository members)
{
    public async Task<ServiceResponse<bool>> ExecuteAsync(MemberSource source, long actorId, AccessLevel actorAccess, bool actorAdmin, long userId, CancellationToken ct)
    {
        var self = actorId == userId;
        if (!self && !actorAdmin && actorAccess < AccessLevel.Maintainer)
            return ServiceResponse<bool>.Error("403 Forbidden", ServiceErrorReason.Forbidden);
        var member = await members.FindOrNullAsync(source.Type, source.Id, userId, ct);
        if (member is null) return ServiceResponse<bool>.Error("404 Member Not Found", ServiceErrorReason.NotFound);
        // Only Owners (and admins) remove Owners.
        if (!self && !actorAdmin && (AccessLevel)member.AccessLevel > actorAccess)
            return ServiceResponse<bool>.Error("403 Forbidden", ServiceErrorReason.Forbidden);
        await members.DeleteAsync(source.Type, source.Id, userId, ct);
        return ServiceResponse<bool>.Ok(true);
    }
}
