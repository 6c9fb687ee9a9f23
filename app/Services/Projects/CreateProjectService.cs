using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Params;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Users;

namespace GitLabLite.Services.Projects;

/// <summary>
/// Creates a project (GitLab's Projects::CreateService): rows first, in one transaction, then the repository on disk
/// (empty, with a README commit, or imported); when the repository step fails the rows are deleted again, so a
/// failed create leaves nothing behind.
/// </summary>
public sealed class CreateProjectService(
    ProjectRepository projects, NamespaceRepository namespaces, MemberRepository members, RepositoryStorage storage,
    RepositoryImporter importer, TimeProvider clock)
{
    public const string DefaultBranch = "main";

    private static readonly TimeSpan ImportTimeout = TimeSpan.FromMinutes(15);

    public async Task<ServiceResponse<Project>> ExecuteAsync(CreateProjectParams p, AuthenticationResult auth, CancellationToken ct)
    {
        var user = auth.User ?? throw new InvalidOperationException("creating a project needs a signed-in user");
        var target = await ResolveNamespaceAsync(p.NamespaceId, auth, ct);
        if (!target.Success) return ServiceResponse<Project>.Error(target.Message!, target.Reason);
        var ns = target.Payload!;
        var visibility = VisibilityNames.Parse(p.Visibility) ?? Visibility.Private;
        if (ns.IsGroup && visibility > ns.Visibility)
            return Error($"visibility {visibility.ToName()} is not allowed in a {ns.Visibility.ToName()} group", ServiceErrorReason.BadRequest);
        var importError = p.ImportUrl is null ? null : ImportUrlError(p.ImportUrl, auth.IsAdmin);
        if (importError is not null) return Error($"Import url is invalid: {importError}", ServiceErrorReason.Unprocessable);

        var path = p.EffectivePath!;
        if (storage.Exists($"{ns.FullPath}/{path}"))
            return Error("There is already a repository with that name on disk", ServiceErrorReason.BadRequest);
        var branch = p.DefaultBranch ?? DefaultBranch;
        var project = await projects.CreateAsync(new NewProject(p.EffectiveName!, path, user.Id, visibility, p.Description ?? "", branch), ns, ct);
        if (project is null) return Error("Failed to save project: path has already been taken", ServiceErrorReason.BadRequest);

        var created = false;
        try
        {
            if (p.ImportUrl is not null)
            {
                var imported = await importer.ImportAsync(p.ImportUrl, project.FullPath, AllowedProtocols(auth.IsAdmin), ImportTimeout, ct);
                if (!imported.Success)
                {
                    await projects.DeleteAsync(project.Id, CancellationToken.None);
                    return Error($"Import failed: {imported.Error}", ServiceErrorReason.Unprocessable);
                }
                created = true;
                // The source's HEAD names its default branch, as GitLab takes it from the import.
                if (imported.DefaultBranch is { } head && head != branch)
                    await projects.SetDefaultBranchAsync(project.Id, head, ct);
            }
            else
            {
                created = true;
                var repoPath = storage.CreateBare(project.FullPath, branch);
                if (p.InitializeWithReadme)
                    BareRepository.WriteInitialCommit(repoPath, branch, "README.md", Readme(project), user.Name, user.Email, clock.GetUtcNow());
            }
        }
        catch
        {
            if (created) storage.Delete(project.FullPath);
            await projects.DeleteAsync(project.Id, CancellationToken.None);
            throw;
        }
        return ServiceResponse<Project>.Ok((await projects.FindOrNullAsync(project.Id, ct))!);
    }

    private async Task<ServiceResponse<Namespace>> ResolveNamespaceAsync(string? idOrPath, AuthenticationResult auth, CancellationToken ct)
    {
        var user = auth.User!;
        var ns = idOrPath is null ? await namespaces.FindPersonalOrNullAsync(user.Id, ct)
            : idOrPath.All(char.IsAsciiDigit) ? (long.TryParse(idOrPath, out var id) ? await namespaces.FindOrNullAsync(id, ct) : null)
            : await namespaces.FindByFullPathOrNullAsync(idOrPath, ct);
        if (ns is null) return ServiceResponse<Namespace>.Error("404 Namespace Not Found", ServiceErrorReason.NotFound);
        if (auth.IsAdmin) return ServiceResponse<Namespace>.Ok(ns);
        if (!ns.IsGroup)
            return ns.OwnerId == user.Id ? ServiceResponse<Namespace>.Ok(ns) : ServiceResponse<Namespace>.Error("403 Forbidden", ServiceErrorReason.Forbidden);
        var access = await members.GroupAccessAsync(ns.Id, user.Id, ct);
        var permissions = new GroupPermissions(ns, access, SignedIn: true, Admin: false);
        if (!permissions.CanRead) return ServiceResponse<Namespace>.Error("404 Namespace Not Found", ServiceErrorReason.NotFound);
        return permissions.CanAdmin ? ServiceResponse<Namespace>.Ok(ns) : ServiceResponse<Namespace>.Error("403 Forbidden", ServiceErrorReason.Forbidden);
    }

    /// <summary>
    /// Only network transports, plus file:// for administrators: a local import reads the server's disk, which
    /// includes every other project's repository.
    /// </summary>
    private static string[] AllowedProtocols(bool admin) => admin ? ["http", "https", "git", "file"] : ["http", "https", "git"];

    private static string? ImportUrlError(string url, bool admin)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || url.StartsWith('/') || url.StartsWith('-'))
            return "it must be an absolute http://, https://, git:// or file:// URL";
        if (!AllowedProtocols(admin: true).Contains(uri.Scheme))
            return $"the {uri.Scheme} scheme is not allowed (use http, https, git or file)";
        if (!AllowedProtocols(admin).Contains(uri.Scheme))
            return "file:// imports are limited to administrators";
        return uri.IsFile || uri.Host.Length > 0 ? null : "it has no host";
    }

    private static string Readme(Project project) =>
        string.IsNullOrWhiteSpace(project.Description) ? $"# {project.Name}\n" : $"# {project.Name}\n\n{project.Description}\n";

    private static ServiceResponse<Project> Error(string message, ServiceErrorReason reason) => ServiceResponse<Project>.Error(message, reason);
}
