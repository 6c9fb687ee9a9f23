-- Server-side web sessions (GitLab keeps them as ActiveSession in Redis): the cookie carries only a random key,
-- whose SHA-256 is stored here, so signing out, a password change or a block ends a session everywhere at once.
CREATE TABLE user_sessions (
    id bigserial PRIMARY KEY,
    session_digest text NOT NULL,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at timestamptz NOT NULL DEFAULT now(),
    last_activity_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX index_user_sessions_on_session_digest ON user_sessions (session_digest);
CREATE INDEX index_user_sessions_on_user_id ON user_sessions (user_id);
CREATE INDEX index_user_sessions_on_last_activity_at ON user_sessions (last_activity_at);
