namespace GitLabLite.Initializers;

/// <summary>
/// `GitLab:ObjectStore`: an S3-compatible bucket (AWS S3, MinIO, ...) that holds module zips for every node, as
/// GitLab's object storage holds packages. Off by default: zips then live only in each node's CachePath.
/// </summary>
public sealed class ObjectStoreOptions
{
    public const string Section = "GitLab:ObjectStore";

    public bool Enabled { get; set; }

    /// <summary>The service URL, e.g. http://minio:9000; empty means AWS S3 in <see cref="Region"/>.</summary>
    public string? Endpoint { get; set; }

    public string Bucket { get; set; } = "";

    /// <summary>Signing region (MinIO accepts any; us-east-1 is its default).</summary>
    public string Region { get; set; } = "us-east-1";

    public string AccessKey { get; set; } = "";

    public string SecretKey { get; set; } = "";

    /// <summary>http://host/bucket/key instead of http://bucket.host/key: what MinIO and most self-hosted stores need.</summary>
    public bool PathStyle { get; set; }

    /// <summary>
    /// True (GitLab's proxy_download): zips are streamed through the app from its local cache. False: the app answers
    /// 302 to a presigned URL and clients download from the store itself.
    /// </summary>
    public bool ProxyDownload { get; set; } = true;

    /// <summary>How long a presigned download URL stays valid: long enough to follow a redirect, short enough to be useless when leaked.</summary>
    public int PresignedUrlSeconds { get; set; } = 60;
}
