using System.Diagnostics;
using System.Net;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json;
using Amazon.Runtime;
using Amazon.S3;

namespace GitLabLite.Spec.Support;

/// <summary>
/// A real S3-compatible server for the object-store specs: spec/s3rver (node, installed by bin/setup) over HTTPS on
/// its own loopback address with a self-signed certificate, one bucket, data in a temp directory. It checks SigV4
/// signatures as S3 does, presigned URLs and their expiry included. <see cref="Stop"/> and <see cref="Start"/> take
/// it down and bring it back on the same port with the same data.
/// </summary>
public sealed class S3rverProcess : IDisposable
{
    public const string AccessKey = "S3RVER";
    public const string SecretKey = "S3RVER";
    public const string Bucket = "modules";

    private readonly string _root;
    private readonly X509Certificate2 _certificate;
    private Process? _process;

    public S3rverProcess(IPAddress address)
    {
        Address = address;
        _root = Directory.CreateTempSubdirectory("gitlablite-s3-").FullName;
        Directory.CreateDirectory(DataDirectory);
        _certificate = SelfSignedCertificate.Create(address);
        CaFile = Path.Combine(_root, "ca.pem");
        SelfSignedCertificate.WritePem(_certificate, CaFile);
        File.WriteAllText(KeyFile, _certificate.GetRSAPrivateKey()!.ExportPkcs8PrivateKeyPem() + "\n");
        Start();
    }

    public IPAddress Address { get; }

    public int Port { get; private set; }

    public string Endpoint => $"https://{Address}:{Port}";

    /// <summary>PEM of the server's certificate, for SSL_CERT_FILE of the processes that talk to it.</summary>
    public string CaFile { get; }

    public string DataDirectory => Path.Combine(_root, "data");

    private string KeyFile => Path.Combine(_root, "key.pem");

    public static string PackageDirectory => Path.Combine(AppProcess.RepositoryRoot, "spec", "s3rver");

    public void Start()
    {
        if (_process is { HasExited: false }) return;
        if (!Directory.Exists(Path.Combine(PackageDirectory, "node_modules", "@20minutes", "s3rver")))
            throw new InvalidOperationException("spec/s3rver/node_modules is missing: bin/setup --test runs `npm ci` there");
        var start = new ProcessStartInfo("node") { WorkingDirectory = PackageDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "serve.cjs", Address.ToString(), Port.ToString(), DataDirectory, Bucket, KeyFile, CaFile }) start.ArgumentList.Add(arg);
        _process = Process.Start(start) ?? throw new InvalidOperationException("node did not start");
        var line = _process.StandardOutput.ReadLineAsync().WaitAsync(TimeSpan.FromSeconds(60)).GetAwaiter().GetResult();
        if (line is null) throw new InvalidOperationException($"s3rver did not start: {_process.StandardError.ReadToEnd()}");
        Port = JsonDocument.Parse(line).RootElement.GetProperty("port").GetInt32();
    }

    /// <summary>SIGKILL: the store is gone (connections refused) until <see cref="Start"/>.</summary>
    public void Stop()
    {
        if (_process is null) return;
        if (!_process.HasExited) _process.Kill();
        _process.WaitForExit(10_000);
        _process.Dispose();
        _process = null;
    }

    /// <summary>
    /// The keys of the bucket's complete objects, read from s3rver's data directory (pinned version: one
    /// "&lt;key&gt;._S3rver_object" file per object; parts of unfinished multipart uploads live elsewhere).
    /// </summary>
    public IReadOnlyList<string> ObjectKeys()
    {
        const string suffix = "._S3rver_object";
        var bucket = Path.Combine(DataDirectory, Bucket);
        if (!Directory.Exists(bucket)) return [];
        return Directory.EnumerateFiles(bucket, "*" + suffix, SearchOption.AllDirectories)
            .Select(f => Path.GetRelativePath(bucket, f)[..^suffix.Length].Replace(Path.DirectorySeparatorChar, '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
    }

    /// <summary>An S3 client of the spec's own, for reading and planting objects in the bucket.</summary>
    public AmazonS3Client Client() => new(new BasicAWSCredentials(AccessKey, SecretKey), new AmazonS3Config
    {
        ServiceURL = Endpoint,
        AuthenticationRegion = "us-east-1",
        ForcePathStyle = true,
        RequestChecksumCalculation = RequestChecksumCalculation.WHEN_REQUIRED,
        ResponseChecksumValidation = ResponseChecksumValidation.WHEN_REQUIRED,
        HttpClientFactory = new TrustingHttpClientFactory(_certificate),
    });

    /// <summary>Settings that point an app process at this store (its certificate trusted through SSL_CERT_FILE).</summary>
    public Dictionary<string, string> AppEnvironment(string endpoint, bool proxyDownload = true) => new()
    {
        ["GitLab__ObjectStore__Enabled"] = "true",
        ["GitLab__ObjectStore__Endpoint"] = endpoint,
        ["GitLab__ObjectStore__Bucket"] = Bucket,
        ["GitLab__ObjectStore__Region"] = "us-east-1",
        ["GitLab__ObjectStore__AccessKey"] = AccessKey,
        ["GitLab__ObjectStore__SecretKey"] = SecretKey,
        ["GitLab__ObjectStore__PathStyle"] = "true",
        ["GitLab__ObjectStore__ProxyDownload"] = proxyDownload ? "true" : "false",
        ["SSL_CERT_FILE"] = CaFile,
    };

    /// <summary>An HttpClient handler that trusts exactly this server's certificate.</summary>
    public HttpClientHandler TrustingHandler() => new()
    {
        ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == _certificate.Thumbprint,
        AllowAutoRedirect = false,
    };

    public void Dispose()
    {
        Stop();
        _certificate.Dispose();
        if (Directory.Exists(_root)) Directory.Delete(_root, recursive: true);
    }

    private sealed class TrustingHttpClientFactory(X509Certificate2 certificate) : HttpClientFactory
    {
        public override HttpClient CreateHttpClient(IClientConfig clientConfig) => new(new HttpClientHandler
        {
            ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.Thumbprint == certificate.Thumbprint,
        });
    }
}
