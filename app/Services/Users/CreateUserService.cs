using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;
using Microsoft.AspNetCore.Identity;

namespace GitLabLite.Services.Users;

/// <summary>Creates a user with its personal namespace (Users::CreateService); the caller has checked admin rights and input.</summary>
public sealed class CreateUserService(UserRepository users, IPasswordHasher<User> hasher)
{
    public async Task<ServiceResponse<User>> ExecuteAsync(string username, string email, string name, string password, bool admin, CancellationToken ct)
    {
        var user = await users.CreateWithNamespaceAsync(username, email, name, hasher.HashPassword(new User(), password), admin, ct);
        if (user is not null) return ServiceResponse<User>.Ok(user);
        // GitLab checks the email first; anything else that collided is the username or a group owning that path.
        return await users.EmailTakenAsync(email, ct)
            ? ServiceResponse<User>.Error("Email has already been taken", ServiceErrorReason.Conflict)
            : ServiceResponse<User>.Error("Username has already been taken", ServiceErrorReason.Conflict);
    }
}
