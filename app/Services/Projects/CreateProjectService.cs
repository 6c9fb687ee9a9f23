using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Params;
using GitLabLite.Repositories.Projects;
using GitLabLite.Services.Users;

namespace GitLabLite.Services.Projects;

/// <summary>
/// Creates a project (GitLab's Projects::CreateService): rows first, in one transaction, then the repository on disk
/// (empty or with a README commit); when the repository step fails the rows are deleted again, so a failed create
/// leaves nothing behind. With import_url the source is checked first (<see cref="ValidateRemoteGitEndpointService"/>),
/// and the import is scheduled for <see cref="RepositoryImportWorker"/>: the answer comes at once, with
/// import_status "scheduled", and the repository appears when the import finishes.
/// </summary>
public sealed class CreateProjectService(
    ProjectRepository projects, NamespaceRepository namespaces, MemberRepository members, RepositoryStorage storage,
    ValidateRemoteGitEndpointService importSources, ProjectImportStateRepository importStates, ProjectImportQueue importQueue,
    TimeProvider clock)
{
    public const string DefaultBranch = "main";

    public async Task<ServiceResponse<Project>> ExecuteAsync(CreateProjectParams p, AuthenticationResult auth, CancellationToken ct)
    {
        var user = auth.User ?? throw new InvalidOperationException("creating a project needs a signed-in user");
        var target = await ResolveNamespaceAsync(p.NamespaceId, auth, ct);
        if (!target.Success) return ServiceResponse<Project>.Error(target.Message!, target.Reason);
        var ns = target.Payload!;
        var visibility = VisibilityNames.Parse(p.Visibility) ?? Visibility.Private;
        if (ns.IsGroup && visibility > ns.Visibility)
            return Error($"visibility {visibility.ToName()} is not allowed in a {ns.Visibility.ToName()} group", ServiceErrorReason.BadRequest);
        var path = p.EffectivePath!;
        if (storage.Exists($"{ns.FullPath}/{path}"))
            return Error("There is already a repository with that name on disk", ServiceErrorReason.BadRequest);
        ImportSource? source = null;
        if (p.ImportUrl is not null)
        {
            var checkedSource = await importSources.ExecuteAsync(p.ImportUrl, auth.IsAdmin, ct);
            if (!checkedSource.Success) return Error(checkedSource.Message!, checkedSource.Reason);
            source = checkedSource.Payload;
        }
        var branch = p.DefaultBranch ?? DefaultBranch;
        var project = await projects.CreateAsync(new NewProject(p.EffectiveName!, path, user.Id, visibility, p.Description ?? "", branch), ns, ct);
        if (project is null) return Error("Failed to save project: path has already been taken", ServiceErrorReason.BadRequest);

        if (source is not null) return await ScheduleImportAsync(project, source, ct);
        try
        {
            var repoPath = storage.CreateBare(project.FullPath, branch);
            if (p.InitializeWithReadme)
                BareRepository.WriteInitialCommit(repoPath, branch, "README.md", Readme(project), user.Name, user.Email, clock.GetUtcNow());
        }
        catch
        {
            storage.Delete(project.FullPath);
            await projects.DeleteAsync(project.Id, CancellationToken.None);
            throw;
        }
        return ServiceResponse<Project>.Ok((await projects.FindOrNullAsync(project.Id, ct))!);
    }

    private async Task<ServiceResponse<Project>> ScheduleImportAsync(Project project, ImportSource source, CancellationToken ct)
    {
        await importStates.ScheduleAsync(project.Id, ct);
        if (!importQueue.TryEnqueue(new ProjectImportJob(project.Id, source)))
        {
            await projects.DeleteAsync(project.Id, CancellationToken.None);
            return Error("Too many imports are waiting; try again later", ServiceErrorReason.Unavailable);
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

    private static string Readme(Project project) =>
        string.IsNullOrWhiteSpace(project.Description) ? $"# {project.Name}\n" : $"# {project.Name}\n\n{project.Description}\n";

    private static ServiceResponse<Project> Error(string message, ServiceErrorReason reason) => ServiceResponse<Project>.Error(message, reason);
}
