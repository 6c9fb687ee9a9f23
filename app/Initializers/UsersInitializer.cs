using GitLabLite.Controllers.Concerns;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;
using GitLabLite.Services.Users;
using Microsoft.AspNetCore.Identity;

namespace GitLabLite.Initializers;

public static class UsersInitializer
{
    public static IServiceCollection AddUsers(this IServiceCollection services)
    {
        services.AddSingleton<UserRepository>();
        services.AddSingleton<PersonalAccessTokenRepository>();
        services.AddSingleton<TokenAuthenticator>();
        services.AddSingleton<RequestAuthenticator>();
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<RootSeeder>();
        return services;
    }
}
