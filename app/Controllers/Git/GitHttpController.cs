using System.IO.Compression;
using GitLabLite.Controllers.Concerns;
using GitLabLite.Finders.Projects;
using GitLabLite.Git;
using GitLabLite.Models.Projects;
using GitLabLite.Services.Packages.Go;
using GitLabLite.Services.Projects;
using Microsoft.AspNetCore.Mvc;
using static GitLabLite.Controllers.Concerns.PlainText;

namespace GitLabLite.Controllers.Git;

/// <summary>
/// Git smart HTTP at /&lt;full_path&gt;[.git]/info/refs and /&lt;full_path&gt;[.git]/git-(upload|receive)-pack, served by
/// the real git (see <see cref="GitSmartHttp"/>). Full paths nest, so each route is a constrained catch-all whose
/// suffix names the action; constrained routes outrank the plain catch-all other pages use.
/// </summary>
[ApiExplorerSettings(IgnoreApi = true)]
[Authenticate(CheckScopes = false, AllowDeployTokens = true)]
public sealed class GitHttpController(
    ProjectFinder finder, RepositoryStorage storage, PostReceiveService postReceive, ServedTagsGuard servedTags, ILogger<GitHttpController> logger)
    : ControllerBase, IAccessDeniedResponder
{
    private const string InfoRefs = "/info/refs";

    [HttpGet("{**path:regex(/info/refs$)}")]
    public async Task<IActionResult> AdvertiseRefs(string path, [FromQuery] string? service)
    {
        var git = GitHttpService.ParseOrNull(service);
        if (git is null) return Text(403, "Only git's smart HTTP protocol is supported: use git 1.6.6 or later.");
        var (project, denied) = await AuthorizeAsync(path, InfoRefs, git);
        if (denied is not null) return denied;
        StartGitResponse(git.AdvertisementContentType);
        var result = await UnlessAbortedAsync(GitSmartHttp.AdvertiseRefsAsync(storage.PathFor(project!.FullPath), git, GitProtocol, Response.Body, HttpContext.RequestAborted));
        if (result is not null) LogFailure(git, project, result);
        return new EmptyResult();
    }

    // Negotiation bodies grow with the haves of a large fetch: bounded, but above the API's limit.
    [RequestSizeLimit(64L << 20)]
    [HttpPost("{**path:regex(/git-upload-pack$)}")]
    public Task<IActionResult> UploadPack(string path) => RpcAsync(path, GitHttpService.UploadPack);

    // Pushes can be arbitrarily large; the body is streamed into git, never buffered.
    [DisableRequestSizeLimit]
    [HttpPost("{**path:regex(/git-receive-pack$)}")]
    public Task<IActionResult> ReceivePack(string path) => RpcAsync(path, GitHttpService.ReceivePack);

    private async Task<IActionResult> RpcAsync(string path, GitHttpService git)
    {
        var (project, denied) = await AuthorizeAsync(path, "/" + git.Name, git);
        if (denied is not null) return denied;
        if (!string.Equals(Request.ContentType, git.RequestContentType, StringComparison.OrdinalIgnoreCase))
            return Text(415, $"Expected Content-Type {git.RequestContentType}");
        var encoding = Request.Headers.ContentEncoding.ToString();
        if (encoding is not ("" or "gzip" or "x-gzip")) return Text(415, $"Unsupported Content-Encoding {encoding}");
        await using var body = encoding.Length == 0 ? Request.Body : new GZipStream(Request.Body, CompressionMode.Decompress, leaveOpen: true);
        try
        {
            return await ExchangeAsync(project!, git, body);
        }
        catch (InvalidDataException) when (encoding.Length > 0)
        {
            // A gzip body that does not inflate is the client's fault; once git's answer has begun, only cutting the
            // connection can say so.
            if (!Response.HasStarted) return Text(400, "The request body is not valid gzip");
            HttpContext.Abort();
            return new EmptyResult();
        }
    }

    private async Task<IActionResult> ExchangeAsync(Project project, GitHttpService git, Stream body)
    {
        // A push's commands are read first, so that tags served to Go clients are held (ServedTagsGuard).
        var push = git.IsPush ? await UnlessAbortedAsync(ReceivePackRequest.ReadAsync(body, HttpContext.RequestAborted)) : null;
        if (git.IsPush && push is null)
            return HttpContext.RequestAborted.IsCancellationRequested ? new EmptyResult() : Text(413, "The push updates too many refs at once: push them in parts.");
        var served = push is null ? null : await servedTags.PrepareAsync(project, push.Commands, HttpContext.RequestAborted);
        StartGitResponse(git.ResultContentType);
        GitProcessResult? result;
        try
        {
            result = await UnlessAbortedAsync(GitSmartHttp.StatelessRpcAsync(storage.PathFor(project.FullPath), git, GitProtocol, push?.Body ?? body, Response.Body,
                HttpContext.RequestAborted, served is null ? null : servedTags.HooksPath, served?.HookEnvironment));
        }
        finally
        {
            // Even a push cut short may have updated some refs before git was stopped.
            if (served is not null)
            {
                await postReceive.ExecuteAsync(project, CancellationToken.None);
                await servedTags.CompleteAsync(project, HttpContext.Caller().User!, served, HttpContext.Connection.RemoteIpAddress?.ToString(), CancellationToken.None);
            }
        }
        if (result is null) return new EmptyResult();
        LogFailure(git, project, result);
        // Nothing written means git rejected the request itself (a malformed body): a client error, not a crash.
        if (!result.Succeeded && !Response.HasStarted) return Text(400, $"git {git.Command} could not process the request");
        return new EmptyResult();
    }

    /// <summary>The result, or null when the client went away (git was killed and nobody is left to answer).</summary>
    private async Task<T?> UnlessAbortedAsync<T>(Task<T> run) where T : class?
    {
        try
        {
            return await run;
        }
        catch (Exception e) when (e is OperationCanceledException or IOException && HttpContext.RequestAborted.IsCancellationRequested)
        {
            return null;
        }
    }

    private string? GitProtocol => Request.Headers["Git-Protocol"].ToString() is { Length: > 0 } p ? p : null;

    private async Task<(Project? Project, IActionResult? Denied)> AuthorizeAsync(string path, string suffix, GitHttpService git)
    {
        var fullPath = RepositoryFullPath(path, suffix);
        var auth = HttpContext.Caller();
        var permissions = fullPath is null ? null : await finder.FindOrNullAsync(fullPath, auth, HttpContext.RequestAborted);
        var (decision, message) = GitAccess.Decide(permissions, auth.SignedIn, auth.HasScope, git.IsPush);
        if (decision == GitAccessDecision.Allowed && !storage.Exists(permissions!.Project.FullPath))
            (decision, message) = (GitAccessDecision.NotFound, "The repository for this project does not exist.");
        return decision switch
        {
            GitAccessDecision.Allowed => (permissions!.Project, null),
            GitAccessDecision.Unauthorized => (null, Challenge401(message)),
            GitAccessDecision.Forbidden => (null, Text(403, message)),
            _ => (null, Text(404, message)),
        };
    }

    /// <summary>"group/sub/proj.git/info/refs" → "group/sub/proj"; null for anything that cannot be a project path.</summary>
    private static string? RepositoryFullPath(string? path, string suffix)
    {
        // Null when model binding gave up (e.g. a form body over FormOptions' limits on a git route).
        if (path is null || !path.EndsWith(suffix, StringComparison.Ordinal)) return null;
        var repo = path[..^suffix.Length];
        if (repo.EndsWith(".git", StringComparison.Ordinal)) repo = repo[..^4];
        var segments = repo.Split('/');
        return segments.Length >= 2 && segments.All(IsPathSegment) ? repo : null;
    }

    private static bool IsPathSegment(string s) =>
        s.Length is > 0 and <= 255 && (char.IsAsciiLetterOrDigit(s[0]) || s[0] == '_')
        && s.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.') && !s.Contains("..");

    /// <summary>The headers git's http-backend sends: the service's content type and "never cache".</summary>
    private void StartGitResponse(string contentType)
    {
        Response.StatusCode = 200;
        Response.ContentType = contentType;
        Response.Headers.CacheControl = "no-cache, max-age=0, must-revalidate";
        Response.Headers.Pragma = "no-cache";
        Response.Headers.Expires = "Fri, 01 Jan 1980 00:00:00 GMT";
    }

    private void LogFailure(GitHttpService git, Project project, GitProcessResult result)
    {
        if (!result.Succeeded)
            logger.LogWarning("git {Command} for {Project} exited with {ExitCode}: {Stderr}", git.Command, project.FullPath, result.ExitCode, result.StandardError);
    }

    /// <summary>Only invalid credentials reach here (scopes are <see cref="GitAccess"/>'s): git asks for other ones.</summary>
    IActionResult IAccessDeniedResponder.Deny(AccessDenial denial) =>
        Challenge401(denial.Kind == AccessDenialKind.AccountDenied ? $"HTTP Basic: Access denied. {denial.Reason}" : "HTTP Basic: Access denied");

    private ContentResult Challenge401(string message)
    {
        Response.Headers.WWWAuthenticate = "Basic realm=\"GitLab\"";
        return Text(401, message);
    }
}
