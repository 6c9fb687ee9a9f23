namespace GitLabLite.Models.Users;

public sealed record User
{
    public long Id { get; init; }
    public string Username { get; init; } = "";
    public string Email { get; init; } = "";
    public string Name { get; init; } = "";
    public string EncryptedPassword { get; init; } = "";
    public bool Admin { get; init; }
    public string State { get; init; } = "active";
    public DateTime CreatedAt { get; init; }

    public bool Active => State == "active";
}
