using GitLabLite.Services.ObjectStorage;
using Microsoft.Extensions.Options;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace GitLabLite.Initializers;

public static class ObjectStorageInitializer
{
    public static IServiceCollection AddObjectStorage(this IServiceCollection services)
    {
        services.AddOptions<ObjectStoreOptions>().BindConfiguration(ObjectStoreOptions.Section).ValidateOnStart();
        services.AddSingleton<IValidateOptions<ObjectStoreOptions>, ObjectStoreOptionsValidator>();
        services.AddSingleton<ObjectStoreMetrics>();
        services.AddSingleton<S3ObjectStore>();
        services.AddHostedService<ObjectStoreBucketCheck>();
        // A short retry for a blip; behind it a breaker, so that while the store is down requests that need it fail
        // at once (503) instead of each waiting out timeouts, and a trial call every few seconds notices its return.
        services.AddResiliencePipeline(S3ObjectStore.Pipeline, builder => builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(S3ObjectStore.IsTransient),
                FailureRatio = 0.5,
                MinimumThroughput = 2,
                SamplingDuration = TimeSpan.FromSeconds(10),
                BreakDuration = TimeSpan.FromSeconds(3),
            })
            .AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = new PredicateBuilder().Handle<Exception>(S3ObjectStore.IsTransient),
                MaxRetryAttempts = 2,
                Delay = TimeSpan.FromMilliseconds(100),
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
            }));
        return services;
    }
}
