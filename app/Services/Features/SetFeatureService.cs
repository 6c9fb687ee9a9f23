using System.Globalization;
using System.Text.RegularExpressions;
using GitLabLite.Models.Features;
using GitLabLite.Params;
using GitLabLite.Repositories.Features;
using GitLabLite.Repositories.Projects;
using GitLabLite.Repositories.Users;

namespace GitLabLite.Services.Features;

/// <summary>
/// Sets a flag's gates as GitLab's POST /features/:name does (creating the feature if needed): "true" enables for the
/// given actors, or for everyone; "false" removes those actors, or disables for everyone; a number sets a percentage.
/// </summary>
public sealed partial class SetFeatureService(
    FeatureRepository features,
    FeatureFlags flags,
    UserRepository users,
    NamespaceRepository namespaces,
    ProjectRepository projects)
{
    public async Task<ServiceResponse<Feature>> ExecuteAsync(string name, SetFeatureParams p, CancellationToken ct)
    {
        if (p.ParamsError() is { } paramsError) return BadRequest(paramsError);
        if (ParseValue(p.Value!) is not { } value)
            return BadRequest($"Value must be boolean or numeric, got {p.Value}");
        if (value.Percentage is > 100)
            return BadRequest($"value must be a positive number less than or equal to 100, but was {p.Value}");
        if (p.Key is not (null or FeatureGateKeys.PercentageOfActors or FeatureGateKeys.PercentageOfTime))
            return BadRequest($"key must be {FeatureGateKeys.PercentageOfActors} or {FeatureGateKeys.PercentageOfTime}, got {p.Key}");
        if (p.Repository is not null)
            return BadRequest("repository actors are not supported: GitLabLite has no per-repository flags");

        if (!p.ActorsGiven)
        {
            if (value.Percentage is { } pct)
                await features.SetValueAsync(name, p.Key ?? FeatureGateKeys.PercentageOfTime, pct.ToString(CultureInfo.InvariantCulture), ct);
            else if (value.Enable)
                await features.EnableAsync(name, ct);
            else
                await features.DisableAsync(name, ct);
        }
        else
        {
            // GitLab would set a global percentage here and ignore the actors; that is never what the admin meant.
            if (value.Percentage is not null)
                return BadRequest("a percentage cannot be set for specific actors");
            var (actors, unknown) = await ResolveActorsAsync(p, ct);
            if (unknown is not null) return BadRequest($"{unknown} is not found!");
            var groups = Split(p.FeatureGroup);
            foreach (var (key, values) in new[] { (FeatureGateKeys.Actors, actors), (FeatureGateKeys.Groups, groups) })
            {
                if (values.Count == 0) continue;
                if (value.Enable) await features.AddToSetAsync(name, key, values, ct);
                else await features.RemoveFromSetAsync(name, key, values, ct);
            }
        }

        var snapshot = await flags.ReloadAsync(ct);
        return ServiceResponse<Feature>.Ok(snapshot.Features.GetValueOrDefault(name) ?? Feature.FromGates(name, []));
    }

    /// <summary>
    /// Flipper ids for the user/group/namespace/project lists, or the first entry that does not exist. Every entry is
    /// resolved before anything changes, so a typo in a list changes nothing.
    /// </summary>
    private async Task<(IReadOnlyList<string> Actors, string? Unknown)> ResolveActorsAsync(SetFeatureParams p, CancellationToken ct)
    {
        var actors = new List<string>();
        foreach (var username in Split(p.User))
        {
            if (await users.FindByUsernameOrNullAsync(username, ct) is not { } user) return ([], username);
            actors.Add(FeatureActor.FlipperIdOf(user));
        }
        foreach (var path in Split(p.Group))
        {
            if (await namespaces.FindByFullPathOrNullAsync(path, ct) is not { IsGroup: true } group) return ([], path);
            actors.Add(FeatureActor.FlipperIdOf(group));
        }
        foreach (var path in Split(p.Namespace))
        {
            if (await namespaces.FindByFullPathOrNullAsync(path, ct) is not { } ns) return ([], path);
            actors.Add(FeatureActor.FlipperIdOf(ns));
        }
        foreach (var path in Split(p.Project))
        {
            if (await projects.FindByFullPathOrNullAsync(path, ct) is not { } project) return ([], path);
            actors.Add(FeatureActor.FlipperIdOf(project));
        }
        return (actors.Distinct().ToList(), null);
    }

    /// <summary>GitLab's gate_value: "true"; "false" or "0"; digits with an optional fraction as a percentage.</summary>
    private static GateValue? ParseValue(string value) => value switch
    {
        "true" => new GateValue(true, null),
        "false" or "0" => new GateValue(false, null),
        _ when Percentage().IsMatch(value) && decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var pct)
            => new GateValue(true, pct),
        _ => null,
    };

    private static IReadOnlyList<string> Split(string? list) =>
        (list ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries).Distinct().ToList();

    private static ServiceResponse<Feature> BadRequest(string message) =>
        ServiceResponse<Feature>.Error($"400 Bad request - {message}", ServiceErrorReason.BadRequest);

    [GeneratedRegex(@"^\d+(\.\d+)?$")]
    private static partial Regex Percentage();

    private sealed record GateValue(bool Enable, decimal? Percentage);
}
