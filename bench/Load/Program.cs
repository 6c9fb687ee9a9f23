using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;

// Load run against a running GitLabLite: 64 clients for 60 s mixing Go proxy list/info/mod/zip and API reads.
// Usage: GitLabLite.Load <base-url> <token> <project-id> <module-path> <version> [clients] [seconds]
if (args.Length < 5)
{
    Console.Error.WriteLine("usage: GitLabLite.Load <base-url> <token> <project-id> <module-path> <version> [clients=64] [seconds=60]");
    return 2;
}
var (baseUrl, token, projectId, module, version) = (args[0].TrimEnd('/'), args[1], args[2], args[3], args[4]);
var clients = args.Length > 5 ? int.Parse(args[5], CultureInfo.InvariantCulture) : 64;
var duration = TimeSpan.FromSeconds(args.Length > 6 ? int.Parse(args[6], CultureInfo.InvariantCulture) : 60);
var proxy = $"/api/v4/projects/{projectId}/packages/go/{module}/@v/";
(string Kind, string Path)[] mix =
[
    ("list", proxy + "list"), ("info", proxy + version + ".info"), ("mod", proxy + version + ".mod"),
    ("zip", proxy + version + ".zip"), ("project", $"/api/v4/projects/{projectId}"), ("tags", $"/api/v4/projects/{projectId}/repository/tags"),
];
var handler = new SocketsHttpHandler { MaxConnectionsPerServer = clients };
// LOAD_TRUST_PEM: a self-signed server certificate to trust, exactly that one (bin/bench's HTTPS server).
if (Environment.GetEnvironmentVariable("LOAD_TRUST_PEM") is { Length: > 0 } pem)
{
    var trusted = X509CertificateLoader.LoadCertificateFromFile(pem).RawData;
    handler.SslOptions = new SslClientAuthenticationOptions
    {
        RemoteCertificateValidationCallback = (_, certificate, _, _) => certificate is not null && certificate.GetRawCertData().AsSpan().SequenceEqual(trusted),
    };
}
using var http = new HttpClient(handler) { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(30) };
http.DefaultRequestHeaders.Add("PRIVATE-TOKEN", token);
var timings = new ConcurrentDictionary<string, ConcurrentBag<double>>();
var errors = new ConcurrentBag<string>();
var end = DateTime.UtcNow + duration;
await Task.WhenAll(Enumerable.Range(0, clients).Select(worker => Task.Run(async () =>
{
    for (var i = worker; DateTime.UtcNow < end; i++)
    {
        var (kind, path) = mix[i % mix.Length];
        var clock = Stopwatch.StartNew();
        try
        {
            using var response = await http.GetAsync(path, HttpCompletionOption.ResponseContentRead);
            if (!response.IsSuccessStatusCode) errors.Add($"{kind} {(int)response.StatusCode}");
        }
        catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
        {
            errors.Add($"{kind} {e.GetType().Name}");
        }
        timings.GetOrAdd(kind, _ => []).Add(clock.Elapsed.TotalMilliseconds);
    }
})));
var total = timings.Values.Sum(b => b.Count);
Console.WriteLine($"{total} requests in {duration.TotalSeconds:0} s ({total / duration.TotalSeconds:0} req/s), {errors.Count} errors");
foreach (var (kind, bag) in timings.OrderBy(t => t.Key))
{
    var sorted = bag.Order().ToArray();
    Console.WriteLine($"{kind,-8} n={sorted.Length,7} p50={Percentile(sorted, 0.50),8:0.0} ms p99={Percentile(sorted, 0.99),8:0.0} ms max={sorted[^1],8:0.0} ms");
}
foreach (var group in errors.GroupBy(e => e).OrderByDescending(g => g.Count()).Take(10)) Console.WriteLine($"error: {group.Key} x{group.Count()}");
return errors.IsEmpty ? 0 : 1;

static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
