using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;

namespace GitLabLite.Spec.Support;

/// <summary>A browser-like client of the in-process app: keeps cookies, reads anti-forgery tokens from forms, signs in.</summary>
public sealed partial class WebSession
{
    /// <param name="baseAddress">http://localhost by default; an https:// address makes the app see HTTPS requests.</param>
    public WebSession(WebApplicationFactory<Program> factory, Uri? baseAddress = null)
    {
        // Redirects are not followed: specs assert them.
        Http = factory.CreateDefaultClient(baseAddress ?? new Uri("http://localhost"), new CookieContainerHandler(Cookies));
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
        var body = new List<KeyValuePair<string, string>>(fields) { new("__RequestVerificationToken", await FormTokenAsync(formPage)) };
        return await Http.PostAsync(action, new FormUrlEncodedContent(body));
    }

    /// <summary>The anti-forgery token of the form on <paramref name="formPage"/> (its cookie is now in <see cref="Cookies"/>).</summary>
    public async Task<string> FormTokenAsync(string formPage)
    {
        var token = AntiforgeryToken().Match(await Http.GetStringAsync(formPage));
        Assert.IsTrue(token.Success, $"no anti-forgery token on {formPage}");
        return WebUtility.HtmlDecode(token.Groups[1].Value);
    }

    /// <summary>The CSRF token a page embeds for scripts (meta csrf-token), which they send as X-CSRF-Token.</summary>
    public async Task<string> CsrfTokenAsync(string page = "/")
    {
        var match = CsrfMeta().Match(await Http.GetStringAsync(page));
        Assert.IsTrue(match.Success, $"no csrf-token meta tag on {page}");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\">")]
    private static partial Regex CsrfMeta();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex AntiforgeryToken();
}
