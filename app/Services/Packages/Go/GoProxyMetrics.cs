using System.Diagnostics.Metrics;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// What the Go proxy does behind its answers, as System.Diagnostics.Metrics instruments on the app's IMeterFactory:
/// operators read them at /-/metrics, and specs observe builds, extractions and refs reads through a MeterListener
/// instead of counters kept on the classes for them. The zip cache counts are this node's own.
/// </summary>
public sealed class GoProxyMetrics
{
    public const string MeterName = "GitLabLite.Packages.Go";

    public GoProxyMetrics(IMeterFactory meters)
    {
        var meter = meters.Create(MeterName);
        Builds = meter.CreateCounter<long>("gitlablite.go_proxy.zip.builds", description: "Module zip builds started");
        Extractions = meter.CreateCounter<long>("gitlablite.go_proxy.zip.archive_extractions", description: "git archive extractions for trees whose .gitattributes rewrite content");
        Refused = meter.CreateCounter<long>("gitlablite.go_proxy.zip.builds_refused", description: "Builds refused for lack of a slot or temporary disk (answered 503)");
        Active = meter.CreateUpDownCounter<long>("gitlablite.go_proxy.zip.builds_active", description: "Module zip builds running now");
        ArchiveTempBytes = meter.CreateUpDownCounter<long>("gitlablite.go_proxy.zip.archive_temp_bytes", unit: "By", description: "Temporary disk reserved for git archive extractions");
        RefReads = meter.CreateCounter<long>("gitlablite.go_proxy.ref_reads", description: "Times a repository's refs were read from git (version index misses)");
        ZipCacheHits = meter.CreateCounter<long>("gitlablite.go_proxy.zip.cache_hits", description: "Module zip requests served from this node's disk cache");
        ZipCacheMisses = meter.CreateCounter<long>("gitlablite.go_proxy.zip.cache_misses",
            description: "Module zip requests not in this node's disk cache (fetched from the object store, or built)");
        ZipCacheEvictions = meter.CreateCounter<long>("gitlablite.go_proxy.zip.cache_evictions",
            description: "Module zips evicted from this node's disk cache to stay under GitLab:ZipCacheMaxBytes");
        BuildDuration = meter.CreateHistogram("gitlablite.go_proxy.zip.build.duration", unit: "s",
            description: "Module zip builds by result (ok, or unusable: the version breaks the zip rules or limits)",
            advice: new InstrumentAdvice<double> { HistogramBucketBoundaries = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120] });
        BuiltBytes = meter.CreateCounter<long>("gitlablite.go_proxy.zip.built", unit: "By", description: "Bytes of module zips built by this node");
    }

    public Counter<long> Builds { get; }

    public Counter<long> Extractions { get; }

    public Counter<long> Refused { get; }

    public UpDownCounter<long> Active { get; }

    public UpDownCounter<long> ArchiveTempBytes { get; }

    public Counter<long> RefReads { get; }

    public Counter<long> ZipCacheHits { get; }

    public Counter<long> ZipCacheMisses { get; }

    public Counter<long> ZipCacheEvictions { get; }

    public Histogram<double> BuildDuration { get; }

    public Counter<long> BuiltBytes { get; }

    public void Built(TimeSpan elapsed, long bytes)
    {
        BuildDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("result", "ok"));
        BuiltBytes.Add(bytes);
    }

    public void Unusable(TimeSpan elapsed) => BuildDuration.Record(elapsed.TotalSeconds, new KeyValuePair<string, object?>("result", "unusable"));
}
