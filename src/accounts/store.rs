//! The accounts' queries: people, their sessions, the one-time tokens mailed
//! to them and their API tokens.

use serde_json::{Value, json};
use sqlx::Row;

use crate::platform::auth::{now_secs, secret_hash};
use crate::platform::clock::now_rfc3339;
use crate::platform::db::Db;
use crate::platform::i18n::Lang;
use crate::platform::mail::Email;

/// What signing in checks of an account.
pub struct Credentials {
    pub user_id: i64,
    pub password_hash: String,
    pub confirmed: bool,
    /// An administrator disabled the account: it cannot sign in.
    pub disabled: bool,
}

/// The live account at an address (addresses are stored lowercase).
pub async fn user_id(db: &Db, email: &Email) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT id FROM users WHERE email = $1 AND deleted_at IS NULL")
        .bind(email.as_str())
        .fetch_optional(&db.pool)
        .await
}

pub async fn credentials(db: &Db, email: &str) -> sqlx::Result<Option<Credentials>> {
    let row = sqlx::query(
        "SELECT id, password_hash, email_confirmed_at, disabled_at FROM users WHERE email = $1 AND deleted_at IS NULL",
    )
    .bind(email)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|row| {
        Ok(Credentials {
            user_id: row.try_get("id")?,
            password_hash: row.try_get("password_hash")?,
            confirmed: row.try_get::<Option<String>, _>("email_confirmed_at")?.is_some(),
            disabled: row.try_get::<Option<String>, _>("disabled_at")?.is_some(),
        })
    })
    .transpose()
}

/// Creates an unconfirmed account; None when the address has one already.
/// The account's language is the one it signs up in, until its owner chooses another.
pub async fn create_user(
    db: &Db,
    email: &Email,
    password_hash: &str,
    name: &str,
    lang: Lang,
) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, display_name, created_at, lang) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (email) DO NOTHING RETURNING id",
    )
    .bind(email.as_str())
    .bind(password_hash)
    .bind(name)
    .bind(now_rfc3339())
    .bind(lang.code())
    .fetch_optional(&db.pool)
    .await
}

pub async fn confirm_address(db: &Db, user_id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET email_confirmed_at = $1 WHERE id = $2 AND email_confirmed_at IS NULL")
        .bind(now_rfc3339())
        .bind(user_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn password_hash(db: &Db, user_id: i64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1").bind(user_id).fetch_optional(&db.pool).await
}

/// Sets a new password and closes every other way in with the old one: the
/// sessions (all but `keep`) and the API tokens.
pub async fn replace_password(db: &Db, user_id: i64, password_hash: &str, keep: Option<&str>) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(password_hash)
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    // No session is named by the empty hash, so without one to keep every session ends.
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2")
        .bind(user_id)
        .bind(keep.unwrap_or_default())
        .execute(&mut *tx)
        .await?;
    sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL")
        .bind(now_rfc3339())
        .bind(user_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await
}

/// Moves an account to a new address, unless another account has it.
pub async fn change_address(db: &Db, user_id: i64, new_email: &str) -> sqlx::Result<bool> {
    let changed =
        sqlx::query("UPDATE users SET email = $1 WHERE id = $2 AND NOT EXISTS (SELECT 1 FROM users WHERE email = $1)")
            .bind(new_email)
            .bind(user_id)
            .execute(&db.pool)
            .await?;
    Ok(changed.rows_affected() == 1)
}

/// Records a one-time token mailed to a person and returns its secret.
pub async fn issue_token(
    db: &Db,
    user_id: i64,
    purpose: &str,
    new_email: Option<&str>,
    expires_at: i64,
) -> sqlx::Result<String> {
    let secret = crate::platform::auth::new_secret();
    sqlx::query(
        "INSERT INTO account_tokens (token_hash, user_id, purpose, new_email, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(secret_hash(&secret))
    .bind(user_id)
    .bind(purpose)
    .bind(new_email)
    .bind(expires_at)
    .execute(&db.pool)
    .await?;
    Ok(secret)
}

/// A redeemed one-time token: whose it was, and the address it confirms, if any.
pub struct Redeemed {
    pub user_id: i64,
    pub new_email: Option<String>,
}

/// Uses a token when it is valid, unused and of `purpose`; it cannot be used again.
pub async fn redeem_token(db: &Db, secret: &str, purpose: &str) -> sqlx::Result<Option<Redeemed>> {
    let row = sqlx::query(
        "UPDATE account_tokens SET used_at = $1 \
         WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at >= $1 \
         RETURNING user_id, new_email",
    )
    .bind(now_secs())
    .bind(secret_hash(secret))
    .bind(purpose)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|r| Ok(Redeemed { user_id: r.try_get("user_id")?, new_email: r.try_get("new_email")? })).transpose()
}

/// Whether a token could be redeemed, without using it.
pub async fn token_is_live(db: &Db, secret: &str, purpose: &str) -> sqlx::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT user_id FROM account_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at >= $3",
    )
    .bind(secret_hash(secret))
    .bind(purpose)
    .bind(now_secs())
    .fetch_optional(&db.pool)
    .await?;
    Ok(found.is_some())
}

