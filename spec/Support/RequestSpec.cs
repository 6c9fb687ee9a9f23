using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using GitLabLite.Models.Users;
using GitLabLite.Repositories.Users;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabLite.Spec.Support;

/// <summary>Base for request specs: the shared app, a clean database per spec, and user/token factories.</summary>
public abstract class RequestSpec
{
    private static AppFactory? _factory;

    protected static AppFactory Factory => _factory ??= new AppFactory();

    protected static IServiceProvider Services => Factory.Services;

    /// <summary>False for classes that build their fixtures once (end-to-end specs) and clean in their ClassInitialize.</summary>
    protected virtual bool CleanDatabaseBeforeEachSpec => true;

    [TestInitialize]
    public async Task ResetDatabase()
    {
        if (CleanDatabaseBeforeEachSpec) await DatabaseCleaner.CleanAsync(Services);
    }

    public static void DisposeFactory()
    {
        _factory?.Dispose();
        _factory = null;
    }

    protected static HttpClient Client(string? token = null)
    {
        var client = Factory.CreateClient(new Microsoft.AspNetCore.Mvc.Testing.WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        if (token is not null) client.DefaultRequestHeaders.Add("PRIVATE-TOKEN", token);
        return client;
    }

    protected static HttpClient BasicClient(string password, string username = "anyone")
    {
        var client = Client();
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Basic",
            Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes($"{username}:{password}")));
        return client;
    }

    protected static T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    protected static async Task<User> CreateUserAsync(string username, bool admin = false, string password = "password-123456")
    {
        var hasher = Get<IPasswordHasher<User>>();
        var user = await Get<UserRepository>().CreateWithNamespaceAsync(username, $"{username}@example.com", username, hasher.HashPassword(new User(), password), admin, CancellationToken.None);
        return user ?? throw new InvalidOperationException($"user {username} exists");
    }

    /// <summary>A fresh token for <paramref name="user"/>; returns the token's plain value.</summary>
    protected static async Task<string> CreateTokenAsync(User user, string[]? scopes = null, DateTime? expiresAt = null)
    {
        var token = PersonalAccessToken.Generate();
        await Get<PersonalAccessTokenRepository>().CreateAsync(user.Id, "spec", PersonalAccessToken.Digest(token), scopes ?? [TokenScopes.Api],
            expiresAt is { } e ? DateOnly.FromDateTime(e) : null, CancellationToken.None);
        return token;
    }

    protected static async Task<(User User, string Token)> CreateUserWithTokenAsync(string username, bool admin = false, string[]? scopes = null)
    {
        var user = await CreateUserAsync(username, admin);
        return (user, await CreateTokenAsync(user, scopes));
    }

    protected static async Task<JsonElement> JsonAsync(HttpResponseMessage response) =>
        await response.Content.ReadFromJsonAsync<JsonElement>();
}
