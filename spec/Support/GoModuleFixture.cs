using System.Net;
using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Services.Projects;
using Microsoft.Extensions.DependencyInjection;

namespace GitLabLite.Spec.Support;

/// <summary>
/// A Go module to serve: a private project ns/&lt;name&gt; owned by an administrator, a working copy whose first commit
/// holds the module's go.mod (module gitlab.example.com/ns/&lt;name&gt;) and the given files, pushed, and go_proxy on.
/// </summary>
public sealed class GoModuleFixture : IDisposable
{
    private readonly IServiceProvider _services;

    private GoModuleFixture(IServiceProvider services, string token, Project project, GitFixture git)
    {
        _services = services;
        Token = token;
        Project = project;
        Git = git;
    }

    /// <summary>The administrator's api token.</summary>
    public string Token { get; }

    public Project Project { get; }

    public string ModulePath => $"gitlab.example.com/{Project.FullPath}";

    public GitFixture Git { get; }

    /// <summary>The commit the fixture started with.</summary>
    public string FirstCommit { get; private set; } = "";

    public string RepositoryPath => _services.GetRequiredService<RepositoryStorage>().PathFor(Project.FullPath);

    /// <summary>The proxy URL of <paramref name="file"/> (e.g. "@v/list", "@v/v1.0.0.zip") for this module.</summary>
    public string Url(string file) => $"/api/v4/projects/{Project.Id}/packages/go/{ModulePath}/{file}";

    public static async Task<GoModuleFixture> CreateAsync(IServiceProvider services, HttpClient admin, User owner, string token, string name,
        IReadOnlyDictionary<string, string?>? files = null, string? tag = "v1.0.0")
    {
        var group = await ProjectFactory.CreateGroupAsync(services, owner, "ns");
        var project = await ProjectFactory.CreateProjectAsync(services, owner, name, group);
        var fixture = new GoModuleFixture(services, token, project, await GitFixture.CreateAsync());
        fixture.FirstCommit = await fixture.Git.CommitAsync(new Dictionary<string, string?>(files ?? new Dictionary<string, string?>()) { ["go.mod"] = $"module {fixture.ModulePath}\n" });
        if (tag is not null) await fixture.Git.TagAsync(tag);
        await fixture.PushAsync();
        var enable = await admin.PostAsync("/api/v4/features/go_proxy?value=true", null);
        Assert.AreEqual(HttpStatusCode.Created, enable.StatusCode, await enable.Content.ReadAsStringAsync());
        return fixture;
    }

    /// <summary>
    /// Pushes every branch and tag of the working copy straight into the repository (no hooks: this is not a client's
    /// push), then tells the app as its own git endpoint does after a push.
    /// </summary>
    public async Task PushAsync()
    {
        await Git.PushToAsync(RepositoryPath);
        await NotifyRefsChangedAsync();
    }

    /// <summary>Tells every app process that the refs changed, after a change made straight in the repository.</summary>
    public Task NotifyRefsChangedAsync() => _services.GetRequiredService<RepositoryChangeNotifier>().NotifyRefsChangedAsync(Project.Id, CancellationToken.None);

    public void Dispose() => Git.Dispose();
}
