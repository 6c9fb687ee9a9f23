using System.Diagnostics.Metrics;
using Polly.CircuitBreaker;

namespace GitLabLite.Services.Monitoring;

/// <summary>The Postgres circuit breaker (README "Reliability"): its state as a state set (1 on the current one) and how often it opened.</summary>
public sealed class PostgresMetrics
{
    public const string MeterName = "GitLabLite.Postgres";

    private static readonly (CircuitState State, string Name)[] States =
        [(CircuitState.Closed, "closed"), (CircuitState.HalfOpen, "half_open"), (CircuitState.Open, "open")];

    private readonly Counter<long> _opened;
    private volatile int _state = (int)CircuitState.Closed;

    public PostgresMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        meter.CreateObservableGauge("gitlablite.postgres.circuit_breaker.state",
            () => States.Select(s => new Measurement<int>((int)s.State == _state ? 1 : 0, new KeyValuePair<string, object?>("state", s.Name))),
            description: "1 for the state the Postgres circuit breaker is in (closed: normal; open: requests fail fast with 503).");
        _opened = meter.CreateCounter<long>("gitlablite.postgres.circuit_breaker.opened", description: "Times the Postgres circuit breaker opened.");
    }

    public void Set(CircuitState state)
    {
        _state = (int)state;
        if (state == CircuitState.Open) _opened.Add(1);
    }
}
