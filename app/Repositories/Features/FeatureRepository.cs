using GitLabLite.Models.Features;

namespace GitLabLite.Repositories.Features;

/// <summary>
/// Flipper's ActiveRecord adapter over features / feature_gates. Every write goes through triggers that bump
/// feature_flag_versions and publish it on the change bus (see the migrations), which keeps every process's cache fresh.
/// </summary>
public sealed class FeatureRepository(Database db)
{
    /// <summary>
    /// Every persisted feature with its gates and the change stamp, in one statement so the stamp matches the
    /// rows it was read with. There is always at least one row (the stamp).
    /// </summary>
    public Task<IReadOnlyList<FeatureGateRow>> LoadAllAsync(CancellationToken ct) =>
        db.QueryAsync<FeatureGateRow>(
            """
            SELECT v.version, f.key AS feature_key, g.key AS gate_key, g.value
            FROM (SELECT coalesce((SELECT version FROM feature_flag_versions), 0) AS version) v
            LEFT JOIN (features f LEFT JOIN feature_gates g ON g.feature_key = f.key) ON true
            ORDER BY f.key, g.key, g.value
            """, null, ct);

    /// <summary>Flipper's boolean enable: clears every other gate, then stores boolean=true.</summary>
    public Task EnableAsync(string name, CancellationToken ct) =>
        ChangeAsync(name, async tx =>
        {
            await tx.ExecuteAsync("DELETE FROM feature_gates WHERE feature_key = @name", new { name });
            await InsertGateAsync(tx, name, FeatureGateKeys.Boolean, "true");
        }, ct);

    /// <summary>Flipper's boolean disable: clears all gates; the feature stays persisted, so it is off (not its default).</summary>
    public Task DisableAsync(string name, CancellationToken ct) =>
        ChangeAsync(name, tx => tx.ExecuteAsync("DELETE FROM feature_gates WHERE feature_key = @name", new { name }), ct);

    /// <summary>Adds values to a set gate (actors, groups).</summary>
    public Task AddToSetAsync(string name, string key, IReadOnlyList<string> values, CancellationToken ct) =>
        ChangeAsync(name, async tx =>
        {
            foreach (var value in values)
                await InsertGateAsync(tx, name, key, value);
        }, ct);

    public Task RemoveFromSetAsync(string name, string key, IReadOnlyList<string> values, CancellationToken ct) =>
        ChangeAsync(name, tx => tx.ExecuteAsync(
            "DELETE FROM feature_gates WHERE feature_key = @name AND key = @key AND value = ANY(@values)",
            new { name, key, values = values.ToArray() }), ct);

    /// <summary>Replaces a single-valued gate (percentage_of_actors, percentage_of_time).</summary>
    public Task SetValueAsync(string name, string key, string value, CancellationToken ct) =>
        ChangeAsync(name, async tx =>
        {
            await tx.ExecuteAsync("DELETE FROM feature_gates WHERE feature_key = @name AND key = @key", new { name, key });
            await InsertGateAsync(tx, name, key, value);
        }, ct);

    /// <summary>Flipper's remove: the feature and its gates go, so the flag answers its definition's default again.</summary>
    public Task RemoveAsync(string name, CancellationToken ct) =>
        db.InTransactionAsync(async tx =>
        {
            await tx.ExecuteAsync("DELETE FROM feature_gates WHERE feature_key = @name", new { name });
            return await tx.ExecuteAsync("DELETE FROM features WHERE key = @name", new { name });
        }, ct);

    private Task ChangeAsync(string name, Func<Database.Transaction, Task> work, CancellationToken ct) =>
        db.InTransactionAsync(async tx =>
        {
            await tx.ExecuteAsync(
                "INSERT INTO features (key) VALUES (@name) ON CONFLICT (key) DO UPDATE SET updated_at = now()", new { name });
            await work(tx);
            return true;
        }, ct);

    private static Task<int> InsertGateAsync(Database.Transaction tx, string name, string key, string value) =>
        tx.ExecuteAsync(
            "INSERT INTO feature_gates (feature_key, key, value) VALUES (@name, @key, @value) ON CONFLICT DO NOTHING",
            new { name, key, value });
}
