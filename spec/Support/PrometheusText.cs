using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace GitLabLite.Spec.Support;

/// <summary>
/// A strict reader of the Prometheus text exposition format 0.0.4 (prometheus.io/docs/instrumenting/exposition_formats):
/// HELP and TYPE comments, samples `name{label="value",...} value [timestamp]` with escaped label values. Anything
/// else fails the spec, so a scrape that parses here parses in Prometheus.
/// </summary>
public sealed partial class PrometheusText
{
    private readonly Dictionary<string, double> _samples = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _types = new(StringComparer.Ordinal);

    private PrometheusText()
    {
    }

    public static PrometheusText Parse(string text)
    {
        var parsed = new PrometheusText();
        var lineNumber = 0;
        foreach (var line in text.Split('\n'))
        {
            lineNumber++;
            if (line.Length == 0) continue;
            if (line.StartsWith('#'))
            {
                var comment = Comment().Match(line);
                if (!comment.Success) continue;
                if (comment.Groups[1].Value == "TYPE")
                {
                    var type = comment.Groups[3].Value;
                    if (type is not ("counter" or "gauge" or "histogram" or "summary" or "untyped"))
                        throw new FormatException($"line {lineNumber}: unknown metric type '{type}'");
                    if (!parsed._types.TryAdd(comment.Groups[2].Value, type))
                        throw new FormatException($"line {lineNumber}: second TYPE line for {comment.Groups[2].Value}");
                }
                continue;
            }
            var sample = Sample().Match(line);
            if (!sample.Success) throw new FormatException($"line {lineNumber}: not a sample: {line}");
            var labels = sample.Groups[2].Success ? Labels(sample.Groups[2].Value, lineNumber) : [];
            var key = Key(sample.Groups[1].Value, labels);
            var value = sample.Groups[3].Value switch
            {
                "+Inf" => double.PositiveInfinity,
                "-Inf" => double.NegativeInfinity,
                "NaN" => double.NaN,
                var v => double.Parse(v, NumberStyles.Float, CultureInfo.InvariantCulture),
            };
            if (!parsed._samples.TryAdd(key, value)) throw new FormatException($"line {lineNumber}: duplicate series {key}");
        }
        return parsed;
    }

    public string? TypeOf(string metric) => _types.GetValueOrDefault(metric);

    /// <summary>
    /// The sum over every series of <paramref name="metric"/> whose labels include <paramref name="labels"/> (0 when
    /// there is none: a counter nothing has touched yet is not exported).
    /// </summary>
    public double Sum(string metric, params (string Name, string Value)[] labels)
    {
        var wanted = labels.Select(l => $"{l.Name}=\"{Escape(l.Value)}\"").ToArray();
        return _samples.Where(s => (s.Key == metric || s.Key.StartsWith(metric + "{", StringComparison.Ordinal)) && wanted.All(w => s.Key.Contains(w, StringComparison.Ordinal)))
            .Sum(s => s.Value);
    }

    private static Dictionary<string, string> Labels(string text, int lineNumber)
    {
        var labels = new Dictionary<string, string>(StringComparer.Ordinal);
        var at = 0;
        while (at < text.Length)
        {
            var label = Label().Match(text, at);
            if (!label.Success || label.Index != at) throw new FormatException($"line {lineNumber}: bad label at '{text[at..]}'");
            var value = new StringBuilder();
            var raw = label.Groups[2].Value;
            for (var i = 0; i < raw.Length; i++)
            {
                if (raw[i] != '\\') { value.Append(raw[i]); continue; }
                value.Append(raw[++i] switch
                {
                    'n' => '\n',
                    '\\' => '\\',
                    '"' => '"',
                    var c => throw new FormatException($"line {lineNumber}: bad escape \\{c}"),
                });
            }
            if (!labels.TryAdd(label.Groups[1].Value, value.ToString())) throw new FormatException($"line {lineNumber}: label {label.Groups[1].Value} twice");
            at = label.Index + label.Length;
        }
        return labels;
    }

    private static string Key(string metric, IReadOnlyDictionary<string, string> labels) =>
        labels.Count == 0 ? metric : $"{metric}{{{string.Join(',', labels.OrderBy(l => l.Key, StringComparer.Ordinal).Select(l => $"{l.Key}=\"{Escape(l.Value)}\""))}}}";

    private static string Escape(string value) => value.Replace("\\", "\\\\").Replace("\"", "\\\"").Replace("\n", "\\n");

    [GeneratedRegex(@"^# (HELP|TYPE) ([a-zA-Z_:][a-zA-Z0-9_:]*) ?(.*)$")]
    private static partial Regex Comment();

    [GeneratedRegex(@"^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? ([-+]?(?:[0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?|Inf|NaN))(?: -?[0-9]+)?$")]
    private static partial Regex Sample();

    [GeneratedRegex(@"([a-zA-Z_][a-zA-Z0-9_]*)=""((?:[^""\\]|\\.)*)"",?")]
    private static partial Regex Label();
}
