namespace GitLabLite.Services.Outbound;

/// <summary>Thrown from a connect callback when the address a request would reach is not allowed; the message says why.</summary>
public sealed class OutboundBlockedException(string message) : Exception(message);
