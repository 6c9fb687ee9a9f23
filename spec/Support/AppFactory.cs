using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;

namespace GitLabLite.Spec.Support;

/// <summary>
/// The app in-process against the real Postgres that bin/test starts (ConnectionStrings__Main). One instance
/// serves the whole run; <see cref="DatabaseCleaner"/> resets the tables between specs.
/// </summary>
public sealed class AppFactory : WebApplicationFactory<Program>
{
    public const string ExternalUrl = "http://gitlab.example.com";

    public AppFactory()
    {
        if (string.IsNullOrEmpty(Environment.GetEnvironmentVariable("ConnectionStrings__Main")))
            throw new InvalidOperationException("ConnectionStrings__Main is not set: run the specs through bin/test, which starts Postgres.");
        RepositoriesPath = Path.Combine(Path.GetTempPath(), $"gitlablite-spec-{Environment.ProcessId}", "repositories");
        Directory.CreateDirectory(RepositoriesPath);
        // Environment variables reach Program's builder before it reads its settings.
        Environment.SetEnvironmentVariable("GitLab__Url", ExternalUrl);
        Environment.SetEnvironmentVariable("GitLab__RepositoriesPath", RepositoriesPath);
    }

    public string RepositoriesPath { get; }

    protected override void ConfigureWebHost(IWebHostBuilder builder) => builder.UseEnvironment("Test");
}
