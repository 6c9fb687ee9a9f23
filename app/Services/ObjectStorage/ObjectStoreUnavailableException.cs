namespace GitLabLite.Services.ObjectStorage;

/// <summary>The object store could not be reached or refused to work (network, 5xx, credentials, open circuit): answered 503 + Retry-After.</summary>
public sealed class ObjectStoreUnavailableException(string operation, Exception inner)
    : Exception($"object store unavailable during {operation}: {inner.Message}", inner);
