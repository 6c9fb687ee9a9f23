using System.Net;
using System.Text.RegularExpressions;
using GitLabLite.Models.Users;
using GitLabLite.Services.Users;
using GitLabLite.Spec.Support;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabLite.Spec.Requests.Web;

/// <summary>
/// Failed sign-ins are counted atomically per account and client address: a stranger locks only their own address
/// out of an account, guessing in parallel buys no extra checks, and an unknown login is answered as an account is.
/// </summary>
[TestClass]
public sealed partial class SignInLockoutSpec : RequestSpec
{
    private const string Password = "password-123456";

    [TestMethod]
    public async Task WrongPasswords_HundredAtOnce_CheckThePasswordExactlyFiveTimes()
    {
        var victim = await CreateUserAsync("victim");
        var hasher = new CountingHasher(victim.EncryptedPassword);
        using var app = Factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IPasswordHasher<User>>(hasher)));
        var forms = new List<(WebSession Session, string Token)>();
        for (var i = 0; i < 100; i++)
        {
            var session = new WebSession(app);
            forms.Add((session, await session.FormTokenAsync("/users/sign_in")));
        }

        var answers = await Task.WhenAll(forms.Select(f => SignInAsync(f.Session, f.Token, "victim", "wrong-password")));

        Assert.IsTrue(answers.All(a => a.Status == HttpStatusCode.Unauthorized), string.Join(", ", answers.Select(a => a.Status)));
        Assert.AreEqual(SignInService.MaxAttempts, hasher.Checks, "password checks of the victim's hash");
        Assert.AreEqual(100 - SignInService.MaxAttempts, answers.Count(a => a.Body.Contains("locked")));
        var right = new WebSession(app);
        var locked = await SignInAsync(right, await right.FormTokenAsync("/users/sign_in"), "victim", Password);
        Assert.AreEqual(HttpStatusCode.Unauthorized, locked.Status, "the right password from the locked-out address");
        Assert.AreEqual(SignInService.MaxAttempts, hasher.Checks, "a locked attempt checks nothing");
    }

    [TestMethod]
    public async Task LockedOutAddress_DoesNotLockTheOwnerOutElsewhere()
    {
        await CreateUserAsync("root2", admin: true);
        using var app = Factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, ClientAddressHeader>()));
        for (var i = 0; i < SignInService.MaxAttempts; i++)
            Assert.AreEqual(HttpStatusCode.Unauthorized, (await FromAsync(app, "203.0.113.7", "root2", "guess")).Status);
        var attacker = await FromAsync(app, "203.0.113.7", "root2", Password);
        Assert.AreEqual(HttpStatusCode.Unauthorized, attacker.Status);
        StringAssert.Contains(attacker.Body, "locked");
        Assert.AreEqual(HttpStatusCode.Redirect, (await FromAsync(app, "198.51.100.20", "root2", Password)).Status, "the owner from their own address");
        // Another host in the attacker's IPv6 /64 is the same client; another /64 is not.
        for (var i = 0; i < SignInService.MaxAttempts; i++) await FromAsync(app, "2001:db8:1:2::1", "root2", "guess");
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await FromAsync(app, "2001:db8:1:2::ffff", "root2", Password)).Status);
        Assert.AreEqual(HttpStatusCode.Redirect, (await FromAsync(app, "2001:db8:1:3::1", "root2", Password)).Status);
    }

    [TestMethod]
    public async Task UnknownLogin_IsAnsweredExactlyAsAnAccount()
    {
        await CreateUserAsync("victim");
        using var app = Factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, ClientAddressHeader>()));
        for (var i = 0; i <= SignInService.MaxAttempts; i++)
        {
            var known = await FromAsync(app, "192.0.2.1", "victim", "guess");
            var unknown = await FromAsync(app, "192.0.2.1", "nobody-here", "guess");
            Assert.AreEqual(known.Status, unknown.Status, $"attempt {i + 1}");
            Assert.AreEqual(Normalized(known.Body, "victim"), Normalized(unknown.Body, "nobody-here"), $"attempt {i + 1}");
        }
        StringAssert.Contains((await FromAsync(app, "192.0.2.1", "nobody-here", "guess")).Body, "locked");
    }

    [TestMethod]
    public async Task OneAddress_FailingAcrossManyAccounts_IsStoppedAfterItsTotal()
    {
        await CreateUserAsync("alice");
        using var app = Factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, ClientAddressHeader>()));
        for (var i = 0; i < SignInService.MaxAttemptsPerAddress; i++)
            Assert.AreEqual(HttpStatusCode.Unauthorized, (await FromAsync(app, "192.0.2.9", $"user{i}", "guess")).Status);
        var sprayer = await FromAsync(app, "192.0.2.9", "alice", Password);
        StringAssert.Contains(sprayer.Body, "locked");
        Assert.AreEqual(HttpStatusCode.Redirect, (await FromAsync(app, "192.0.2.10", "alice", Password)).Status);
    }

    [TestMethod]
    public async Task SuccessfulSignIns_FromOneAddress_AreNotCountedAgainstIt()
    {
        await CreateUserAsync("alice");
        using var app = Factory.WithWebHostBuilder(b => b.ConfigureServices(s => s.AddSingleton<IStartupFilter, ClientAddressHeader>()));
        for (var i = 0; i < SignInService.MaxAttemptsPerAddress + 5; i++)
            Assert.AreEqual(HttpStatusCode.Redirect, (await FromAsync(app, "192.0.2.50", "alice", Password)).Status, $"sign-in {i + 1} from a shared office address");
    }

    private static async Task<(HttpStatusCode Status, string Body)> FromAsync(WebApplicationFactory<Program> app, string address, string login, string password)
    {
        var session = new WebSession(app);
        session.Http.DefaultRequestHeaders.Add(ClientAddressHeader.Header, address);
        return await SignInAsync(session, await session.FormTokenAsync("/users/sign_in"), login, password);
    }

    private static async Task<(HttpStatusCode Status, string Body)> SignInAsync(WebSession session, string token, string login, string password)
    {
        var response = await session.Http.PostAsync("/users/sign_in", new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["login"] = login, ["password"] = password, ["__RequestVerificationToken"] = token,
        }));
        return (response.StatusCode, await response.Content.ReadAsStringAsync());
    }

    /// <summary>The page without what differs by design: the per-response anti-forgery tokens and the login typed back into the form.</summary>
    private static string Normalized(string html, string login) => Tokens().Replace(html, "").Replace($"value=\"{login}\"", "value=\"LOGIN\"");

    [GeneratedRegex("(name=\"__RequestVerificationToken\" type=\"hidden\" value=\"|<meta name=\"csrf-token\" content=\")[^\"]+\"")]
    private static partial Regex Tokens();

    /// <summary>The real hasher, counting how often one stored hash is verified.</summary>
    private sealed class CountingHasher(string counted) : IPasswordHasher<User>
    {
        private readonly PasswordHasher<User> _inner = new();
        private int _checks;

        public int Checks => Volatile.Read(ref _checks);

        public string HashPassword(User user, string password) => _inner.HashPassword(user, password);

        public PasswordVerificationResult VerifyHashedPassword(User user, string hashedPassword, string providedPassword)
        {
            if (hashedPassword == counted) Interlocked.Increment(ref _checks);
            return _inner.VerifyHashedPassword(user, hashedPassword, providedPassword);
        }
    }
}
