namespace GitLabLite.Services.ObjectStorage;

/// <summary>The object store could not be reached or refused to work (network, 5xx, credentials, no bucket, open circuit): answered 503 + Retry-After.</summary>
public sealed class ObjectStoreUnavailableException(string message, Exception inner) : Exception(message, inner);
