using Npgsql;
using Polly;
using Polly.Retry;

namespace GitLabLite.Initializers;

/// <summary>The named Polly pipeline for Postgres: retries transient Npgsql failures with jittered backoff.</summary>
public static class PostgresResilience
{
    public const string Pipeline = "postgres";

    public static IServiceCollection AddPostgresResilience(this IServiceCollection services)
    {
        services.AddResiliencePipeline(Pipeline, builder => builder.AddRetry(new RetryStrategyOptions
        {
            ShouldHandle = new PredicateBuilder().Handle<NpgsqlException>(e => e.IsTransient),
            MaxRetryAttempts = 2,
            Delay = TimeSpan.FromMilliseconds(50),
            BackoffType = DelayBackoffType.Exponential,
            UseJitter = true,
        }));
        return services;
    }
}
