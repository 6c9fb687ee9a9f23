using Microsoft.Extensions.Options;

namespace GitLabLite.Initializers;

/// <summary>Refuses to start with an object store that cannot work, rather than failing on the first download.</summary>
public sealed class ObjectStoreOptionsValidator : IValidateOptions<ObjectStoreOptions>
{
    public ValidateOptionsResult Validate(string? name, ObjectStoreOptions options)
    {
        if (!options.Enabled) return ValidateOptionsResult.Success;
        if (string.IsNullOrWhiteSpace(options.Bucket))
            return ValidateOptionsResult.Fail("GitLab:ObjectStore:Bucket must name the bucket when the object store is enabled.");
        if (!string.IsNullOrEmpty(options.Endpoint) &&
            (!Uri.TryCreate(options.Endpoint, UriKind.Absolute, out var endpoint) || (endpoint.Scheme != "http" && endpoint.Scheme != "https")))
            return ValidateOptionsResult.Fail($"GitLab:ObjectStore:Endpoint must be an absolute http(s) URL, got '{options.Endpoint}'.");
        // No fallback to ambient credentials: the SDK would probe instance metadata endpoints for them.
        if (string.IsNullOrEmpty(options.AccessKey) || string.IsNullOrEmpty(options.SecretKey))
            return ValidateOptionsResult.Fail("GitLab:ObjectStore:AccessKey and SecretKey must be set when the object store is enabled.");
        if (options.PresignedUrlSeconds is < 1 or > 604800)
            return ValidateOptionsResult.Fail("GitLab:ObjectStore:PresignedUrlSeconds must be between 1 and 604800 (S3's limit).");
        return ValidateOptionsResult.Success;
    }
}
