using GitLabLite.Models.Users;

namespace GitLabLite.Services.Users;

/// <summary>A new deploy token and its plain value, which exists only in this response (the database keeps the digest).</summary>
public sealed record CreatedDeployToken(DeployToken Token, string PlainToken);
