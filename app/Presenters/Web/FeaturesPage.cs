using GitLabLite.Models.Features;

namespace GitLabLite.Presenters.Web;

/// <summary>The feature flags page; <see cref="Project"/> pre-fills the per-project form (the project page links here).</summary>
public sealed record FeaturesPage(IReadOnlyList<FeatureRow> Features, IReadOnlyDictionary<string, FeatureActorName> Actors, string Project, string GoProxyFeature);
