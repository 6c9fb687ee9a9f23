using GitLabLite.Initializers;
using Microsoft.Extensions.Options;

namespace GitLabLite.Services.ObjectStorage;

/// <summary>
/// Checks the bucket once as the node starts (<see cref="S3ObjectStore.CheckBucketAsync"/>), so that a bucket never
/// provisioned is named in the start's failure instead of in 503s later; nothing when the object store is off.
/// </summary>
public sealed class ObjectStoreBucketCheck(IOptions<ObjectStoreOptions> options, IServiceProvider services, ILogger<ObjectStoreBucketCheck> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) =>
        options.Value.Enabled ? services.GetRequiredService<S3ObjectStore>().CheckBucketAsync(logger, cancellationToken) : Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
