namespace GitLabLite.Params;

/// <summary>PUT /groups/:id/packages/go/settings: upstreams[] (an empty list turns pull-through off for the group).</summary>
public sealed record UpdateGoProxyGroupSettingsParams
{
    public string[]? Upstreams { get; init; }
}
