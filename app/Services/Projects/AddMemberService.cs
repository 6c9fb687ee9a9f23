using GitLabLite.Models.Projects;
using GitLabLite.Params;
using GitLabLite.Repositories.Projects;
using GitLabLite.Repositories.Users;

namespace GitLabLite.Services.Projects;

/// <summary>Adds a user to a project or group (GitLab's Members::CreateService).</summary>
public sealed class AddMemberService(MemberRepository members, UserRepository users)
{
    /// <param name="actorAccess">The caller's effective level on the source; Maintainer or more may add members.</param>
    public async Task<ServiceResponse<MemberUser>> ExecuteAsync(MemberSource source, AccessLevel actorAccess, bool actorAdmin, AddMemberParams p, CancellationToken ct)
    {
        if (!actorAdmin && actorAccess < AccessLevel.Maintainer)
            return ServiceResponse<MemberUser>.Error("403 Forbidden", ServiceErrorReason.Forbidden);
        var level = (AccessLevel)p.AccessLevel!.Value;
        // As GitLab: a Maintainer cannot hand out more than they have (no Owners made by Maintainers).
        if (!actorAdmin && level > actorAccess)
            return ServiceResponse<MemberUser>.Error("403 Forbidden", ServiceErrorReason.Forbidden);
        var user = await users.FindOrNullAsync(p.UserId!.Value, ct);
        if (user is null) return ServiceResponse<MemberUser>.Error("404 User Not Found", ServiceErrorReason.NotFound);
        var created = await members.CreateAsync(source.Type, source.Id, user.Id, level, p.ExpiresOn, ct);
        if (created is null) return ServiceResponse<MemberUser>.Error("Member already exists", ServiceErrorReason.Conflict);
        var shown = await members.FindUserOrNullAsync(source, user.Id, ct);
        return ServiceResponse<MemberUser>.Ok(shown!);
    }
}
