-- Leases that keep app nodes sharing an object store from building the same module zip at once: the holder renews
-- its row while it builds and deletes it when done; a row whose holder died runs out and may be taken over.
CREATE TABLE build_leases (
    key text PRIMARY KEY,
    holder text NOT NULL,
    expires_at timestamptz NOT NULL
);
