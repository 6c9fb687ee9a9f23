using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;

namespace GitLabLite.Services.Users;

/// <summary>
/// An admin blocks, unblocks, deactivates or activates a user (GitLab's Users::BlockService and friends, with the
/// API's rules and messages). The payload is GitLab's answer body: true when the state changed, false when the
/// transition did not apply, null when the user already was in the target state. Blocking and deactivating end the
/// user's web sessions at once; their tokens stay but are refused while the user is not active (the API and the Go
/// proxy answer 403 with the reason, git 401), and work again after unblock or activate.
/// </summary>
public sealed class UserStateService(UserRepository users, RevokeUserSessionsService sessions, TimeProvider clock)
{
    private static readonly string[] ActiveOrDeactivated = [User.StateActive, User.StateDeactivated];

    public async Task<ServiceResponse<bool?>> BlockAsync(User actor, User user, CancellationToken ct)
    {
        if (user.Id == actor.Id) return Forbidden("The API initiating user cannot be blocked by the API");
        if (user.Blocked) return Unchanged();
        return await ChangeAsync(user, ActiveOrDeactivated, User.StateBlocked, endSessions: true, ct);
    }

    public async Task<ServiceResponse<bool?>> UnblockAsync(User user, CancellationToken ct)
    {
        if (user.Deactivated) return Forbidden("Deactivated users cannot be unblocked by the API");
        return await ChangeAsync(user, [User.StateBlocked], User.StateActive, endSessions: false, ct);
    }

    public async Task<ServiceResponse<bool?>> DeactivateAsync(User user, CancellationToken ct)
    {
        if (user.Blocked) return Forbidden("A blocked user cannot be deactivated by the API");
        if (user.Deactivated) return Unchanged();
        if (!user.Dormant(clock.GetUtcNow().UtcDateTime))
            return Forbidden($"The user you are trying to deactivate has been active in the past {User.MinimumInactiveDays} days and cannot be deactivated");
        return await ChangeAsync(user, [User.StateActive], User.StateDeactivated, endSessions: true, ct);
    }

    public async Task<ServiceResponse<bool?>> ActivateAsync(User user, CancellationToken ct)
    {
        if (user.Blocked) return Forbidden("A blocked user must be unblocked to be activated");
        return await ChangeAsync(user, [User.StateDeactivated], User.StateActive, endSessions: false, ct);
    }

    private async Task<ServiceResponse<bool?>> ChangeAsync(User user, string[] from, string to, bool endSessions, CancellationToken ct)
    {
        var changed = await users.ChangeStateAsync(user.Id, from, to, ct);
        if (changed && endSessions) await sessions.ExecuteAsync(user.Id, ct);
        return ServiceResponse<bool?>.Ok(changed);
    }

    private static ServiceResponse<bool?> Unchanged() => ServiceResponse<bool?>.Ok(null);

    private static ServiceResponse<bool?> Forbidden(string reason) => ServiceResponse<bool?>.Error($"403 Forbidden - {reason}", ServiceErrorReason.Forbidden);
}
