//! Who is asking: passwords, sessions kept in the database (so every instance
//! knows them), one-time tokens sent by mail, and rate limits that hold across
//! instances. What a signed-in person may do is the capabilities' business.

use std::time::Duration;

use argon2::password_hash::{PasswordHasher, PasswordVerifier};
use axum::extract::{FromRef, FromRequestParts};
use axum::http::request::Parts;
use axum::http::{HeaderMap, header};
use base64::Engine;
use sha2::{Digest, Sha256};
use sqlx::Row;

use super::db::{Db, Dialect};
use super::migrate::Migration;
use super::web::AppError;

pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 50, name: "users, sessions, tokens, rate limits", sql: tables },
    Migration { version: 51, name: "append-only audit log", sql: append_only_audit },
    Migration { version: 52, name: "API tokens", sql: api_tokens },
    Migration { version: 54, name: "turns taken at most once a period", sql: turns },
    Migration { version: 55, name: "each person's language, disabled accounts", sql: language_and_disabling },
];

fn turns(_: Dialect) -> String {
    "CREATE TABLE turns (key TEXT PRIMARY KEY, taken_at BIGINT NOT NULL)".to_string()
}

fn api_tokens(_: Dialect) -> String {
    "CREATE TABLE api_tokens (
        id {pk},
        user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        token_hash TEXT NOT NULL UNIQUE,
        can_write BIGINT NOT NULL DEFAULT 0,
        created_at TEXT NOT NULL,
        last_used_at BIGINT,
        revoked_at TEXT
    )"
    .to_string()
}

/// The person an API token acts for, with that person's rights.
pub struct TokenUser {
    pub user: SignedIn,
    /// Whether the token may change data (tokens may be made read-only).
    pub can_write: bool,
}

impl<S> FromRequestParts<S> for TokenUser
where
    S: Send + Sync,
    Db: FromRef<S>,
{
    type Rejection = super::web::ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        use super::web::ApiError;
        let db = Db::from_ref(state);
        let secret = parts
            .headers
            .get(header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .map(str::trim)
            .ok_or(ApiError(AppError::Unauthorized))?;
        let row = sqlx::query(
            "SELECT t.id AS token_id, t.can_write AS can_write, u.id AS id, u.email AS email, \
                    u.display_name AS display_name, u.is_admin AS is_admin \
             FROM api_tokens t JOIN users u ON u.id = t.user_id \
             WHERE t.token_hash = $1 AND t.revoked_at IS NULL AND u.deleted_at IS NULL AND u.disabled_at IS NULL",
        )
        .bind(secret_hash(secret))
        .fetch_optional(&db.pool)
        .await
        .map_err(|e| ApiError(e.into()))?
        .ok_or(ApiError(AppError::Unauthorized))?;
        let token_id: i64 = row.get("token_id");
        sqlx::query("UPDATE api_tokens SET last_used_at = $1 WHERE id = $2")
            .bind(now_secs())
            .bind(token_id)
            .execute(&db.pool)
            .await
            .map_err(|e| ApiError(e.into()))?;
        Ok(TokenUser {
            user: SignedIn {
                user_id: row.get("id"),
                email: row.get("email"),
                display_name: row.get("display_name"),
                is_admin: row.get::<i64, _>("is_admin") != 0,
                session: format!("token:{token_id}"),
            },
            can_write: row.get::<i64, _>("can_write") != 0,
        })
    }
}

impl TokenUser {
    /// Lets an API write through only when the token may write and `allowed`, its owner's right to make this
    /// change as the matching form would ask it, holds: otherwise 403.
    pub fn require_write(&self, allowed: bool) -> Result<(), super::web::ApiError> {
        if self.can_write && allowed { Ok(()) } else { Err(super::web::ApiError(AppError::Forbidden)) }
    }

    /// The body of an API write, read only once [`TokenUser::require_write`] lets the write through, so that a
    /// client without the right learns nothing from the body's checks.
    pub fn write_body<T: serde::de::DeserializeOwned>(
        &self,
        allowed: bool,
        body: super::web::ApiBody<T>,
    ) -> Result<T, super::web::ApiError> {
        self.require_write(allowed)?;
        super::web::api_body(body)
    }
}

/// The database itself refuses to change or remove audit rows.
fn append_only_audit(dialect: Dialect) -> String {
    match dialect {
        Dialect::Sqlite => ["UPDATE", "DELETE"]
            .map(|event| {
                format!(
                    "CREATE TRIGGER audit_log_no_{} BEFORE {event} ON audit_log \
                     BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END",
                    event.to_lowercase()
                )
            })
            .join("\n-- statement\n"),
        Dialect::Postgres => "CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS $$ \
             BEGIN RAISE EXCEPTION 'the audit log is append-only'; END $$
             -- statement
             CREATE TRIGGER audit_log_append_only BEFORE UPDATE OR DELETE ON audit_log \
             FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()"
            .to_string(),
    }
}

