namespace GitLabLite.Git;

/// <summary>The two git smart HTTP services, with the names and content types git's http-backend uses.</summary>
public sealed record GitHttpService
{
    public static readonly GitHttpService UploadPack = new("git-upload-pack", "upload-pack");
    public static readonly GitHttpService ReceivePack = new("git-receive-pack", "receive-pack");

    private GitHttpService(string name, string command)
    {
        Name = name;
        Command = command;
    }

    /// <summary>The service as it appears in URLs and ?service= (git-upload-pack).</summary>
    public string Name { get; }

    /// <summary>The git subcommand that serves it (upload-pack).</summary>
    public string Command { get; }

    public bool IsPush => this == ReceivePack;

    public string AdvertisementContentType => $"application/x-{Name}-advertisement";

    public string RequestContentType => $"application/x-{Name}-request";

    public string ResultContentType => $"application/x-{Name}-result";

    public static GitHttpService? ParseOrNull(string? name) => name switch
    {
        "git-upload-pack" => UploadPack,
        "git-receive-pack" => ReceivePack,
        _ => null,
    };
}
