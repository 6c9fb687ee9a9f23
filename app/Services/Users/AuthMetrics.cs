using System.Diagnostics.Metrics;

namespace GitLabLite.Services.Users;

/// <summary>Invalid credentials (tokens on any endpoint, passwords at sign-in) and the requests refused by the throttle.</summary>
public sealed class AuthMetrics
{
    public const string MeterName = "GitLabLite.Users";

    private readonly Counter<long> _failures;
    private readonly Counter<long> _throttled;

    public AuthMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _failures = meter.CreateCounter<long>("gitlablite.auth.failures",
            description: "Invalid credentials presented, by kind (token: API, git and Go proxy requests; password: web sign-in).");
        _throttled = meter.CreateCounter<long>("gitlablite.auth.throttled",
            description: "Requests with credentials refused with 429 because their address presented too many invalid ones.");
    }

    public void TokenFailure() => _failures.Add(1, new KeyValuePair<string, object?>("kind", "token"));

    public void PasswordFailure() => _failures.Add(1, new KeyValuePair<string, object?>("kind", "password"));

    public void Throttled() => _throttled.Add(1);
}