fn tables(_: Dialect) -> String {
    include_str!("auth.sql").to_string()
}

pub const SESSION_COOKIE: &str = "irene_session";

/// How long sessions live: `idle` since the last request, `absolute` since sign-in.
#[derive(Clone, Copy, Debug)]
pub struct SessionPolicy {
    pub idle: Duration,
    pub absolute: Duration,
    /// Whether the cookie is marked Secure: when the portal is served over HTTPS.
    pub secure: bool,
}

impl Default for SessionPolicy {
    fn default() -> Self {
        SessionPolicy {
            idle: Duration::from_secs(14 * 24 * 3600),
            absolute: Duration::from_secs(60 * 24 * 3600),
            secure: false,
        }
    }
}

/// A random secret for a cookie or a link: 32 bytes, URL-safe.
pub fn new_secret() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the operating system's random source");
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(bytes)
}

/// What the database keeps of a secret: its hash, so a leaked table opens nothing.
pub fn secret_hash(secret: &str) -> String {
    base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(Sha256::digest(secret.as_bytes()))
}

pub fn now_secs() -> i64 {
    time::OffsetDateTime::now_utc().unix_timestamp()
}

fn argon2() -> argon2::Argon2<'static> {
    argon2::Argon2::default()
}

/// Hashes a password with Argon2id, off the async threads.
pub async fn hash_password(password: String) -> anyhow::Result<String> {
    tokio::task::spawn_blocking(move || {
        let mut salt = [0u8; 16];
        getrandom::fill(&mut salt).map_err(|e| anyhow::anyhow!("random source: {e}"))?;
        let hash = argon2()
            .hash_password_with_salt(password.as_bytes(), &salt)
            .map_err(|e| anyhow::anyhow!("cannot hash the password: {e}"))?;
        Ok(hash.to_string())
    })
    .await?
}

/// A hash no password matches, verified against when the e-mail is unknown so
/// that a sign-in takes as long whether or not the account exists.
static DUMMY_HASH: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
    argon2()
        .hash_password_with_salt(b"no password matches this one", b"irene-dummy-salt")
        .map(|h| h.to_string())
        .unwrap_or_default()
});

/// Checks a password against a stored hash, or against the dummy hash when
/// there is none, taking the same time either way.
pub async fn verify_password(password: String, hash: Option<String>) -> bool {
    let known = hash.is_some();
    let hash = hash.unwrap_or_else(|| DUMMY_HASH.clone());
    let matches =
        tokio::task::spawn_blocking(move || argon2().verify_password(password.as_bytes(), hash.as_str()).is_ok())
            .await
            .unwrap_or(false);
    known && matches
}

/// The person behind a request's session.
#[derive(Clone, Debug)]
pub struct SignedIn {
    pub user_id: i64,
    pub email: String,
    pub display_name: String,
    pub is_admin: bool,
    /// Hash of the session's secret: names the session without revealing it.
    pub session: String,
}

/// Whether a request says who sends it (a session cookie or a token), live or not: only such a request may change
/// anything the public reads.
pub fn carries_credentials(headers: &HeaderMap) -> bool {
    headers.contains_key(header::AUTHORIZATION) || session_secret(headers).is_some()
}

fn session_secret(headers: &HeaderMap) -> Option<String> {
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|value| value.to_str().ok())
        .flat_map(|cookies| cookies.split(';'))
        .filter_map(|cookie| cookie.trim().strip_prefix(&format!("{SESSION_COOKIE}=")).map(str::to_string))
        .next()
}

