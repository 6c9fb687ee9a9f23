using GitLabLite.Models.Users;

namespace GitLabLite.Services.Users;

/// <summary>A new token and its plain value, which exists only in this response (the database keeps the digest).</summary>
public sealed record CreatedPersonalAccessToken(PersonalAccessToken Token, string PlainToken);
