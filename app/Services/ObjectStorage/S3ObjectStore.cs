using System.Net;
using System.Net.Sockets;
using Amazon;
using Amazon.Runtime;
using Amazon.S3;
using Amazon.S3.Model;
using GitLabLite.Initializers;
using GitLabLite.Services.Packages.Go;
using Microsoft.Extensions.Options;
using Polly;
using Polly.Registry;

namespace GitLabLite.Services.ObjectStorage;

/// <summary>
/// One bucket of an S3-compatible service (AWS S3, MinIO, ...) through the AWS SDK. Every call runs in the
/// "object-store" resilience pipeline (a short retry inside a circuit breaker); a store that cannot be reached, or
/// refuses, surfaces as <see cref="ObjectStoreUnavailableException"/>, which the app answers with 503. Files go up
/// in one PUT or, past <see cref="PartSize"/>, as a multipart upload that becomes visible only when completed.
/// The bucket is never created here (as GitLab, which expects buckets provisioned with their policies): a bucket
/// that does not exist stops the start (<see cref="CheckBucketAsync"/>) and, removed later, fails each call with its name.
/// </summary>
public sealed class S3ObjectStore : IDisposable
{
    public const string Pipeline = "object-store";

    /// <summary>S3's minimum part size is 5 MiB; 8 MiB keeps a 500 MiB zip well under the 10,000-part limit.</summary>
    public const long PartSize = 8L << 20;

    private const string NoSuchBucket = "NoSuchBucket";

    private readonly AmazonS3Client _client;
    private readonly string _bucket;
    private readonly string _where;
    private readonly Protocol _protocol;
    private readonly ResiliencePipeline _pipeline;
    private readonly ObjectStoreMetrics _metrics;

    public S3ObjectStore(IOptions<ObjectStoreOptions> options, ResiliencePipelineProvider<string> pipelines, ObjectStoreMetrics metrics)
    {
        var o = options.Value;
        var config = new AmazonS3Config
        {
            ForcePathStyle = o.PathStyle,
            // SDK v4 adds CRC trailers to uploads and expects them on downloads by default; S3-compatible stores
            // (older MinIO, s3rver) do not all speak that, and the module store checks SHA-256 itself.
            RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
            ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
            // Retries belong to the resilience pipeline, so an outage is detected after one policy's worth of tries.
            MaxErrorRetry = 0,
            Timeout = TimeSpan.FromSeconds(30),
        };
        if (string.IsNullOrEmpty(o.Endpoint)) config.RegionEndpoint = RegionEndpoint.GetBySystemName(o.Region);
        else
        {
            config.ServiceURL = o.Endpoint;
            config.AuthenticationRegion = o.Region;
        }
        _client = new AmazonS3Client(new BasicAWSCredentials(o.AccessKey, o.SecretKey), config);
        _bucket = o.Bucket;
        _where = string.IsNullOrEmpty(o.Endpoint) ? $"AWS S3 ({o.Region})" : o.Endpoint;
        _protocol = o.Endpoint?.StartsWith("http://", StringComparison.OrdinalIgnoreCase) == true ? Protocol.HTTP : Protocol.HTTPS;
        _pipeline = pipelines.GetPipeline(Pipeline);
        _metrics = metrics;
    }

