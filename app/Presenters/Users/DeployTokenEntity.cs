using System.Text.Json.Serialization;

namespace GitLabLite.Presenters.Users;

/// <summary>GitLab's API::Entities::DeployToken; <see cref="Token"/> appears only in the creation response (DeployTokenWithToken).</summary>
public sealed record DeployTokenEntity
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public string Username { get; init; } = "";
    public DateTime? ExpiresAt { get; init; }
    public string[] Scopes { get; init; } = [];
    public bool Revoked { get; init; }
    public bool Expired { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Token { get; init; }
}
