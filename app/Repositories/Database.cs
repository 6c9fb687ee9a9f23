using System.Data;
using Dapper;
using GitLabLite.Initializers;
using Npgsql;
using Polly;
using Polly.Registry;

namespace GitLabLite.Repositories;

/// <summary>
/// Dapper over the one <see cref="NpgsqlDataSource"/>, every call inside the Postgres resilience pipeline.
/// Repositories use this instead of opening connections themselves so that retry rules live in one place.
/// </summary>
public sealed class Database(NpgsqlDataSource dataSource, ResiliencePipelineProvider<string> pipelines)
{
    private readonly ResiliencePipeline _pipeline = pipelines.GetPipeline(PostgresResilience.Pipeline);

    public Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? args, CancellationToken ct) =>
        RunAsync<IReadOnlyList<T>>(async conn => (await conn.QueryAsync<T>(Command(sql, args, ct))).AsList(), ct);

    public Task<T?> QueryFirstOrDefaultAsync<T>(string sql, object? args, CancellationToken ct) =>
        RunAsync(conn => conn.QueryFirstOrDefaultAsync<T>(Command(sql, args, ct)), ct);

    /// <summary>The first row read as two objects, the second starting at column <paramref name="splitOn"/>.</summary>
    public Task<TResult?> QueryFirstOrDefaultAsync<T1, T2, TResult>(string sql, Func<T1, T2, TResult> map, string splitOn, object? args, CancellationToken ct) =>
        RunAsync(async conn => (await conn.QueryAsync(Command(sql, args, ct), map, splitOn)).FirstOrDefault(), ct);

    /// <summary>Every row read as two objects, the second starting at column <paramref name="splitOn"/>.</summary>
    public Task<IReadOnlyList<TResult>> QueryAsync<T1, T2, TResult>(string sql, Func<T1, T2, TResult> map, string splitOn, object? args, CancellationToken ct) =>
        RunAsync<IReadOnlyList<TResult>>(async conn => (await conn.QueryAsync(Command(sql, args, ct), map, splitOn)).AsList(), ct);

    public Task<T> QuerySingleAsync<T>(string sql, object? args, CancellationToken ct) =>
        RunAsync(conn => conn.QuerySingleAsync<T>(Command(sql, args, ct)), ct);

    public Task<int> ExecuteAsync(string sql, object? args, CancellationToken ct) =>
        RunAsync(conn => conn.ExecuteAsync(Command(sql, args, ct)), ct);

    /// <summary>Runs <paramref name="work"/> in one transaction; it commits only when the delegate returns.</summary>
    public Task<T> InTransactionAsync<T>(Func<Transaction, Task<T>> work, CancellationToken ct) =>
        InTransactionAsync(work, _ => true, ct);

    /// <summary>As above, but rolls back when <paramref name="commit"/> rejects the result (a conflict found midway).</summary>
    public Task<T> InTransactionAsync<T>(Func<Transaction, Task<T>> work, Func<T, bool> commit, CancellationToken ct) =>
        RunAsync(async conn =>
        {
            await using var tx = await conn.BeginTransactionAsync(IsolationLevel.ReadCommitted, ct);
            var result = await work(new Transaction(conn, tx, ct));
            if (commit(result)) await tx.CommitAsync(ct);
            else await tx.RollbackAsync(ct);
            return result;
        }, ct);

    /// <summary>A column list ("a, b") qualified by a table alias ("t.a, t.b"), for joins of tables that share names.</summary>
    public static string Qualified(string columns, string alias) => string.Join(", ", columns.Split(", ").Select(c => $"{alias}.{c}"));

    /// <summary>The notice bus_publish raises (db/migrate/*_create_change_bus.sql) in the transaction that publishes.</summary>
    public const string PublishedNotice = "gitlablite_bus";

    private Func<CancellationToken, Task>? _afterPublish;

    /// <summary>
    /// Runs <paramref name="sync"/> after every call whose statements published a change on the bus, once it has
    /// committed: the change bus waits there until every process has applied it, so the next request anywhere sees it.
    /// </summary>
    public void AfterPublish(Func<CancellationToken, Task> sync) => _afterPublish = sync;

    private async Task<T> RunAsync<T>(Func<NpgsqlConnection, Task<T>> work, CancellationToken ct)
    {
        var published = false;
        var result = await _pipeline.ExecuteAsync(async token =>
        {
            await using var conn = await dataSource.OpenConnectionAsync(token);
            NoticeEventHandler onNotice = (_, e) => published |= e.Notice.MessageText == PublishedNotice;
            conn.Notice += onNotice;
            try
            {
                return await work(conn);
            }
            finally
            {
                conn.Notice -= onNotice;
            }
        }, ct);
        if (published && _afterPublish is { } sync) await sync(ct);
        return result;
    }

    private static CommandDefinition Command(string sql, object? args, CancellationToken ct) =>
        new(sql, args, cancellationToken: ct);

    /// <summary>A connection and transaction pair handed to <see cref="InTransactionAsync{T}"/> callers.</summary>
    public sealed class Transaction(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        public async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? args) =>
            (await connection.QueryAsync<T>(new CommandDefinition(sql, args, transaction, cancellationToken: ct))).AsList();

        public Task<T?> QueryFirstOrDefaultAsync<T>(string sql, object? args) =>
            connection.QueryFirstOrDefaultAsync<T>(new CommandDefinition(sql, args, transaction, cancellationToken: ct));

        public Task<T> QuerySingleAsync<T>(string sql, object? args) =>
            connection.QuerySingleAsync<T>(new CommandDefinition(sql, args, transaction, cancellationToken: ct));

        public Task<int> ExecuteAsync(string sql, object? args) =>
            connection.ExecuteAsync(new CommandDefinition(sql, args, transaction, cancellationToken: ct));
    }
}
