using System.Net;
using System.Text.RegularExpressions;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GitLabLite.Spec.Support;

/// <summary>A browser-like client of the in-process app: keeps cookies, reads anti-forgery tokens from forms, signs in.</summary>
public sealed partial class WebSession(WebApplicationFactory<Program> factory)
{
    public HttpClient Http { get; } = factory.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

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
