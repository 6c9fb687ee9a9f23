using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace GitLabLite.Spec.Support;

/// <summary>A browser-like client of the in-process app: keeps cookies, reads anti-forgery tokens from forms, signs in.</summary>
public sealed partial class WebSession
{
    public WebSession(WebApplicationFactory<Program> factory)
    {
        // Redirects are not followed: specs assert them.
        Http = factory.CreateDefaultClient(new Uri("http://localhost"), new CookieContainerHandler(Cookies));
    }

    public HttpClient Http { get; }

    /// <summary>The browser's cookie jar, so a spec can replay a session cookie as an attacker who copied it would.</summary>
    public CookieContainer Cookies { get; } = new();

    public static async Task<WebSession> SignInAsync(WebApplicationFactory<Program> factory, string login, string password)
    {
        var session = new WebSession(factory);
        var response = await session.PostFormAsync("/users/sign_in", "/users/sign_in", new() { ["login"] = login, ["password"] = password });
        Assert.AreEqual(HttpStatusCode.Redirect, response.StatusCode, $"sign in as {login}: {await response.Content.ReadAsStringAsync()}");
        return session;
    }

    /// <summary>GETs <paramref name="formPage"/> for its anti-forgery token, then POSTs the fields with it.</summary>
    public async Task<HttpResponseMessage> PostFormAsync(string formPage, string action, Dictionary<string, string> fields)
    {
        var page = await Http.GetStringAsync(formPage);
        var token = AntiforgeryToken().Match(page);
        Assert.IsTrue(token.Success, $"no anti-forgery token on {formPage}");
        var body = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", WebUtility.HtmlDecode(token.Groups[1].Value)) };
        return await Http.PostAsync(action, new FormUrlEncodedContent(body));
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
