namespace GitLabLite.Git;

/// <summary>An author, committer or tagger: name, email and the time with its original UTC offset.</summary>
public sealed record GitSignature(string Name, string Email, DateTimeOffset When);
