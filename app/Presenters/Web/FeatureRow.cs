using GitLabLite.Presenters.Features;

namespace GitLabLite.Presenters.Web;

/// <summary>A flag as the Features API presents it, whether it has been persisted, and its actor gates' Flipper ids.</summary>
public sealed record FeatureRow(FeaturePresenter.FeatureEntity Entity, bool Persisted, IReadOnlyList<string> Actors);