/// Finds the live session of a request and marks it used.
pub async fn session_user(db: &Db, policy: &SessionPolicy, headers: &HeaderMap) -> sqlx::Result<Option<SignedIn>> {
    let Some(secret) = session_secret(headers) else { return Ok(None) };
    let hash = secret_hash(&secret);
    let now = now_secs();
    let row = sqlx::query(
        "SELECT u.id AS id, u.email AS email, u.display_name AS display_name, u.is_admin AS is_admin, \
                s.created_at AS created_at, s.last_seen_at AS last_seen_at \
         FROM sessions s JOIN users u ON u.id = s.user_id \
         WHERE s.id_hash = $1 AND u.deleted_at IS NULL AND u.disabled_at IS NULL",
    )
    .bind(&hash)
    .fetch_optional(&db.pool)
    .await?;
    let Some(row) = row else { return Ok(None) };
    let created: i64 = row.try_get("created_at")?;
    let last_seen: i64 = row.try_get("last_seen_at")?;
    if now - last_seen > policy.idle.as_secs() as i64 || now - created > policy.absolute.as_secs() as i64 {
        sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(&hash).execute(&db.pool).await?;
        return Ok(None);
    }
    // Writing on every request would make reads write; a minute's precision is enough.
    if now - last_seen > 60 {
        sqlx::query("UPDATE sessions SET last_seen_at = $1 WHERE id_hash = $2")
            .bind(now)
            .bind(&hash)
            .execute(&db.pool)
            .await?;
    }
    Ok(Some(SignedIn {
        user_id: row.try_get("id")?,
        email: row.try_get("email")?,
        display_name: row.try_get("display_name")?,
        is_admin: row.try_get::<i64, _>("is_admin")? != 0,
        session: hash,
    }))
}

/// Starts a new session (a new secret at every sign-in) and returns the
/// `Set-Cookie` value that carries it.
pub async fn start_session(
    db: &Db,
    policy: &SessionPolicy,
    user_id: i64,
    user_agent: Option<&str>,
) -> sqlx::Result<String> {
    let secret = new_secret();
    let now = now_secs();
    sqlx::query(
        "INSERT INTO sessions (id_hash, user_id, created_at, last_seen_at, user_agent) VALUES ($1, $2, $3, $3, $4)",
    )
    .bind(secret_hash(&secret))
    .bind(user_id)
    .bind(now)
    .bind(user_agent.map(|ua| ua.chars().take(200).collect::<String>()))
    .execute(&db.pool)
    .await?;
    Ok(session_cookie(&secret, policy))
}

pub fn session_cookie(secret: &str, policy: &SessionPolicy) -> String {
    format!(
        "{SESSION_COOKIE}={secret}; Path=/; HttpOnly; SameSite=Lax; Max-Age={}{}",
        policy.absolute.as_secs(),
        if policy.secure { "; Secure" } else { "" }
    )
}

pub fn cleared_session_cookie(policy: &SessionPolicy) -> String {
    format!(
        "{SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0{}",
        if policy.secure { "; Secure" } else { "" }
    )
}

/// A signed-in person, or the sign-in page for everyone else.
pub struct RequireUser(pub SignedIn);

/// A signed-in person when there is one.
pub struct MaybeUser(pub Option<SignedIn>);

impl<S> FromRequestParts<S> for MaybeUser
where
    S: Send + Sync,
    Db: FromRef<S>,
    SessionPolicy: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        let db = Db::from_ref(state);
        let policy = SessionPolicy::from_ref(state);
        session_user(&db, &policy, &parts.headers).await.map(MaybeUser).map_err(AppError::from)
    }
}

impl<S> FromRequestParts<S> for RequireUser
where
    S: Send + Sync,
    Db: FromRef<S>,
    SessionPolicy: FromRef<S>,
{
    type Rejection = AppError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, AppError> {
        match MaybeUser::from_request_parts(parts, state).await?.0 {
            Some(user) => Ok(RequireUser(user)),
            None => Err(AppError::SignInRequired(parts.uri.to_string())),
        }
    }
}

/// Counts an attempt against a limit shared by every instance: at most `max`
/// per `window` for `key`. Returns whether this attempt is allowed.
pub async fn rate_limit(db: &Db, key: &str, window: Duration, max: i64) -> sqlx::Result<bool> {
    Ok(count_attempt(db, key, window).await?.within(max))
}

/// An attempt counted against a key; withdrawn when it turns out not to count
/// (a sign-in with the right password is no guess).
pub struct Attempt {
    key: String,
    window_start: i64,
    /// The attempts within the last window, this one included.
    count: f64,
}

impl Attempt {
    pub fn within(&self, max: i64) -> bool {
        self.count <= max as f64
    }

    pub async fn withdraw(self, db: &Db) -> sqlx::Result<()> {
        sqlx::query("UPDATE rate_limits SET hits = hits - 1 WHERE key = $1 AND window_start = $2 AND hits > 0")
            .bind(&self.key)
            .bind(self.window_start)
            .execute(&db.pool)
            .await?;
        Ok(())
    }
}

