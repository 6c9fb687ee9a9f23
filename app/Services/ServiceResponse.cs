namespace GitLabLite.Services;

/// <summary>What a service returns: a payload, or a message with the reason it failed.</summary>
public sealed record ServiceResponse<T>(T? Payload, string? Message, ServiceErrorReason Reason)
{
    public bool Success => Reason == ServiceErrorReason.None;

    public static ServiceResponse<T> Ok(T payload) => new(payload, null, ServiceErrorReason.None);

    public static ServiceResponse<T> Error(string message, ServiceErrorReason reason) => new(default, message, reason);
}