    /// <summary>Uploads the file as <paramref name="key"/>; the object appears whole or not at all.</summary>
    public Task UploadFileAsync(string key, string path, string contentType, CancellationToken ct) => RunAsync("upload", async token =>
    {
        var length = new FileInfo(path).Length;
        if (length <= PartSize)
        {
            await _client.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, FilePath = path, ContentType = contentType }, token);
        }
        else
        {
            var upload = await _client.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest { BucketName = _bucket, Key = key, ContentType = contentType }, token);
            try
            {
                var parts = new List<PartETag>();
                for (var offset = 0L; offset < length; offset += PartSize)
                {
                    var number = parts.Count + 1;
                    var part = await _client.UploadPartAsync(new UploadPartRequest
                    {
                        BucketName = _bucket, Key = key, UploadId = upload.UploadId, PartNumber = number,
                        FilePath = path, FilePosition = offset, PartSize = Math.Min(PartSize, length - offset),
                    }, token);
                    parts.Add(new PartETag(number, part.ETag));
                }
                await _client.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
                {
                    BucketName = _bucket, Key = key, UploadId = upload.UploadId, PartETags = parts,
                }, token);
            }
            catch
            {
                // Parts of an abandoned upload are invisible but billed; a store that is down keeps them until its
                // lifecycle rule for incomplete uploads removes them.
                await AbortQuietlyAsync(key, upload.UploadId);
                throw;
            }
        }
        _metrics.Transferred("up", length);
        return true;
    }, ct);

    public Task PutAsync(string key, byte[] body, string contentType, CancellationToken ct) => RunAsync("upload", async token =>
    {
        using var stream = new MemoryStream(body, writable: false);
        await _client.PutObjectAsync(new PutObjectRequest { BucketName = _bucket, Key = key, InputStream = stream, ContentType = contentType }, token);
        _metrics.Transferred("up", body.Length);
        return true;
    }, ct);

    /// <summary>A small object's bytes, or null when there is no such object.</summary>
    public Task<byte[]?> GetBytesOrNullAsync(string key, CancellationToken ct) => RunAsync("get", async token =>
    {
        try
        {
            using var response = await _client.GetObjectAsync(_bucket, key, token);
            using var buffer = new MemoryStream();
            await response.ResponseStream.CopyToAsync(buffer, token);
            _metrics.Transferred("down", buffer.Length);
            return buffer.ToArray();
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != NoSuchBucket)
        {
            return null;
        }
    }, ct);

    /// <summary>Writes the object to <paramref name="path"/> (replacing it), returning its length and SHA-256; null when there is no such object.</summary>
    public Task<(long Length, string Sha256)?> DownloadOrNullAsync(string key, string path, CancellationToken ct) => RunAsync("download", async token =>
    {
        try
        {
            using var response = await _client.GetObjectAsync(_bucket, key, token);
            var sha256 = "";
            await using (var file = new FileStream(path, FileMode.Create, FileAccess.Write, FileShare.None, 1 << 20, FileOptions.Asynchronous))
            await using (var hashing = new DigestingStream(file, hex => sha256 = hex, leaveInnerOpen: true))
                await response.ResponseStream.CopyToAsync(hashing, 1 << 20, token);
            var length = new FileInfo(path).Length;
            _metrics.Transferred("down", length);
            return ((long, string)?)(length, sha256);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound && e.ErrorCode != NoSuchBucket)
        {
            return null;
        }
    }, ct);

    /// <summary>Deletes the object; deleting one that is not there is not an error (S3 answers 204 alike).</summary>
    public Task DeleteAsync(string key, CancellationToken ct) => RunAsync("delete", async token =>
    {
        await _client.DeleteObjectAsync(_bucket, key, token);
        return true;
    }, ct);

    /// <summary>A URL that lets anyone GET the object until it expires (signed locally: no request to the store).</summary>
    public string PresignedGetUrl(string key, TimeSpan validFor)
    {
        _metrics.Operation("presign");
        return _client.GetPreSignedURL(new GetPreSignedUrlRequest
        {
            BucketName = _bucket, Key = key, Verb = HttpVerb.GET, Protocol = _protocol, Expires = DateTime.UtcNow + validFor,
        });
    }

    /// <summary>
    /// At start: a GET of a key nobody writes, the very call a node makes for every zip it does not have (the store
    /// answers NoSuchKey). A bucket that does not exist, or keys the store refuses, stop the start with a message
    /// saying what to fix; a store out of reach only warns, as the node serves what it has on disk and recovers by
    /// itself when the store is back.
    /// </summary>
    public async Task CheckBucketAsync(ILogger logger, CancellationToken ct)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(10));
        try
        {
            using var _ = await _client.GetObjectAsync(_bucket, "go-zips/bucket-check", timeout.Token);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == "NoSuchKey")
        {
            // The bucket is there and lets this node read it.
        }
        catch (AmazonS3Exception e) when (e.ErrorCode == NoSuchBucket)
        {
            throw new InvalidOperationException(MissingBucket(), e);
        }
        catch (AmazonS3Exception e) when (e.ErrorCode is "InvalidAccessKeyId" or "SignatureDoesNotMatch" or "AccessDenied")
        {
            throw new InvalidOperationException(
                $"The object store at {_where} refused GitLab:ObjectStore:AccessKey/SecretKey for bucket '{_bucket}' ({e.ErrorCode}): the key needs to read, write and list its objects.", e);
        }
        catch (Exception e) when (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or OperationCanceledException
            && !ct.IsCancellationRequested)
        {
            logger.LogWarning("Object store at {Store} is out of reach at start ({Error}); zips not on this node's disk answer 503 until it is back", _where, e.Message);
        }
    }

    public void Dispose() => _client.Dispose();

    /// <summary>Failures that mean "the store is unreachable or overloaded right now", worth a retry.</summary>
    public static bool IsTransient(Exception e) => e switch
    {
        AmazonServiceException service => service.StatusCode == 0 || (int)service.StatusCode >= 500 || service.ErrorCode is "SlowDown" or "RequestTimeout"
            || service.InnerException is HttpRequestException or IOException or SocketException,
        HttpRequestException or IOException or SocketException or TimeoutException or TaskCanceledException => true,
        _ => false,
    };

    private async Task<T> RunAsync<T>(string operation, Func<CancellationToken, Task<T>> call, CancellationToken ct)
    {
        _metrics.Operation(operation);
        try
        {
            return await _pipeline.ExecuteAsync(async token => await call(token), ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            _metrics.Error(operation);
            if (e is AmazonS3Exception { ErrorCode: NoSuchBucket }) throw new ObjectStoreUnavailableException(MissingBucket(), e);
            if (e is AmazonServiceException or AmazonClientException or HttpRequestException or IOException or SocketException or TimeoutException
                or OperationCanceledException or Polly.CircuitBreaker.BrokenCircuitException)
                throw new ObjectStoreUnavailableException($"object store unavailable during {operation}: {e.Message}", e);
            throw;
        }
    }

    private string MissingBucket() =>
        $"Object store bucket '{_bucket}' does not exist at {_where}: create it (e.g. `mc mb store/{_bucket}`; GitLabLite never creates buckets) or set GitLab:ObjectStore:Bucket to one that exists";

    private async Task AbortQuietlyAsync(string key, string uploadId)
    {
        try
        {
            await _client.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = _bucket, Key = key, UploadId = uploadId });
        }
        catch (Exception e) when (e is AmazonServiceException or HttpRequestException or IOException)
        {
            // Best effort: the upload was never completed, so nothing half-written is visible either way.
        }
    }
}
