namespace GitLabLite.Presenters.Web;

/// <summary>The sign-in form's values when it is shown again (never the password).</summary>
public sealed record SignInForm(string? Login, string? ReturnUrl);
