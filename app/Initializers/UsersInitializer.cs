using GitLabLite.Controllers.Concerns;
using GitLabLite.Finders.Users;
using GitLabLite.Models.Users;
using GitLabLite.Presenters.Users;
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
        services.AddSingleton<DeployTokenRepository>();
        services.AddSingleton<CreateDeployTokenService>();
        services.AddSingleton<RevokeDeployTokenService>();
        services.AddSingleton<DeployTokensFinder>();
        services.AddSingleton<DeployTokenPresenter>();
        services.AddSingleton<UserSessionRepository>();
        services.AddSingleton<SignInAttemptRepository>();
        services.AddSingleton<RevokeUserSessionsService>();
        services.AddSingleton<UserSessionService>();
        services.AddSingleton<ChangePasswordService>();
        services.AddSingleton<TokenAuthenticator>();
        services.AddSingleton<UserActivityService>();
        services.AddSingleton<RequestAuthenticator>();
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<RootSeeder>();
        services.AddSingleton<UsersFinder>();
        services.AddSingleton<PersonalAccessTokensFinder>();
        services.AddSingleton<ProfileFinder>();
        services.AddSingleton<CreateUserService>();
        services.AddSingleton<CreatePersonalAccessTokenService>();
        services.AddSingleton<RevokePersonalAccessTokenService>();
        services.AddSingleton<SignInService>();
        services.AddSingleton<AuthMetrics>();
        services.AddSingleton<UserStateService>();
        services.AddSingleton<DestroyUserService>();
        services.AddSingleton<UserPresenter>();
        services.AddSingleton<PersonalAccessTokenPresenter>();
        return services;
    }
}
