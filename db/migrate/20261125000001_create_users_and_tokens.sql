CREATE TABLE users (
    id bigserial PRIMARY KEY,
    username text NOT NULL,
    email text NOT NULL,
    name text NOT NULL,
    encrypted_password text NOT NULL,
    admin boolean NOT NULL DEFAULT false,
    state text NOT NULL DEFAULT 'active',
    failed_attempts integer NOT NULL DEFAULT 0,
    locked_until timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX index_users_on_lower_username ON users (lower(username));
CREATE UNIQUE INDEX index_users_on_lower_email ON users (lower(email));

CREATE TABLE personal_access_tokens (
    id bigserial PRIMARY KEY,
    user_id bigint NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    name text NOT NULL,
    token_digest text NOT NULL,
    scopes text[] NOT NULL,
    expires_at date,
    revoked boolean NOT NULL DEFAULT false,
    last_used_at timestamptz,
    created_at timestamptz NOT NULL DEFAULT now(),
    updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX index_personal_access_tokens_on_token_digest ON personal_access_tokens (token_digest);
CREATE INDEX index_personal_access_tokens_on_user_id ON personal_access_tokens (user_id);