/// A session as the account page lists it.
pub struct SessionRow {
    pub id_hash: String,
    pub created_at: i64,
    pub last_seen_at: i64,
    pub user_agent: Option<String>,
}

pub async fn sessions(db: &Db, user_id: i64) -> sqlx::Result<Vec<SessionRow>> {
    sqlx::query(
        "SELECT id_hash, created_at, last_seen_at, user_agent FROM sessions WHERE user_id = $1 ORDER BY last_seen_at DESC",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|row| {
        Ok(SessionRow {
            id_hash: row.try_get("id_hash")?,
            created_at: row.try_get("created_at")?,
            last_seen_at: row.try_get("last_seen_at")?,
            user_agent: row.try_get("user_agent")?,
        })
    })
    .collect()
}

/// Ends one of a person's own sessions (no one else's can be named).
pub async fn end_session(db: &Db, user_id: i64, id_hash: &str) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1 AND user_id = $2")
        .bind(id_hash)
        .bind(user_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// An API token as the account page lists it.
pub struct ApiTokenRow {
    pub id: i64,
    pub name: String,
    pub can_write: bool,
    pub created_at: String,
    pub last_used_at: Option<i64>,
}

pub async fn api_tokens(db: &Db, user_id: i64) -> sqlx::Result<Vec<ApiTokenRow>> {
    sqlx::query(
        "SELECT id, name, can_write, created_at, last_used_at FROM api_tokens \
         WHERE user_id = $1 AND revoked_at IS NULL ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|row| {
        Ok(ApiTokenRow {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            can_write: row.try_get::<i64, _>("can_write")? != 0,
            created_at: row.try_get("created_at")?,
            last_used_at: row.try_get("last_used_at")?,
        })
    })
    .collect()
}

pub async fn create_api_token(db: &Db, user_id: i64, name: &str, secret: &str, can_write: bool) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO api_tokens (user_id, name, token_hash, can_write, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user_id)
    .bind(name)
    .bind(secret_hash(secret))
    .bind(i64::from(can_write))
    .bind(now_rfc3339())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Revokes one of a person's own API tokens (no one else's can be named).
pub async fn revoke_api_token(db: &Db, user_id: i64, id: i64) -> sqlx::Result<()> {
    sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL")
        .bind(now_rfc3339())
        .bind(id)
        .bind(user_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// The account's own record and its changes in the audit log, as the export gives them.
pub async fn own_record_and_changes(db: &Db, user_id: i64) -> sqlx::Result<(Value, Vec<Value>)> {
    let row =
        sqlx::query("SELECT email, display_name, email_confirmed_at, is_admin, created_at FROM users WHERE id = $1")
            .bind(user_id)
            .fetch_one(&db.pool)
            .await?;
    let account = json!({
        "email": row.try_get::<String, _>("email")?,
        "display_name": row.try_get::<String, _>("display_name")?,
        "email_confirmed_at": row.try_get::<Option<String>, _>("email_confirmed_at")?,
        "administrator": row.try_get::<i64, _>("is_admin")? != 0,
        "created_at": row.try_get::<String, _>("created_at")?,
    });
    let stored_json = |text: Option<String>| text.and_then(|s| serde_json::from_str::<Value>(&s).ok());
    let changes = sqlx::query(
        "SELECT at, action, entity, entity_id, before_state, after_state FROM audit_log WHERE actor_id = $1 ORDER BY id",
    )
    .bind(user_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| {
        Ok(json!({
            "at": r.try_get::<String, _>("at")?,
            "action": r.try_get::<String, _>("action")?,
            "entity": r.try_get::<String, _>("entity")?,
            "entity_id": r.try_get::<Option<i64>, _>("entity_id")?,
            "before": stored_json(r.try_get("before_state")?),
            "after": stored_json(r.try_get("after_state")?),
        }))
    })
    .collect::<sqlx::Result<Vec<_>>>()?;
    Ok((account, changes))
}

/// The language the person is written to in.
pub async fn language(db: &Db, user_id: i64) -> sqlx::Result<Lang> {
    let code: Option<String> =
        sqlx::query_scalar("SELECT lang FROM users WHERE id = $1").bind(user_id).fetch_optional(&db.pool).await?;
    Ok(code.as_deref().and_then(Lang::parse).unwrap_or(Lang::En))
}

pub async fn set_language(db: &Db, user_id: i64, lang: Lang) -> sqlx::Result<()> {
    sqlx::query("UPDATE users SET lang = $1 WHERE id = $2").bind(lang.code()).bind(user_id).execute(&db.pool).await?;
    Ok(())
}
