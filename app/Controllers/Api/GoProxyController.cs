using System.Globalization;
using GitLabLite.Controllers.Concerns;
using GitLabLite.Finders.Packages.Go;
using GitLabLite.Golang;
using GitLabLite.Initializers;
using GitLabLite.Models.Features;
using GitLabLite.Models.Packages.Go;
using GitLabLite.Models.Projects;
using GitLabLite.Models.Users;
using GitLabLite.Presenters.Packages.Go;
using GitLabLite.Services;
using GitLabLite.Services.Packages.Go;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;
using static GitLabLite.Controllers.Concerns.PlainText;

namespace GitLabLite.Controllers.Api;

/// <summary>
/// The GOPROXY protocol (go.dev/ref/mod#goproxy-protocol): list, .info, .mod, .zip and @latest, for one project, for
/// every project of a group, or for the whole instance; the last two find the project from the module path
/// (<see cref="ModuleProjectFinder"/>) and then answer with exactly the project endpoint's code, or, for a path that is
/// not under the instance's host, pull the public module through (<see cref="PullThroughService"/>: verified against
/// the checksum database; a path under the host is never sent upstream). Checks in API.md's order: the path is a
/// proxy request, then authentication, project access and the go_proxy gate. Errors are text/plain one-liners, which
/// `go` prints to the user; a 404 sends `go` on to its next GOPROXY entry.
/// </summary>
[ApiController]
[Authenticate(AllowDeployTokens = true, ReadScopes = new[] { DeployTokenScopes.ReadPackageRegistry, DeployTokenScopes.WritePackageRegistry })]
public sealed class GoProxyController(
    ModuleProjectFinder moduleProjects, ModuleFinder modules, VersionFinder versions, VersionLedger ledger, ModuleZipCache zips, ProjectUrls urls,
    IOptions<ZipBuildOptions> buildOptions, PullThroughService pullThrough, PullThroughScopeFinder pullThroughScopes, PullThroughAccess pullThroughAccess)
    : ControllerBase, IAccessDeniedResponder, IAsyncActionFilter
{
    private GoProxyRequest _request = null!;

    [HttpGet("api/v4/projects/{id}/packages/go/{**path}")]
    [HttpHead("api/v4/projects/{id}/packages/go/{**path}")]
    [AuthorizeProject(ProjectAbility.ReadCode)]
    [RequireFeature(FeatureNames.GoProxy)]
    public Task<IActionResult> Project() => ServeAsync(HttpContext.ProjectPermissions().Project);

    /// <summary>One GOPROXY entry for every project of the instance.</summary>
    [HttpGet("api/v4/packages/go/{**path}")]
    [HttpHead("api/v4/packages/go/{**path}")]
    public Task<IActionResult> Instance() => ResolveAndServeAsync(null);

    /// <summary>One GOPROXY entry for the projects of a group and its subgroups (GitLab's group package endpoint style).</summary>
    [HttpGet("api/v4/groups/{id}/-/packages/go/{**path}")]
    [HttpHead("api/v4/groups/{id}/-/packages/go/{**path}")]
    [AuthorizeGroup]
    public Task<IActionResult> Group() => ResolveAndServeAsync(HttpContext.GroupPermissions().Group);

    /// <summary>
    /// A controller's own filter runs before every attribute filter: a target that is not a proxy request is answered
    /// 404 before anything is authenticated, as GitLab's unmatched API routes are.
    /// </summary>
    async Task IAsyncActionFilter.OnActionExecutionAsync(ActionExecutingContext context, ActionExecutionDelegate next)
    {
        if (GoProxyRequest.ParseOrNull(RawTarget()) is not { } request)
        {
            context.Result = Text(404, "not found: not a module proxy path (<module>/@v/list, @v/<version>.info|.mod|.zip or @latest)");
            return;
        }
        _request = request;
        await next();
    }

    IActionResult IAccessDeniedResponder.Deny(AccessDenial denial)
    {
        switch (denial.Kind)
        {
            case AccessDenialKind.Unauthorized:
                return Challenge("unauthorized: this module needs credentials (a token with read_api in ~/.netrc)");
            case AccessDenialKind.InvalidCredentials when ResolvesModulePath && urls.IsUnderModulePrefix(_request.ModulePath):
                // Not the project endpoint's 404: on the instance and group endpoints it would send go, with a path of
                // this instance, on to the next GOPROXY entry.
                return Challenge("unauthorized: invalid credentials (an expired, revoked or mistyped token in ~/.netrc?)");
            case AccessDenialKind.InvalidCredentials:
                // The seed doc: "invalid HTTP credentials, you receive a 404".
                return Text(404, denial.Reason);
            case AccessDenialKind.InsufficientScope or AccessDenialKind.Forbidden:
                return Text(403, denial.Reason);
            case AccessDenialKind.AccountDenied:
                return Text(403, $"forbidden: {denial.Reason}");
            default:
                return Text(404, denial.Reason);
        }
    }

    /// <summary>The instance or group endpoint (the module path picks the project), not a project's own.</summary>
    private bool ResolvesModulePath => ControllerContext.ActionDescriptor.ActionName != nameof(Project);

    private async Task<IActionResult> ResolveAndServeAsync(Namespace? group)
    {
        var modulePath = _request.ModulePath;
        if (!pullThrough.IsPrivate(modulePath)) return await PullAsync(group);
        var caller = HttpContext.Caller();
        var found = await moduleProjects.FindAsync(modulePath, caller, group, HttpContext.RequestAborted);
        if (found.Project is { } permissions) return await ServeAsync(permissions.Project);
        var where = group is null ? "this instance" : $"group {group.FullPath}";
        if (!found.CouldBeLocal) return Text(404, $"not found: {modulePath} is not a module path of {where}");
        // A path of this instance is answered here and never with a 404, which would send go on to the next GOPROXY
        // entry (a public proxy) with the private path; and the same whether or not a project exists. Anonymous
        // callers are challenged, since go sends ~/.netrc only after a 401.
        if (!caller.SignedIn) return ((IAccessDeniedResponder)this).Deny(AccessDenial.Unauthorized);
        return Text(403, $"forbidden: {modulePath}: no project of {where} that you can read serves this module with the Go proxy on");
    }

    /// <summary>A public module (any path outside the instance's host) through the endpoint's rules and upstreams.</summary>
    private async Task<IActionResult> PullAsync(Namespace? group)
    {
        var ct = HttpContext.RequestAborted;
        var scope = await pullThroughScopes.FindAsync(group, ct);
        // With pull-through off there is nothing to authenticate for: the service answers 404 and go moves on.
        if (!pullThrough.IsOff(scope) && await pullThroughAccess.RefusalAsync(HttpContext) is { } refused) return Answer(refused);
        var request = _request;
        var file = request.Kind switch
        {
            GoProxyRequestKind.List => PulledFile.List,
            GoProxyRequestKind.Latest => PulledFile.Latest,
            GoProxyRequestKind.Info => PulledFile.Info,
            GoProxyRequestKind.Mod => PulledFile.Mod,
            _ => PulledFile.Zip,
        };
        var result = await pullThrough.ServeAsync(request.ModulePath, file, request.Version, scope, ct);
        if (result.Stored is { } stored) return SendStored(stored, result.ContentType, file == PulledFile.Zip ? $"{request.Version}.zip" : null, shared: true);
        return Answer(result);
    }

    private ActionResult Answer(PullThroughResult result)
    {
        if (result.Body is null) return result.Status == 401 ? Challenge(result.Text!) : Text(result.Status, result.Text!);
        return File(result.Body, result.ContentType);
    }

    private async Task<IActionResult> ServeAsync(Project project)
    {
        var request = _request;
        using var module = modules.FindOrNull(project, request.ModulePath);
        if (module is null) return Text(404, $"not found: {request.ModulePath} is not a module of this project");
        var ct = HttpContext.RequestAborted;
        if (request.Kind == GoProxyRequestKind.List)
        {
            Cache(project.Visibility == Visibility.Public, immutable: false);
            return File(versions.ListBody(module), "text/plain; charset=utf-8");
        }
        var version = request.Version!;
        if (request.Kind == GoProxyRequestKind.Latest || (request.Kind == GoProxyRequestKind.Info && !ModuleVersionRules.IsCanonical(version)))
        {
            // A query (@latest, a branch, a commit, v1.2): answered from the refs, but as recorded when it names a served version.
            var resolved = request.Kind == GoProxyRequestKind.Latest ? versions.Latest(module) : versions.Find(module, version);
            if (resolved.Value is not { } found) return Text(404, $"not found: {resolved.Error}");
            Cache(project.Visibility == Visibility.Public, immutable: false);
            return Info(module, await ledger.RecordedAsync(module, found, ct));
        }
        // .mod and .zip take canonical versions only (their checks say so in go's words).
        if (!ModuleVersionRules.IsCanonical(version))
            return Text(404, $"not found: {(request.Kind == GoProxyRequestKind.Mod ? module.GoMod(version).Error : module.Source(version).Error)}");
        // A canonical version: served as the ledger recorded it the first time, whatever its tag does since.
        var served = await ledger.ServeAsync(module, version, ct);
        if (served.Value is not { } entry)
            return Text(404, $"not found: {(request.Kind == GoProxyRequestKind.Info ? versions.Find(module, version).Error : null) ?? served.Error}");
        if (request.Kind == GoProxyRequestKind.Zip) return await ZipAsync(module, entry, ct);
        Cache(project.Visibility == Visibility.Public, immutable: true);
        if (request.Kind == GoProxyRequestKind.Info) return Info(module, new ModuleVersion(module.Path, entry.Info));
        var mod = ledger.GoMod(module, entry);
        return mod.Value is { } bytes ? File(bytes, "text/plain; charset=utf-8") : Text(404, $"not found: {mod.Error}");
    }

    private ContentResult Info(Module module, ModuleVersion version) =>
        Content(ModuleVersionPresenter.Present(version, urls.HttpUrlToRepo(module.Project), module.Code.CodeDir), "application/json");

    private async Task<IActionResult> ZipAsync(Module module, LedgerEntry served, CancellationToken ct)
    {
        var zip = await ledger.ZipAsync(module, served, ct);
        if (zip.Reason == ServiceErrorReason.Unavailable)
        {
            Response.Headers.RetryAfter = buildOptions.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Text(503, zip.Message!);
        }
        if (zip.Payload is not { } entry) return Text(404, $"not found: {zip.Message}");
        if (HttpMethods.IsGet(Request.Method)) ledger.CountDownload(served);
        return SendStored(entry, "application/zip", $"{served.Version}.zip", shared: module.Project.Visibility == Visibility.Public);
    }

    /// <summary>
    /// A stored file (a zip; a pulled .info or .mod) from the local cache, or a redirect to the object store when the
    /// store serves downloads itself.
    /// </summary>
    private IActionResult SendStored(ModuleZipEntry entry, string contentType, string? attachmentName, bool shared)
    {
        if (zips.DownloadUrlOrNull(entry) is { } url)
        {
            // A presigned URL of the object store, valid for a minute: never cached. go follows it without credentials.
            Response.Headers.CacheControl = "no-store";
            return Redirect(url);
        }
        Cache(shared, immutable: true);
        if (attachmentName is not null) Response.Headers.ContentDisposition = $"attachment; filename=\"{attachmentName}\"";
        // The entry's key is its content address, so it doubles as a strong validator.
        var etag = new EntityTagHeaderValue($"\"{entry.Key}\"");
        HttpContext.Features.Set<IHttpResponseBodyFeature>(new ChunkedSendFileFeature(HttpContext.Features.GetRequiredFeature<IHttpResponseBodyFeature>()));
        return PhysicalFile(entry.Path!, contentType, lastModified: null, entityTag: etag, enableRangeProcessing: true);
    }

    /// <summary>
    /// Canonical versions never change (ref/mod "immutable"), lists and queries may (a minute). Only public answers (a
    /// public project's, a public module pulled through) may sit in a shared cache or CDN; anything else is private to
    /// the client that was allowed to read it.
    /// </summary>
    private void Cache(bool shared, bool immutable) =>
        Response.Headers.CacheControl = $"{(shared ? "public" : "private")}, {(immutable ? "max-age=31536000, immutable" : "max-age=60")}";

    /// <summary>A 401 with the Basic challenge: go retries with ~/.netrc only after one.</summary>
    private ContentResult Challenge(string reason)
    {
        Response.Headers.WWWAuthenticate = "Basic realm=\"GitLab\"";
        return Text(401, reason);
    }

    /// <summary>The target as sent (origin form); hosts without one (TestServer, absolute-form requests) give the escaped path.</summary>
    private string RawTarget() =>
        HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget is ['/', ..] raw ? raw : (Request.PathBase + Request.Path).ToUriComponent();
}
