using YamlDotNet.Serialization;
using YamlDotNet.Serialization.NamingConventions;

namespace GitLabLite.Models.Features;

/// <summary>
/// The flag definitions shipped with the app (config/feature_flags/*.yml), loaded once at start. A flag without a
/// definition can still be set through the API, as in GitLab; it then defaults to off.
/// </summary>
public sealed class FeatureDefinitions
{
    public static string DefaultPath => Path.Combine(AppContext.BaseDirectory, "config", "feature_flags");

    private readonly IReadOnlyDictionary<string, FeatureDefinition> _byName;

    public FeatureDefinitions(IEnumerable<FeatureDefinition> definitions) =>
        _byName = definitions.ToDictionary(d => d.Name, StringComparer.Ordinal);

    public IReadOnlyList<FeatureDefinition> All => _byName.Values.OrderBy(d => d.Name, StringComparer.Ordinal).ToList();

    public FeatureDefinition? FindOrNull(string name) => _byName.GetValueOrDefault(name);

    public bool DefaultEnabled(string name) => FindOrNull(name)?.DefaultEnabled ?? false;

    /// <summary>Reads every *.yml in <paramref name="directory"/>; a broken file stops the app at start, like GitLab's definition checks.</summary>
    public static FeatureDefinitions Load(string directory)
    {
        var yaml = new DeserializerBuilder()
            .WithNamingConvention(UnderscoredNamingConvention.Instance)
            .IgnoreUnmatchedProperties()
            .Build();
        var definitions = new List<FeatureDefinition>();
        foreach (var file in Directory.Exists(directory) ? Directory.GetFiles(directory, "*.yml") : [])
        {
            var definition = yaml.Deserialize<FeatureDefinition?>(File.ReadAllText(file))
                ?? throw new InvalidOperationException($"Feature flag definition {file} is empty");
            var expected = Path.GetFileNameWithoutExtension(file);
            if (definition.Name != expected)
                throw new InvalidOperationException($"Feature flag definition {file} names '{definition.Name}', expected '{expected}'");
            definitions.Add(definition);
        }
        return new FeatureDefinitions(definitions);
    }
}
