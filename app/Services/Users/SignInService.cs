using System.Net;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;
using Microsoft.AspNetCore.Identity;

namespace GitLabLite.Services.Users;

/// <summary>
/// Password sign-in for the web session (Devise's database_authenticatable, with lockable's numbers). Failures are
/// counted per account and client address: after <see cref="MaxAttempts"/> from one address, that address may not
/// try the account for <see cref="LockFor"/>, while the owner signs in from anywhere else; and one address may fail
/// <see cref="MaxAttemptsPerAddress"/> times in all, across accounts, in that time (password spraying). Each attempt
/// is claimed atomically before the password is checked, so concurrent guesses get exactly that many checks. Unknown
/// logins are counted and answered exactly as accounts are, so sign-in reveals nothing about who has an account.
/// </summary>
public sealed class SignInService(UserRepository users, SignInAttemptRepository attempts, UserActivityService activity, IPasswordHasher<User> hasher, AuthMetrics metrics)
{
    public const int MaxAttempts = 5;
    public const int MaxAttemptsPerAddress = 30;
    public static readonly TimeSpan LockFor = TimeSpan.FromMinutes(10);
    public const string InvalidMessage = "Invalid login or password.";
    public const string LockedMessage = "Sign-in is locked after too many failed attempts. Try again in 10 minutes.";
    public const string BlockedMessage = "Your account has been blocked. Please contact your GitLab administrator if you think this is an error.";
    public const string ReactivatedMessage = "Welcome back! Your account had been deactivated due to inactivity but is now reactivated.";

    // The address's own total across accounts.
    private const string AddressKey = "*";

    // Verifying against a fixed hash when the login is unknown keeps both failures equally slow.
    private static readonly string DummyHash = new PasswordHasher<User>().HashPassword(new User(), "not-a-password");

    public async Task<ServiceResponse<User>> ExecuteAsync(string? login, string? password, IPAddress? client, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(login) || string.IsNullOrEmpty(password)) return Invalid();
        var user = await users.FindByLoginOrNullAsync(login.Trim(), ct);
        var accountKey = user is null ? $"login:{login.Trim().ToLowerInvariant()}" : $"user:{user.Id}";
        var clientKey = ClientKey(client);
        if (!await attempts.TryClaimAsync(AddressKey, clientKey, MaxAttemptsPerAddress, LockFor, ct)
            || !await attempts.TryClaimAsync(accountKey, clientKey, MaxAttempts, LockFor, ct))
            return ServiceResponse<User>.Error(LockedMessage, ServiceErrorReason.Forbidden);
        if (user is null)
        {
            hasher.VerifyHashedPassword(new User(), DummyHash, password);
            metrics.PasswordFailure();
            return Invalid();
        }
        if (hasher.VerifyHashedPassword(user, user.EncryptedPassword, password) == PasswordVerificationResult.Failed)
        {
            metrics.PasswordFailure();
            return Invalid();
        }
        await attempts.SucceededAsync(accountKey, AddressKey, clientKey, ct);
        // Only the right password learns that the account is blocked (Devise's inactive_message), as in GitLab.
        if (user.Blocked) return ServiceResponse<User>.Error(BlockedMessage, ServiceErrorReason.Forbidden);
        await activity.RecordAsync(user, ct);
        if (!user.Deactivated) return ServiceResponse<User>.Ok(user);
        // A deactivated user who signs in is active again (GitLab: "log back in from a web browser to reactivate").
        if (!await users.ChangeStateAsync(user.Id, [User.StateDeactivated], User.StateActive, ct))
            return ServiceResponse<User>.Error(BlockedMessage, ServiceErrorReason.Forbidden);
        return new ServiceResponse<User>(user with { State = User.StateActive }, ReactivatedMessage, ServiceErrorReason.None);
    }

    /// <summary>The address, IPv6 by its /64: one host gets a whole /64, and rotating within it must not buy new attempts.</summary>
    public static string ClientKey(IPAddress? address)
    {
        if (address is null) return "";
        if (address.IsIPv4MappedToIPv6) address = address.MapToIPv4();
        if (address.AddressFamily != System.Net.Sockets.AddressFamily.InterNetworkV6) return address.ToString();
        var bytes = address.GetAddressBytes();
        Array.Clear(bytes, 8, 8);
        return $"{new IPAddress(bytes)}/64";
    }

    private static ServiceResponse<User> Invalid() => ServiceResponse<User>.Error(InvalidMessage, ServiceErrorReason.Unauthorized);
}
