using System.Text.Json.Serialization;

namespace GitLabLite.Params;

/// <summary>
/// POST /features/:name as GitLab takes it. Actor parameters are comma-separated lists: usernames, group or
/// namespace full paths, project full paths, feature group names.
/// </summary>
public sealed record SetFeatureParams
{
    /// <summary>"true", "false"/"0", or a percentage (integer or decimal); JSON numbers and booleans are accepted too.</summary>
    [JsonConverter(typeof(ScalarAsStringConverter))]
    public string? Value { get; init; }

    /// <summary>percentage_of_actors, or percentage_of_time (the default) for a numeric value.</summary>
    public string? Key { get; init; }

    public string? FeatureGroup { get; init; }
    public string? User { get; init; }
    public string? Group { get; init; }
    public string? Namespace { get; init; }
    public string? Project { get; init; }
    public string? Repository { get; init; }

    /// <summary>GitLab skips definition checks with it; GitLabLite never requires a definition, so it changes nothing.</summary>
    public bool Force { get; init; }

    /// <summary>Whether any actor parameter was given (even empty): then the value applies to those actors only.</summary>
    public bool ActorsGiven => ActorParams.Any(p => p.Value is not null);

    /// <summary>Grape's parameter checks, in GitLab's wording ({"error": ...}); null when fine.</summary>
    public string? ParamsError()
    {
        if (string.IsNullOrEmpty(Value)) return "value is missing";
        var actorParam = ActorParams.FirstOrDefault(p => p.Value is not null).Name;
        return Key is not null && actorParam is not null ? $"key, {actorParam} are mutually exclusive" : null;
    }

    internal IEnumerable<(string Name, string? Value)> ActorParams =>
    [
        ("feature_group", FeatureGroup), ("user", User), ("group", Group), ("namespace", Namespace),
        ("project", Project), ("repository", Repository),
    ];
}
