//! The roles people hold: administrators (and the setup of the first one) and
//! the editors of organisations. What a role allows is decided in `rights`.

use crate::platform::auth::{hash_password, new_secret, secret_hash};
use crate::platform::clock::now_rfc3339;
use crate::platform::db::{Db, Dialect};
use crate::platform::i18n::Lang;
use crate::platform::mail::Email;
use crate::platform::migrate::Migration;

pub const MIGRATIONS: &[Migration] = &[Migration { version: 100, name: "organisation editors", sql: tables }];

/// Someone to write to, in their own language.
pub struct Recipient {
    pub email: Email,
    pub lang: Lang,
}

fn recipients(rows: Vec<(String, String)>) -> Vec<Recipient> {
    rows.into_iter()
        .filter_map(|(email, lang)| Some(Recipient { email: Email::parse(&email)?, lang: Lang::parse(&lang)? }))
        .collect()
}

/// The editors of an organisation, to write to about it.
pub async fn editor_recipients(db: &Db, organization_id: i64) -> sqlx::Result<Vec<Recipient>> {
    let rows = sqlx::query_as(
        "SELECT u.email, u.lang FROM organization_editors e JOIN users u ON u.id = e.user_id \
         WHERE e.organization_id = $1 AND u.deleted_at IS NULL AND u.disabled_at IS NULL ORDER BY u.id",
    )
    .bind(organization_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(recipients(rows))
}

fn tables(_: Dialect) -> String {
    "CREATE TABLE organization_editors (
        user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        granted_at TEXT NOT NULL,
        granted_by BIGINT REFERENCES users (id),
        PRIMARY KEY (user_id, organization_id)
    )
    -- statement
    CREATE INDEX organization_editors_by_organization ON organization_editors (organization_id)"
        .to_string()
}

pub async fn has_admin(db: &Db) -> sqlx::Result<bool> {
    let count: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE is_admin = 1 AND deleted_at IS NULL")
        .fetch_one(&db.pool)
        .await?;
    Ok(count > 0)
}

/// On an install without an administrator, makes a fresh one-time setup
/// secret and returns it, for the operator to read in the log. Each instance
/// starting keeps its own, so the code in any instance's log works.
pub async fn issue_setup_token(db: &Db) -> sqlx::Result<Option<String>> {
    if has_admin(db).await? {
        return Ok(None);
    }
    let secret = new_secret();
    sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2)")
        .bind(format!("setup_token:{}", secret_hash(&secret)))
        .bind(now_rfc3339())
        .execute(&db.pool)
        .await?;
    Ok(Some(secret))
}

pub async fn setup_token_matches(db: &Db, secret: &str) -> sqlx::Result<bool> {
    if secret.is_empty() {
        return Ok(false);
    }
    let stored: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
        .bind(format!("setup_token:{}", secret_hash(secret)))
        .fetch_optional(&db.pool)
        .await?;
    Ok(stored.is_some())
}

/// Creates a confirmed administrator (or makes an existing account one).
pub async fn create_admin(db: &Db, email: &Email, display_name: &str, password: String) -> anyhow::Result<i64> {
    let hash = hash_password(password).await?;
    let now = now_rfc3339();
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO users (email, password_hash, display_name, email_confirmed_at, is_admin, created_at) \
         VALUES ($1, $2, $3, $4, 1, $4) \
         ON CONFLICT (email) DO UPDATE SET is_admin = 1, password_hash = $2, email_confirmed_at = COALESCE(users.email_confirmed_at, $4) \
         RETURNING id",
    )
    .bind(email.as_str())
    .bind(&hash)
    .bind(display_name)
    .bind(&now)
    .fetch_one(&db.pool)
    .await?;
    sqlx::query("DELETE FROM settings WHERE key LIKE 'setup_token:%'").execute(&db.pool).await?;
    crate::platform::audit::record(
        db,
        Some(id),
        "admin.create",
        "user",
        Some(id),
        None,
        Some(&serde_json::json!({"email": email.as_str()})),
    )
    .await?;
    Ok(id)
}

/// Deletes an account the way the network's records stay whole: the person
/// is gone (address, name, password, sessions, rights), what they changed
/// stays attributed to "a deleted account", and the deletion is logged.
pub async fn anonymise(db: &Db, user_id: i64) -> anyhow::Result<()> {
    let mut tx = db.begin().await?;
    sqlx::query(
        "UPDATE users SET email = $1, display_name = '', password_hash = '!', email_confirmed_at = NULL, \
         is_admin = 0, deleted_at = $2 WHERE id = $3",
    )
    .bind(format!("deleted-{user_id}@invalid"))
    .bind(now_rfc3339())
    .bind(user_id)
    .execute(&mut *tx)
    .await?;
    for table in ["sessions", "account_tokens", "organization_editors"] {
        sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE user_id = $1")))
            .bind(user_id)
            .execute(&mut *tx)
            .await?;
    }
    tx.commit().await?;
    crate::platform::audit::record(db, Some(user_id), "account.delete", "user", Some(user_id), None, None).await?;
    Ok(())
}

/// Makes a person an editor of an organisation.
pub async fn grant_editor(db: &Db, user_id: i64, organization_id: i64, granted_by: Option<i64>) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO organization_editors (user_id, organization_id, granted_at, granted_by) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (user_id, organization_id) DO NOTHING",
    )
    .bind(user_id)
    .bind(organization_id)
    .bind(now_rfc3339())
    .bind(granted_by)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The editors of an organisation, as `(name, address)` by name.
pub async fn editors(db: &Db, organization_id: i64) -> sqlx::Result<Vec<(String, String)>> {
    sqlx::query_as(
        "SELECT u.display_name, u.email FROM organization_editors e JOIN users u ON u.id = e.user_id \
         WHERE e.organization_id = $1 AND u.deleted_at IS NULL ORDER BY u.display_name",
    )
    .bind(organization_id)
    .fetch_all(&db.pool)
    .await
}

/// The people who coordinate `network` (or, without one, every network the organisation belongs to), for
/// mail about that member.
pub async fn coordinator_recipients(
    db: &Db,
    network_id: Option<i64>,
    organization_id: i64,
) -> sqlx::Result<Vec<Recipient>> {
    let rows = sqlx::query_as(
        "SELECT DISTINCT u.email, u.lang FROM users u JOIN organization_editors e ON e.user_id = u.id \
         JOIN networks n ON n.coordinator_id = e.organization_id \
         WHERE u.deleted_at IS NULL AND u.disabled_at IS NULL AND (n.id = $1 OR ($1 IS NULL AND n.id IN \
               (SELECT network_id FROM network_members WHERE organization_id = $2)))",
    )
    .bind(network_id)
    .bind(organization_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(recipients(rows))
}
