namespace GitLabLite.Repositories.Users;

/// <summary>sign_in_attempts: failure counters, each claimed atomically before a password is checked.</summary>
public sealed class SignInAttemptRepository(Database db)
{
    /// <summary>
    /// Counts one attempt for the key pair before the password is checked, in one statement, so concurrent attempts
    /// queue on the row and exactly <paramref name="max"/> of them get through per <paramref name="lockFor"/>
    /// window; the one that reaches the maximum starts the lock. False when the pair is locked: no check may run.
    /// </summary>
    public async Task<bool> TryClaimAsync(string accountKey, string clientKey, int max, TimeSpan lockFor, CancellationToken ct) =>
        await db.QueryFirstOrDefaultAsync<int?>(
            """
            INSERT INTO sign_in_attempts AS a (account_key, client_key, failures, expires_at) VALUES (@accountKey, @clientKey, 1, now() + @lockFor)
            ON CONFLICT (account_key, client_key) DO UPDATE SET
                failures = CASE WHEN a.expires_at <= now() THEN 1 ELSE a.failures + 1 END,
                expires_at = CASE WHEN a.expires_at <= now() OR a.failures + 1 >= @max THEN now() + @lockFor ELSE a.expires_at END
            WHERE a.expires_at <= now() OR a.failures < @max
            RETURNING failures
            """, new { accountKey, clientKey, max, lockFor }, ct) is not null;

    /// <summary>A successful sign-in: the pair starts over, and the address's total gets back the attempt it claimed.</summary>
    public Task<int> SucceededAsync(string accountKey, string addressKey, string clientKey, CancellationToken ct) =>
        db.ExecuteAsync(
            """
            DELETE FROM sign_in_attempts WHERE account_key = @accountKey AND client_key = @clientKey;
            UPDATE sign_in_attempts SET failures = failures - 1 WHERE account_key = @addressKey AND client_key = @clientKey AND failures > 0;
            DELETE FROM sign_in_attempts WHERE expires_at < now();
            """, new { accountKey, addressKey, clientKey }, ct);
}
