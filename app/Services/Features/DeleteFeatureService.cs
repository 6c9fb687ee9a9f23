using GitLabLite.Repositories.Features;

namespace GitLabLite.Services.Features;

/// <summary>Removes a flag and all its gates (Flipper's remove), so it answers its definition's default again.</summary>
public sealed class DeleteFeatureService(FeatureRepository features, FeatureFlags flags)
{
    /// <summary>Succeeds whether or not the flag was persisted, as GitLab's DELETE does.</summary>
    public async Task<ServiceResponse<bool>> ExecuteAsync(string name, CancellationToken ct)
    {
        await features.RemoveAsync(name, ct);
        await flags.ReloadAsync(ct);
        return ServiceResponse<bool>.Ok(true);
    }
}
