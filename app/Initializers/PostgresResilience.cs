using GitLabLite.Services.Monitoring;
using Npgsql;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;

namespace GitLabLite.Initializers;

/// <summary>
/// The named Polly pipeline for Postgres. Outer: a circuit breaker, so that during an outage requests fail at once
/// (BrokenCircuitException, answered 503) instead of each one queueing for a connection. Inner: a short jittered
/// retry for transient failures, which also drops the pool's dead connections so that the app reconnects by itself
/// when Postgres returns.
/// </summary>
public static class PostgresResilience
{
    public const string Pipeline = "postgres";

    public static IServiceCollection AddPostgresResilience(this IServiceCollection services)
    {
        services.AddResiliencePipeline(Pipeline, (builder, context) =>
        {
            var dataSource = context.ServiceProvider.GetRequiredService<NpgsqlDataSource>();
            var metrics = context.ServiceProvider.GetRequiredService<PostgresMetrics>();
            builder
                .AddCircuitBreaker(new CircuitBreakerStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                    FailureRatio = 0.5,
                    MinimumThroughput = 4,
                    SamplingDuration = TimeSpan.FromSeconds(5),
                    BreakDuration = TimeSpan.FromSeconds(1),
                    OnOpened = _ => Reported(metrics, CircuitState.Open),
                    OnHalfOpened = _ => Reported(metrics, CircuitState.HalfOpen),
                    OnClosed = _ => Reported(metrics, CircuitState.Closed),
                })
                .AddRetry(new RetryStrategyOptions
                {
                    ShouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient),
                    MaxRetryAttempts = 2,
                    Delay = TimeSpan.FromMilliseconds(50),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    // Idle pooled connections to a restarted server are all dead: discard them in one go.
                    OnRetry = _ =>
                    {
                        dataSource.Clear();
                        return default;
                    },
                });
        });
        return services;
    }

    private static ValueTask Reported(PostgresMetrics metrics, CircuitState state)
    {
        metrics.Set(state);
        return default;
    }

    /// <summary>Failures that say "Postgres is unreachable or restarting", as opposed to a bad statement.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        NpgsqlException npgsql => npgsql.IsTransient,
        TimeoutException => true,
        _ => false,
    };
}
