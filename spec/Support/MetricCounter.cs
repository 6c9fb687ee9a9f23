using System.Diagnostics.Metrics;

namespace GitLabLite.Spec.Support;

/// <summary>
/// Follows one instrument of one app instance (other instances in the same test process have instruments of their
/// own): the sum of what was added since the start, and the highest sum seen, which is the peak of an up-down
/// counter such as builds in progress.
/// </summary>
public sealed class MetricCounter : IDisposable
{
    private readonly MeterListener _listener = new();
    private readonly Lock _lock = new();
    private long _value;
    private long _peak;

    private MetricCounter(Instrument instrument)
    {
        _listener.InstrumentPublished = (published, listener) =>
        {
            if (ReferenceEquals(published, instrument)) listener.EnableMeasurementEvents(published);
        };
        _listener.SetMeasurementEventCallback<long>((_, measurement, _, _) =>
        {
            lock (_lock)
            {
                _value += measurement;
                _peak = Math.Max(_peak, _value);
            }
        });
        _listener.Start();
    }

    /// <summary>Starts counting what <paramref name="instrument"/> records from now on.</summary>
    public static MetricCounter Start(Instrument instrument) => new(instrument);

    public long Value
    {
        get { lock (_lock) return _value; }
    }

    public long Peak
    {
        get { lock (_lock) return _peak; }
    }

    public void Dispose() => _listener.Dispose();
}
