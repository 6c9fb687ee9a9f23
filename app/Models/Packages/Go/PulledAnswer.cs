namespace GitLabLite.Models.Packages.Go;

/// <summary>An upstream answer that may change (list, @latest, a version query), with when it was fetched.</summary>
public sealed record PulledAnswer(string ModulePath, string Query, byte[] Body, string Upstream, DateTime FetchedAt);
