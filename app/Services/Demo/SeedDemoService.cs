using System.Security.Cryptography;
using System.Text;
using GitLabLite.Git;
using GitLabLite.Initializers;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Params;
using GitLabLite.Repositories.Projects;
using GitLabLite.Repositories.Users;
using GitLabLite.Services.Features;
using GitLabLite.Services.Projects;
using GitLabLite.Services.Users;

namespace GitLabLite.Services.Demo;

/// <summary>
/// The data `bin/run --demo` seeds (command `seed-demo`): a private group `demo` with two private projects whose Go
/// modules import each other, go_proxy enabled for both, and a Developer `demo-developer` whose read_api token has the
/// value the caller chose (bin/run keeps it in tmp/demo_token, so the lines it prints work on every start). It goes
/// through the services the API uses and looks before it creates, so a later run creates nothing new; it refuses to
/// touch a `demo` namespace it did not make. Files come from db/fixtures/demo with the fixtures' module host replaced
/// by this instance's module prefix; authors and times are fixed, so the commits are the same on every run.
/// </summary>
public sealed class SeedDemoService(
    UserRepository users, PersonalAccessTokenRepository tokens, NamespaceRepository namespaces, ProjectRepository projects,
    CreateUserService createUser, CreateGroupService createGroup, CreateProjectService createProject, AddMemberService addMember,
    SetFeatureService setFeature, RepositoryStorage storage, InstanceSettings settings, ILogger<SeedDemoService> logger)
{
    private const string GroupPath = "demo";
    private const string Username = "demo-developer";

    /// <summary>Starts every description of demo data, so the pages show what it is (and the seeder recognises its group).</summary>
    public const string Label = "Demo data from bin/run --demo";

    /// <summary>The module host the fixture files are written with (a reserved name, so they build and vet as they are).</summary>
    private const string FixtureHost = "gitlab.example.com";

    private static readonly GitSignature Author = new("Demo Developer", "demo-developer@example.com", DateTimeOffset.UnixEpoch);

    private static readonly DemoProject[] Projects =
    [
        new("words", "a Go module at the repository root (v1.0.0, v1.1.0) imported by demo/greeter, and the sub-directory module hello (hello/v1.0.0), a command that imports demo/greeter", [
            new("v1.0.0", "words: List", At("2025-01-06T09:00:00Z"), ["v1.0.0"]),
            new("v1.1.0", "words: Count, and the hello command in its own module", At("2025-02-03T09:00:00Z"), ["v1.1.0", "hello/v1.0.0"]),
        ]),
        new("greeter", "a Go module (v1.0.0, v1.1.0) that imports demo/words", [
            new("v1.0.0", "greeter: Greet", At("2025-01-13T09:00:00Z"), ["v1.0.0"]),
            new("v1.1.0", "greeter: Hello, world! for nobody, and demo/words v1.1.0", At("2025-02-03T10:00:00Z"), ["v1.1.0"]),
        ]),
    ];

    private static string FixturesPath => Path.Combine(AppContext.BaseDirectory, "db", "fixtures", "demo");

    /// <param name="token">The demo developer's read_api token; a new glpat- value, or the one an earlier run stored.</param>
    public async Task<ServiceResponse<bool>> ExecuteAsync(string token, CancellationToken ct)
    {
        if (!token.StartsWith(PersonalAccessToken.Prefix, StringComparison.Ordinal) || token.Length < PersonalAccessToken.Prefix.Length + 20)
            return Error($"the demo token must be {PersonalAccessToken.Prefix} followed by at least 20 characters");
        if (await users.FindByUsernameOrNullAsync("root", ct) is not { } root)
            return Error("user root does not exist yet: run the migrate command first");
        var asRoot = new AuthenticationResult(AuthenticationStatus.Authenticated, root, null);

        var group = await namespaces.FindByFullPathOrNullAsync(GroupPath, ct);
        if (group is null)
        {
            var created = await createGroup.ExecuteAsync(new CreateGroupParams
            {
                Name = "Demo", Path = GroupPath, Visibility = "private",
                Description = $"{Label}: two private Go modules that import each other, served by the Go proxy. Delete the group when done.",
            }, asRoot, ct);
            if (!created.Success) return Error($"group {GroupPath}: {created.Message}");
            group = created.Payload!;
            logger.LogInformation("Created group {Group}", GroupPath);
        }
        else if (!group.IsGroup || !group.Description.StartsWith(Label, StringComparison.Ordinal))
        {
            return Error($"the namespace {GroupPath} exists and is not demo data: the demo leaves it alone (remove or rename it to seed the demo)");
        }

        var developer = await FindOrCreateDeveloperAsync(ct);
        if (!developer.Success) return Error(developer.Message!);
        var dev = developer.Payload!;
        var member = await addMember.ExecuteAsync(MemberSource.Group(group.Id), new MemberManager(AccessLevel.Owner, Admin: true, CanManage: true),
            new AddMemberParams { UserId = dev.Id, AccessLevel = (int)AccessLevel.Developer }, ct);
        if (member.Success) logger.LogInformation("Added {User} to {Group} as Developer", Username, GroupPath);
        else if (member.Reason != ServiceErrorReason.Conflict) return Error($"membership: {member.Message}");

        var tokenError = await EnsureTokenAsync(dev, token, ct);
        if (tokenError is not null) return Error(tokenError);

        foreach (var demo in Projects)
        {
            var fullPath = $"{GroupPath}/{demo.Path}";
            var project = await projects.FindByFullPathOrNullAsync(fullPath, ct);
            if (project is null)
            {
                var created = await createProject.ExecuteAsync(new CreateProjectParams
                {
                    Path = demo.Path, NamespaceId = group.Id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                    Visibility = "private", Description = $"{Label}: {demo.Description}.",
                }, asRoot, ct);
                if (!created.Success) return Error($"project {fullPath}: {created.Message}");
                project = created.Payload!;
                logger.LogInformation("Created project {Project}", fullPath);
            }
            WriteHistory(storage.PathFor(project.FullPath), project.DefaultBranch ?? CreateProjectService.DefaultBranch, demo);
        }

        var flag = await setFeature.ExecuteAsync("go_proxy", new SetFeatureParams { Value = "true", Project = string.Join(',', Projects.Select(p => $"{GroupPath}/{p.Path}")) }, ct);
        return flag.Success ? ServiceResponse<bool>.Ok(true) : Error($"go_proxy: {flag.Message}");
    }

    private async Task<ServiceResponse<User>> FindOrCreateDeveloperAsync(CancellationToken ct)
    {
        if (await users.FindByUsernameOrNullAsync(Username, ct) is { } existing) return ServiceResponse<User>.Ok(existing);
        // Nobody signs in as the demo developer: its token is what the demo uses, so its password is random and unknown.
        var password = Convert.ToBase64String(RandomNumberGenerator.GetBytes(24));
        var created = await createUser.ExecuteAsync(Username, Author.Email, $"Demo Developer ({Label})", password, admin: false, ct);
        if (created.Success) logger.LogInformation("Created user {User}", Username);
        return created;
    }

    /// <summary>Null when the developer holds the token (created now or by an earlier run), else why the demo cannot use it.</summary>
    private async Task<string?> EnsureTokenAsync(User developer, string token, CancellationToken ct)
    {
        var digest = PersonalAccessToken.Digest(token);
        if (await tokens.CreateAsync(developer.Id, "bin/run --demo", digest, [TokenScopes.ReadApi], null, ct) is not null)
        {
            logger.LogInformation("Created a read_api token for {User}", Username);
            return null;
        }
        var existing = await tokens.FindByDigestWithUserOrNullAsync(digest, ct);
        if (existing is not { } found || found.User.Id != developer.Id)
            return "the demo token belongs to another user: choose another value";
        return found.Token.Active(DateTime.UtcNow) ? null
            : "the demo token was revoked or has expired: delete tmp/demo_token so that bin/run --demo makes a new one";
    }

    /// <summary>
    /// Writes the commits, each one's tree being the previous one's with its fixture directory laid over it (the same
    /// ids every time), and adds each missing tag and the branch; refs that exist are left as they are.
    /// </summary>
    private void WriteHistory(string repositoryPath, string branch, DemoProject demo)
    {
        string? parent = null;
        var files = new Dictionary<string, byte[]>();
        foreach (var commit in demo.Commits)
        {
            foreach (var (name, bytes) in ReadFixture(Path.Combine(FixturesPath, demo.Path, commit.Directory))) files[name] = bytes;
            parent = BareRepository.WriteCommit(repositoryPath, files, parent, commit.Message, Author with { When = commit.When });
            foreach (var tag in commit.Tags)
                if (BareRepository.AddRefIfMissing(repositoryPath, $"refs/tags/{tag}", parent))
                    logger.LogInformation("Tagged {Project} {Tag}", demo.Path, tag);
        }
        BareRepository.AddRefIfMissing(repositoryPath, $"refs/heads/{branch}", parent!);
    }

    private IEnumerable<KeyValuePair<string, byte[]>> ReadFixture(string directory) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories).Select(file => KeyValuePair.Create(
            Path.GetRelativePath(directory, file).Replace(Path.DirectorySeparatorChar, '/'),
            Encoding.UTF8.GetBytes(File.ReadAllText(file).Replace(FixtureHost, settings.ModulePrefix, StringComparison.Ordinal))));

    private static DateTimeOffset At(string utc) => DateTimeOffset.Parse(utc, System.Globalization.CultureInfo.InvariantCulture);

    private static ServiceResponse<bool> Error(string message) => ServiceResponse<bool>.Error(message, ServiceErrorReason.BadRequest);
}
