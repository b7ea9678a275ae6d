-- People who sign in, their sessions, the one-time tokens mailed to them,
-- and the counters that limit attempts.

CREATE TABLE users (
    id {pk},
    email TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    display_name TEXT NOT NULL,
    email_confirmed_at TEXT,
    is_admin BIGINT NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL,
    deleted_at TEXT
)
-- statement
CREATE TABLE sessions (
    id_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    last_seen_at BIGINT NOT NULL,
    user_agent TEXT
)
-- statement
CREATE INDEX sessions_by_user ON sessions (user_id)
-- statement
CREATE TABLE account_tokens (
    token_hash TEXT PRIMARY KEY,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    purpose TEXT NOT NULL,
    new_email TEXT,
    expires_at BIGINT NOT NULL,
    used_at BIGINT
)
-- statement
CREATE TABLE rate_limits (
    key TEXT NOT NULL,
    window_start BIGINT NOT NULL,
    hits BIGINT NOT NULL,
    PRIMARY KEY (key, window_start)
)
-- statement
-- Every change made through the portal: who, when, what, before and after.
-- The application only ever inserts here.
CREATE TABLE audit_log (
    id {pk},
    at TEXT NOT NULL,
    actor_id BIGINT,
    action TEXT NOT NULL,
    entity TEXT NOT NULL,
    entity_id BIGINT,
    before_state TEXT,
    after_state TEXT
)
-- statement
CREATE INDEX audit_log_by_entity ON audit_log (entity, entity_id)
