using GitLabLite.Controllers.Concerns;
using Microsoft.AspNetCore.Mvc;

namespace GitLabLite.Controllers.Api;

[Authenticate(RequireSignIn = true)]
public sealed class MetadataController : ApiController
{
    public static readonly string Version = "17.0.0-gitlablite";

    [HttpGet("version")]
    [HttpGet("metadata")]
    public IActionResult Show() => Ok(new { version = Version, revision = "gitlablite", kas = new { enabled = false }, enterprise = false });
}
