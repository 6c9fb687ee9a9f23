namespace GitLabLite.Models.Caching;

/// <summary>An app process on the change bus and how long its lease has left, by the database's clock.</summary>
public sealed record BusNodeLease
{
    public Guid? Id { get; init; }

    public double RemainingMs { get; init; }
}
