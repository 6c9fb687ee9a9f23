using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

public sealed class MetadataController : ApiController
{
    public static readonly string Version = "17.0.0-gitlablite";

    [HttpGet("version")]
    [HttpGet("metadata")]
    public async Task<IActionResult> Show()
    {
        var (_, denied) = await AuthorizeApiAsync(requireSignIn: true);
        return denied ?? Ok(new { version = Version, revision = "gitlablite", kas = new { enabled = false }, enterprise = false });
    }
}
