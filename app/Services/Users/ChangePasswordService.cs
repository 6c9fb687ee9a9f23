using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;
using Microsoft.AspNetCore.Identity;

namespace GitLabLite.Services.Users;

/// <summary>
/// A user changes their own password (GitLab's Users::UpdateService from the password page): the current password
/// first, then the new one, and every session of the user ends, this one included, so whoever else held a session
/// (the reason to change a password) is out, and the user signs in again as GitLab asks.
/// </summary>
public sealed class ChangePasswordService(UserRepository users, IPasswordHasher<User> hasher, RevokeUserSessionsService revokeSessions)
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    public async Task<ServiceResponse<User>> ExecuteAsync(User user, string? currentPassword, string? password, string? confirmation, CancellationToken ct)
    {
        if (string.IsNullOrEmpty(currentPassword)
            || hasher.VerifyHashedPassword(user, user.EncryptedPassword, currentPassword) == PasswordVerificationResult.Failed)
            return Error("You must provide a valid current password.");
        if (password is null || password.Length is < MinLength or > MaxLength)
            return Error($"Password must be between {MinLength} and {MaxLength} characters.");
        if (password != confirmation) return Error("Password confirmation doesn't match Password.");
        await users.UpdatePasswordAsync(user.Id, hasher.HashPassword(user, password), ct);
        await revokeSessions.ExecuteAsync(user.Id, ct);
        return ServiceResponse<User>.Ok(user);
    }

    private static ServiceResponse<User> Error(string message) => ServiceResponse<User>.Error(message, ServiceErrorReason.BadRequest);
}
