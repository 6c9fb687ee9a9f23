using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;
using Microsoft.AspNetCore.Identity;

namespace GitLabLite.Services.Users;

/// <summary>
/// Password sign-in for the web session (Devise's database_authenticatable + lockable): username or email, and
/// after <see cref="MaxAttempts"/> failures in a row the account is locked for <see cref="LockFor"/>.
/// Unknown logins and wrong passwords get the same answer, so sign-in does not reveal who has an account.
/// </summary>
public sealed class SignInService(UserRepository users, UserActivityService activity, IPasswordHasher<User> hasher, TimeProvider clock, AuthMetrics metrics)
{
    public const int MaxAttempts = 5;
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(10);
    public const string InvalidMessage = "Invalid login or password.";
    public const string LockedMessage = "Your account is locked. Try again in 10 minutes.";
    public const string BlockedMessage = "Your account has been blocked. Please contact your GitLab administrator if you think this is an error.";
    public const string ReactivatedMessage = "Welcome back! Your account had been deactivated due to inactivity but is now reactivated.";

    // Verifying against a fixed hash when the login is unknown keeps both failures equally slow.
    private static readonly string DummyHash = new PasswordHasher<User>().HashPassword(new User(), "not-a-password");

    public async Task<ServiceResponse<User>> ExecuteAsync(string? login, string? password, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(login) || string.IsNullOrEmpty(password)) return Invalid();
        var user = await users.FindByLoginOrNullAsync(login.Trim(), ct);
        if (user is null)
        {
            hasher.VerifyHashedPassword(new User(), DummyHash, password);
            metrics.PasswordFailure();
            return Invalid();
        }
        var now = clock.GetUtcNow().UtcDateTime;
        if (user.LockedUntil is { } until)
        {
            if (until > now) return ServiceResponse<User>.Error(LockedMessage, ServiceErrorReason.Forbidden);
            // The lock has run out: the count starts over, as Devise's unlock_strategy :time does.
            await users.ResetFailedSignInAsync(user.Id, ct);
        }
        if (hasher.VerifyHashedPassword(user, user.EncryptedPassword, password) == PasswordVerificationResult.Failed)
        {
            await users.RecordFailedSignInAsync(user.Id, MaxAttempts, LockFor, ct);
            metrics.PasswordFailure();
            return Invalid();
        }
        if (user.FailedAttempts > 0) await users.ResetFailedSignInAsync(user.Id, ct);
        // Only the right password learns that the account is blocked (Devise's inactive_message), as in GitLab.
        if (user.Blocked) return ServiceResponse<User>.Error(BlockedMessage, ServiceErrorReason.Forbidden);
        await activity.RecordAsync(user, ct);
        if (!user.Deactivated) return ServiceResponse<User>.Ok(user);
        // A deactivated user who signs in is active again (GitLab: "log back in from a web browser to reactivate").
        if (!await users.ChangeStateAsync(user.Id, [User.StateDeactivated], User.StateActive, ct))
            return ServiceResponse<User>.Error(BlockedMessage, ServiceErrorReason.Forbidden);
        return new ServiceResponse<User>(user with { State = User.StateActive }, ReactivatedMessage, ServiceErrorReason.None);
    }

    private static ServiceResponse<User> Invalid() => ServiceResponse<User>.Error(InvalidMessage, ServiceErrorReason.Unauthorized);
}
