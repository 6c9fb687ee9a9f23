using System.Globalization;
using GitLabLite.Controllers.Concerns;
using GitLabLite.Finders.Packages.Go;
using GitLabLite.Golang;
using GitLabLite.Initializers;
using GitLabLite.Presenters.Packages.Go;
using GitLabLite.Services;
using GitLabLite.Services.Packages.Go;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace GitLabLite.Controllers.Api;

/// <summary>
/// The GOPROXY protocol for one project (go.dev/ref/mod#goproxy-protocol): list, .info, .mod, .zip and @latest.
/// Errors are text/plain one-liners, which `go` prints to the user.
/// </summary>
[ApiController]
public sealed class GoProxyController(
    GoProxyAccess access, ModuleFinder modules, ModuleZipCache zips, InstanceSettings settings, IOptions<ZipBuildOptions> buildOptions) : ControllerBase
{
    // Canonical versions never change (ref/mod "immutable"); lists and queries may, so they are not cached long.
    private const string Immutable = "public, max-age=31536000, immutable";

    [HttpGet("api/v4/projects/{id}/packages/go/{**path}")]
    [HttpHead("api/v4/projects/{id}/packages/go/{**path}")]
    public async Task<IActionResult> Serve()
    {
        var request = GoProxyRequest.ParseOrNull(RawTarget());
        if (request is null) return Text(404, "not found: not a module proxy path (<module>/@v/list, @v/<version>.info|.mod|.zip or @latest)");
        var decision = await access.AuthorizeAsync(HttpContext, request.ProjectId);
        if (decision.Project is not { } project)
        {
            if (decision.Status == 401) Response.Headers.WWWAuthenticate = "Basic realm=\"GitLab\"";
            return Text(decision.Status, decision.Reason);
        }
        using var module = modules.FindOrNull(project, request.ModulePath);
        if (module is null) return Text(404, $"not found: {request.ModulePath} is not a module of this project");
        var repositoryUrl = $"{settings.BaseUrl}/{project.FullPath}.git";
        switch (request.Kind)
        {
            case GoProxyRequestKind.List:
                return File(module.ListBody(), "text/plain; charset=utf-8");
            case GoProxyRequestKind.Latest:
            case GoProxyRequestKind.Info:
                var info = request.Kind == GoProxyRequestKind.Latest ? module.Latest() : module.Stat(request.Version!);
                if (info.Error is not null) return Text(404, $"not found: {info.Error}");
                if (request.Version == info.Value!.Version) Response.Headers.CacheControl = Immutable;
                return Content(ModuleVersionPresenter.Present(info.Value, repositoryUrl, module.Code.CodeDir), "application/json");
            case GoProxyRequestKind.Mod:
                var mod = module.GoMod(request.Version!);
                if (mod.Error is not null) return Text(404, $"not found: {mod.Error}");
                Response.Headers.CacheControl = Immutable;
                return File(mod.Value!, "text/plain; charset=utf-8");
            default:
                return await ZipAsync(module, request.Version!);
        }
    }

    private async Task<IActionResult> ZipAsync(GoModule module, string version)
    {
        var source = module.Source(version);
        if (source.Error is not null) return Text(404, $"not found: {source.Error}");
        var zip = await zips.GetAsync(module.RepositoryPath, source.Value!, HttpContext.RequestAborted);
        if (zip.Reason == ServiceErrorReason.Unavailable)
        {
            Response.Headers.RetryAfter = buildOptions.Value.RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
            return Text(503, zip.Message!);
        }
        if (!zip.Success) return Text(404, $"not found: {zip.Message}");
        Response.Headers.CacheControl = Immutable;
        Response.Headers.ContentDisposition = $"attachment; filename=\"{version}.zip\"";
        var entry = zip.Payload!;
        // The entry's key is its content address, so it doubles as a strong validator.
        var etag = new EntityTagHeaderValue($"\"{entry.Key}\"");
        HttpContext.Features.Set<IHttpResponseBodyFeature>(new ChunkedSendFileFeature(HttpContext.Features.GetRequiredFeature<IHttpResponseBodyFeature>()));
        return PhysicalFile(entry.Path, "application/zip", lastModified: null, entityTag: etag, enableRangeProcessing: true);
    }

    /// <summary>The target as sent (origin form); hosts without one (TestServer, absolute-form requests) give the escaped path.</summary>
    private string RawTarget() =>
        HttpContext.Features.Get<IHttpRequestFeature>()?.RawTarget is ['/', ..] raw ? raw : (Request.PathBase + Request.Path).ToUriComponent();

    private ContentResult Text(int status, string body) => new()
    {
        StatusCode = status,
        Content = body.EndsWith('\n') || body.Length == 0 ? body : body + "\n",
        ContentType = "text/plain; charset=utf-8",
    };
}
