using System.Diagnostics.Metrics;

namespace GitLabLite.Services.ObjectStorage;

/// <summary>Calls to the object store by operation, those that failed, and the bytes moved.</summary>
public sealed class ObjectStoreMetrics
{
    public const string MeterName = "GitLabLite.ObjectStorage";

    private readonly Counter<long> _operations;
    private readonly Counter<long> _errors;
    private readonly Counter<long> _bytes;

    public ObjectStoreMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        _operations = meter.CreateCounter<long>("gitlablite.object_store.operations",
            description: "Object store operations by kind (head, get, download, upload, presign); an upload counts once however many parts it has");
        _errors = meter.CreateCounter<long>("gitlablite.object_store.errors",
            description: "Object store operations that failed (unreachable, 5xx, refused, or the circuit breaker open)");
        _bytes = meter.CreateCounter<long>("gitlablite.object_store.transferred", unit: "By",
            description: "Bytes uploaded to and downloaded from the object store, by direction");
    }

    public void Operation(string operation) => _operations.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void Error(string operation) => _errors.Add(1, new KeyValuePair<string, object?>("operation", operation));

    public void Transferred(string direction, long bytes) => _bytes.Add(bytes, new KeyValuePair<string, object?>("direction", direction));
}
