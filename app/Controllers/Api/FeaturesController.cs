using GitLabLite.Controllers.Concerns;
using GitLabLite.Params;
using GitLabLite.Presenters.Features;
using GitLabLite.Services.Features;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

/// <summary>GitLab's admin Features API (lib/api/features.rb): list, definitions, set and delete flags.</summary>
[Authenticate(RequireAdmin = true)]
public sealed class FeaturesController(FeatureFlags flags) : ApiController
{
    [HttpGet("features")]
    public async Task<IActionResult> Index()
    {
        // Read through to the database: the admin sees changes another process made a moment ago.
        var snapshot = await flags.ReloadAsync(Ct);
        return Ok(snapshot.Features.Values
            .OrderBy(f => f.Name, StringComparer.Ordinal)
            .Select(f => FeaturePresenter.Present(f, flags.Definitions)));
    }

    [HttpGet("features/definitions")]
    public IActionResult Definitions() => Ok(flags.Definitions.All);

    [HttpPost("features/{name}")]
    public async Task<IActionResult> Create(string name, [FromServices] SetFeatureService service)
    {
        var (p, bindError) = await GitLabParams.ReadAsync<SetFeatureParams>(Request);
        if (p is null) return BadRequest(new { error = bindError });
        // Grape's declared-params errors come as {"error": ...}, unlike bad_request! ({"message": ...}).
        if (p.ParamsError() is { } error) return BadRequest(new { error });
        var result = await service.ExecuteAsync(name, p, Ct);
        return FromService(result, feature => FeaturePresenter.Present(feature, flags.Definitions), StatusCodes.Status201Created);
    }

    [HttpDelete("features/{name}")]
    public async Task<IActionResult> Destroy(string name, [FromServices] DeleteFeatureService service)
    {
        await service.ExecuteAsync(name, Ct);
        return NoContent();
    }
}
