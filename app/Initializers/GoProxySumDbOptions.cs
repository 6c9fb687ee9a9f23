namespace GitLabLite.Initializers;

/// <summary>`GitLab:GoProxy:SumDb`: the checksum database pulled modules are verified against (GOSUMDB's parts).</summary>
public sealed class GoProxySumDbOptions
{
    /// <summary>The database name, as in GOSUMDB and in the proxy path /sumdb/&lt;name&gt;/.</summary>
    public string Name { get; set; } = "";

    /// <summary>Its verifier key, name+hash+key.</summary>
    public string Key { get; set; } = "";

    /// <summary>Where lookups and tiles are fetched (http or https).</summary>
    public string Url { get; set; } = "";
}