/// Counts an attempt for `key` in a table all instances share.
///
/// The count slides: the previous window's attempts weigh by how much of it
/// still lies within the last `window`, so a burst cannot straddle a boundary.
pub async fn count_attempt(db: &Db, key: &str, window: Duration) -> sqlx::Result<Attempt> {
    let window_secs = window.as_secs().max(1) as i64;
    let now = now_secs();
    let window_start = now - now % window_secs;
    let current: i64 = sqlx::query_scalar(
        "INSERT INTO rate_limits (key, window_start, hits) VALUES ($1, $2, 1) \
         ON CONFLICT (key, window_start) DO UPDATE SET hits = rate_limits.hits + 1 RETURNING hits",
    )
    .bind(key)
    .bind(window_start)
    .fetch_one(&db.pool)
    .await?;
    let previous: i64 = sqlx::query_scalar("SELECT hits FROM rate_limits WHERE key = $1 AND window_start = $2")
        .bind(key)
        .bind(window_start - window_secs)
        .fetch_optional(&db.pool)
        .await?
        .unwrap_or(0);
    if current == 1 {
        // Old windows are of no use; the first hit of a window clears them.
        sqlx::query("DELETE FROM rate_limits WHERE window_start < $1").bind(now - 86_400).execute(&db.pool).await?;
    }
    let count = sliding_count(current, previous, now - window_start, window_secs);
    Ok(Attempt { key: key.to_string(), window_start, count })
}

/// Takes `key`'s turn if it has had none in the last `period`, across every
/// instance: true at most once per `period` (a day at most), however often it is asked.
pub async fn take_turn(db: &Db, key: &str, period: Duration) -> sqlx::Result<bool> {
    let now = now_secs();
    let taken = sqlx::query(
        "INSERT INTO turns (key, taken_at) VALUES ($1, $2) \
         ON CONFLICT (key) DO UPDATE SET taken_at = $2 WHERE turns.taken_at <= $3",
    )
    .bind(key)
    .bind(now)
    .bind(now - period.as_secs() as i64)
    .execute(&db.pool)
    .await?
    .rows_affected()
        == 1;
    if taken {
        // Turns older than a day are of no use; each turn taken clears them.
        sqlx::query("DELETE FROM turns WHERE taken_at < $1").bind(now - 86_400).execute(&db.pool).await?;
    }
    Ok(taken)
}

/// The attempts within the last window: this window's, and the previous
/// window's in proportion to the part of it still inside.
fn sliding_count(current: i64, previous: i64, elapsed: i64, window: i64) -> f64 {
    current as f64 + previous as f64 * (window - elapsed) as f64 / window as f64
}

/// Mail goes to each person in the language they chose (at first the one they signed up in); an administrator
/// may disable an account, whose sessions and tokens then stop working until it is enabled again.
fn language_and_disabling(_: Dialect) -> String {
    "ALTER TABLE users ADD COLUMN lang TEXT NOT NULL DEFAULT 'en'
    -- statement
    ALTER TABLE users ADD COLUMN disabled_at TEXT"
        .to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn passwords_verify_only_against_their_own_hash() {
        let hash = hash_password("correct horse battery".into()).await.unwrap();
        assert!(hash.starts_with("$argon2id$"));
        assert!(verify_password("correct horse battery".into(), Some(hash.clone())).await);
        assert!(!verify_password("wrong horse".into(), Some(hash)).await);
        assert!(!verify_password("anything".into(), None).await, "unknown accounts never match");
    }

    #[test]
    fn unknown_addresses_cost_a_full_argon2id_verification() {
        // Equal timing: the dummy hash has the same algorithm and cost as a real one.
        let params = |hash: &str| hash.split('$').take(4).collect::<Vec<_>>().join("$");
        let real = argon2().hash_password_with_salt(b"whatever it is", b"0123456789abcdef").unwrap().to_string();
        assert!(DUMMY_HASH.starts_with("$argon2id$"));
        assert_eq!(params(&DUMMY_HASH), params(&real));
    }

    #[test]
    fn a_burst_across_a_window_boundary_still_counts() {
        // Ten attempts just before the boundary, one just after: eleven within the window.
        assert!(sliding_count(1, 10, 1, 900) > 10.0);
        // Long after the boundary the previous window fades out.
        assert!(sliding_count(1, 10, 899, 900) < 2.0);
        assert_eq!(sliding_count(3, 0, 100, 900), 3.0);
    }

    #[test]
    fn secrets_are_long_random_and_stored_hashed() {
        let (a, b) = (new_secret(), new_secret());
        assert_ne!(a, b);
        assert_eq!(a.len(), 43);
        assert_ne!(secret_hash(&a), a);
        assert_eq!(secret_hash(&a), secret_hash(&a));
    }

    #[test]
    fn session_cookies_are_http_only_and_same_site() {
        let policy = SessionPolicy { secure: true, ..Default::default() };
        let cookie = session_cookie("s3cret", &policy);
        assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Lax") && cookie.contains("Secure"));
        assert!(!session_cookie("s", &SessionPolicy::default()).contains("Secure"));
    }
}
