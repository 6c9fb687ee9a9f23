using System.Text.Json.Serialization;

namespace GitLabLite.Presenters.Users;

/// <summary>GitLab's API::Entities::PersonalAccessToken; <see cref="Token"/> appears only in the creation response.</summary>
public sealed record PersonalAccessTokenEntity
{
    public long Id { get; init; }
    public string Name { get; init; } = "";
    public bool Revoked { get; init; }
    public DateTime CreatedAt { get; init; }
    public string? Description { get; init; }
    public string[] Scopes { get; init; } = [];
    public long UserId { get; init; }
    public DateTime? LastUsedAt { get; init; }
    public bool Active { get; init; }
    public DateOnly? ExpiresAt { get; init; }

    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Token { get; init; }
}
