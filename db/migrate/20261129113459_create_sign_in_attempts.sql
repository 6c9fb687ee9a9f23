-- Failed password sign-ins, counted per account and client address (and per address across accounts), so that a
-- stranger can lock only their own address out of an account, never its owner. account_key is "user:<id>" for an
-- existing account and "login:<lower-case login>" for an unknown one (both behave alike), or "*" for the address's
-- total; client_key is the IPv4 address or the IPv6 /64. A row is live until expires_at.
CREATE TABLE sign_in_attempts (
    account_key text NOT NULL,
    client_key text NOT NULL,
    failures integer NOT NULL,
    expires_at timestamptz NOT NULL,
    PRIMARY KEY (account_key, client_key)
);
CREATE INDEX index_sign_in_attempts_on_expires_at ON sign_in_attempts (expires_at);

-- The account-wide lock they replace: anyone could lock any account, root included, for everyone.
ALTER TABLE users DROP COLUMN failed_attempts, DROP COLUMN locked_until;
