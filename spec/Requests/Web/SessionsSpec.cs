using System.Net;
using Dapper;
using GitLabLite.Services.Users;
using GitLabLite.Spec.Support;
using Npgsql;

namespace GitLabLite.Spec.Requests.Web;

/// <summary>
/// Web sessions live in Postgres: a cookie is only as good as its row, which sign-out, a password change, a block or
/// <see cref="RevokeUserSessionsService"/> removes, and which idles out or reaches its absolute lifetime.
/// </summary>
[TestClass]
public sealed class SessionsSpec : RequestSpec
{
    private const string Password = "password-123456";

    [TestMethod]
    public async Task SignOut_ThenTheOldCookieReplayed_IsSignedOutForPagesAndApi()
    {
        await CreateUserAsync("alice");
        var browser = await WebSession.SignInAsync(Factory, "alice", Password);
        var copied = Replay(browser);
        Assert.IsTrue(await SignedInAsync(copied), "a copied live cookie works, as a browser's does");

        var signOut = await browser.PostFormAsync("/-/user_settings/personal_access_tokens", "/users/sign_out", []);
        Assert.AreEqual(HttpStatusCode.Redirect, signOut.StatusCode);

        Assert.IsFalse(await SignedInAsync(copied), "the signed-out session's cookie still signs in");
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await copied.Http.GetAsync("/api/v4/user")).StatusCode);
        Assert.AreEqual(0, await SessionCountAsync());
    }

    [TestMethod]
    public async Task PasswordChange_EndsEverySessionOfTheUser_AndOnlyTheNewPasswordSignsIn()
    {
        await CreateUserAsync("alice");
        await CreateUserAsync("bob");
        var laptop = await WebSession.SignInAsync(Factory, "alice", Password);
        var phone = await WebSession.SignInAsync(Factory, "alice", Password);
        var bob = await WebSession.SignInAsync(Factory, "bob", Password);

        var wrong = await laptop.PostFormAsync("/-/user_settings/password/edit", "/-/user_settings/password",
            new() { ["current_password"] = "not-it", ["password"] = "new-password-789", ["password_confirmation"] = "new-password-789" });
        Assert.AreEqual(HttpStatusCode.UnprocessableEntity, wrong.StatusCode);
        StringAssert.Contains(await wrong.Content.ReadAsStringAsync(), "valid current password");
        Assert.IsTrue(await SignedInAsync(phone), "a refused change ends nothing");

        var changed = await laptop.PostFormAsync("/-/user_settings/password/edit", "/-/user_settings/password",
            new() { ["current_password"] = Password, ["password"] = "new-password-789", ["password_confirmation"] = "new-password-789" });
        Assert.AreEqual(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.AreEqual("/users/sign_in", changed.Headers.Location?.OriginalString);

        Assert.IsFalse(await SignedInAsync(laptop), "the session that changed it");
        Assert.IsFalse(await SignedInAsync(phone), "the other session");
        Assert.IsTrue(await SignedInAsync(bob), "another user's session");
        var old = await new WebSession(Factory).PostFormAsync("/users/sign_in", "/users/sign_in", new() { ["login"] = "alice", ["password"] = Password });
        Assert.AreEqual(HttpStatusCode.Unauthorized, old.StatusCode);
        Assert.IsTrue(await SignedInAsync(await WebSession.SignInAsync(Factory, "alice", "new-password-789")));
    }

    [TestMethod]
    public async Task RevokeUserSessionsService_EndsThatUsersSessionsOnly()
    {
        var alice = await CreateUserAsync("alice");
        await CreateUserAsync("bob");
        var aliceBrowser = await WebSession.SignInAsync(Factory, "alice", Password);
        var bobBrowser = await WebSession.SignInAsync(Factory, "bob", Password);

        Assert.AreEqual(1, await Get<RevokeUserSessionsService>().ExecuteAsync(alice.Id, CancellationToken.None));

        Assert.IsFalse(await SignedInAsync(aliceBrowser));
        Assert.IsTrue(await SignedInAsync(bobBrowser));
    }

    [TestMethod]
    public async Task Session_OfABlockedUser_IsRejected()
    {
        await CreateUserAsync("alice");
        var browser = await WebSession.SignInAsync(Factory, "alice", Password);
        await ExecuteAsync("UPDATE users SET state = 'blocked' WHERE username = 'alice'");
        Assert.IsFalse(await SignedInAsync(browser));
        Assert.AreEqual(HttpStatusCode.Unauthorized, (await browser.Http.GetAsync("/api/v4/user")).StatusCode);
    }

    [TestMethod]
    [DataRow("last_activity_at", 7 * 24 * 60, DisplayName = "idle past GitLab:Sessions:IdleMinutes")]
    [DataRow("created_at", 30 * 24 * 60, DisplayName = "older than GitLab:Sessions:AbsoluteMinutes")]
    public async Task Session_PastItsLifetime_IsRejected(string column, int minutes)
    {
        await CreateUserAsync("alice");
        var browser = await WebSession.SignInAsync(Factory, "alice", Password);
        // A minute short of the limit still counts as alive; the limit itself does not.
        await ExecuteAsync($"UPDATE user_sessions SET {column} = now() - interval '{minutes - 1} minutes'");
        Assert.IsTrue(await SignedInAsync(browser), "just inside the lifetime");
        await ExecuteAsync($"UPDATE user_sessions SET {column} = now() - interval '{minutes} minutes'");
        Assert.IsFalse(await SignedInAsync(browser), "past the lifetime");
    }

    [TestMethod]
    public async Task Session_InUse_RecordsItsActivity()
    {
        await CreateUserAsync("alice");
        var browser = await WebSession.SignInAsync(Factory, "alice", Password);
        await ExecuteAsync("UPDATE user_sessions SET last_activity_at = now() - interval '1 day'");
        Assert.IsTrue(await SignedInAsync(browser));
        await using var conn = await Get<NpgsqlDataSource>().OpenConnectionAsync();
        var idle = await conn.ExecuteScalarAsync<double>("SELECT extract(epoch FROM now() - last_activity_at) FROM user_sessions");
        Assert.IsTrue(idle < 60, $"last_activity_at is {idle} s old after a request");
    }

    /// <summary>Another browser holding a copy of <paramref name="session"/>'s cookies.</summary>
    private static WebSession Replay(WebSession session)
    {
        var copy = new WebSession(Factory);
        copy.Cookies.Add(session.Cookies.GetAllCookies());
        return copy;
    }

    /// <summary>Whether the session reaches a page that needs a signed-in user (else it is sent to sign in).</summary>
    private static async Task<bool> SignedInAsync(WebSession session)
    {
        var response = await session.Http.GetAsync("/-/user_settings/personal_access_tokens");
        Assert.IsTrue(response.StatusCode is HttpStatusCode.OK or HttpStatusCode.Redirect, response.StatusCode.ToString());
        return response.StatusCode == HttpStatusCode.OK;
    }

    private static async Task<long> SessionCountAsync()
    {
        await using var conn = await Get<NpgsqlDataSource>().OpenConnectionAsync();
        return await conn.ExecuteScalarAsync<long>("SELECT count(*) FROM user_sessions");
    }

    private static async Task ExecuteAsync(string sql)
    {
        await using var conn = await Get<NpgsqlDataSource>().OpenConnectionAsync();
        await conn.ExecuteAsync(sql);
    }
}
