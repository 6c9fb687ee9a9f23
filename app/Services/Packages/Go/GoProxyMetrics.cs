using System.Diagnostics.Metrics;

namespace GitLabLite.Services.Packages.Go;

/// <summary>
/// What the Go proxy does behind its answers, as System.Diagnostics.Metrics instruments on the app's IMeterFactory:
/// operators read them from the metrics endpoint, and specs observe builds, extractions and refs reads through a
/// MeterListener instead of counters kept on the classes for them.
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
    }

    public Counter<long> Builds { get; }

    public Counter<long> Extractions { get; }

    public Counter<long> Refused { get; }

    public UpDownCounter<long> Active { get; }

    public UpDownCounter<long> ArchiveTempBytes { get; }

    public Counter<long> RefReads { get; }
}
