//! Roles at a glance for administrators: every account with the organisations
//! it edits and the networks it coordinates through them, and disabling an
//! account (its sessions and tokens stop at once) or enabling it again.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::Uri;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use sqlx::Row;

use super::Rights;
use super::rights::Right;
use crate::platform::db::Db;
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::web::{AppError, Chrome, render};

const PER_PAGE: i64 = 50;

/// One account as the list shows it.
pub struct AccountRow {
    pub id: i64,
    pub email: String,
    pub display_name: String,
    pub created: String,
    pub confirmed: bool,
    pub admin: bool,
    pub disabled: bool,
    /// Organisations edited: slug and name.
    pub organizations: Vec<(String, String)>,
    /// Networks coordinated through those organisations: slug and name.
    pub networks: Vec<(String, String)>,
}

#[derive(Template)]
#[template(path = "accounts/admin.html")]
struct AccountsPage {
    chrome: Chrome,
    query: String,
    accounts: Vec<AccountRow>,
    total: i64,
    page: i64,
    pages: i64,
    me: i64,
}

#[derive(Deserialize)]
pub struct AccountsQuery {
    #[serde(default)]
    q: String,
    page: Option<i64>,
}

pub async fn accounts(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    Query(query): Query<AccountsQuery>,
) -> Result<Html<String>, AppError> {
    rights.require(Right::Administer).await?;
    let needle = format!("%{}%", query.q.trim().to_lowercase());
    let total: i64 = sqlx::query_scalar(
        "SELECT COUNT(*) FROM users WHERE deleted_at IS NULL AND (LOWER(email) LIKE $1 OR LOWER(display_name) LIKE $1)",
    )
    .bind(&needle)
    .fetch_one(&db.pool)
    .await?;
    let pages = ((total + PER_PAGE - 1) / PER_PAGE).max(1);
    let page = query.page.unwrap_or(1);
    if !(1..=pages).contains(&page) {
        return Err(AppError::bad("page", crate::platform::web::Problem::OutOfRange { min: 1, max: pages }));
    }
    let rows = sqlx::query(
        "SELECT id, email, display_name, created_at, email_confirmed_at, is_admin, disabled_at FROM users \
         WHERE deleted_at IS NULL AND (LOWER(email) LIKE $1 OR LOWER(display_name) LIKE $1) \
         ORDER BY id LIMIT $2 OFFSET $3",
    )
    .bind(&needle)
    .bind(PER_PAGE)
    .bind((page - 1) * PER_PAGE)
    .fetch_all(&db.pool)
    .await?;
    let mut accounts = Vec::with_capacity(rows.len());
    for row in rows {
        let id: i64 = row.try_get("id")?;
        let named = |rows: Vec<(String, String)>| -> Vec<(String, String)> {
            rows.into_iter().map(|(slug, name)| (slug, LocalizedText::from_json(&name).get(lang).to_string())).collect()
        };
        let organizations = named(
            sqlx::query_as(
                "SELECT o.slug, o.name FROM organization_editors e JOIN organizations o ON o.id = e.organization_id \
                 WHERE e.user_id = $1 ORDER BY o.slug",
            )
            .bind(id)
            .fetch_all(&db.pool)
            .await?,
        );
        let networks = named(
            sqlx::query_as(
                "SELECT n.slug, n.name FROM networks n JOIN organization_editors e ON e.organization_id = n.coordinator_id \
                 WHERE e.user_id = $1 ORDER BY n.id",
            )
            .bind(id)
            .fetch_all(&db.pool)
            .await?,
        );
        accounts.push(AccountRow {
            id,
            email: row.try_get("email")?,
            display_name: row.try_get("display_name")?,
            created: row.try_get::<String, _>("created_at")?.chars().take(10).collect(),
            confirmed: row.try_get::<Option<String>, _>("email_confirmed_at")?.is_some(),
            admin: row.try_get::<i64, _>("is_admin")? != 0,
            disabled: row.try_get::<Option<String>, _>("disabled_at")?.is_some(),
            organizations,
            networks,
        });
    }
    let page = AccountsPage {
        chrome: Chrome::new(lang, lang.t("admin-accounts-title"), &uri),
        query: query.q,
        accounts,
        total,
        page,
        pages,
        me: rights.user().user_id,
    };
    render(&page)
}

/// Disables an account (ending its sessions) or enables it again.
pub async fn set_disabled(
    State(db): State<Db>,
    rights: Rights,
    Path((id, action)): Path<(i64, String)>,
) -> Result<Response, AppError> {
    let disable = match action.as_str() {
        "disable" => true,
        "enable" => false,
        _ => return Err(AppError::NotFound),
    };
    rights.require(Right::Administer).await?;
    set_account_disabled(&db, &rights, id, disable).await?;
    Ok(Redirect::to("/admin/accounts").into_response())
}

/// Disables the account `id` (its sessions end, its tokens stop) or enables it again, and records it; the caller
/// has checked that `rights` administer. Administrators cannot disable themselves (403); an unknown or deleted
/// account is a 404.
pub async fn set_account_disabled(db: &Db, rights: &Rights, id: i64, disable: bool) -> Result<(), AppError> {
    if disable && id == rights.user().user_id {
        return Err(AppError::Forbidden);
    }
    let disabled_at = disable.then(crate::platform::clock::now_rfc3339);
    let mut tx = db.begin().await?;
    let changed = sqlx::query("UPDATE users SET disabled_at = $1 WHERE id = $2 AND deleted_at IS NULL")
        .bind(&disabled_at)
        .bind(id)
        .execute(&mut *tx)
        .await?;
    if changed.rows_affected() == 0 {
        return Err(AppError::NotFound);
    }
    if disable {
        sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(id).execute(&mut *tx).await?;
    }
    tx.commit().await?;
    let action = if disable { "account.disable" } else { "account.enable" };
    crate::platform::audit::record(db, Some(rights.user().user_id), action, "user", Some(id), None, None).await?;
    Ok(())
}
