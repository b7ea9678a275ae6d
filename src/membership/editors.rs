//! An organisation's editors: who they are, and colleagues invited by mail.
//! An invitation is accepted by signing in with the address it was sent to.

use std::time::Duration;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use sqlx::Row;

use crate::platform::auth::{RequireUser, SignedIn, new_secret, now_secs, rate_limit, secret_hash};
use crate::platform::db::Dialect;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::mail::{Email, OutgoingMail};
use crate::platform::migrate::Migration;
use crate::platform::values::Slug;
use crate::platform::web::{AppError, Chrome, Found, SlugPath, render};
use crate::state::AppState;

pub const MIGRATIONS: &[Migration] = &[Migration { version: 121, name: "invitations", sql: tables }];

fn tables(_: Dialect) -> String {
    "CREATE TABLE invitations (
        token_hash TEXT PRIMARY KEY,
        organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        email TEXT NOT NULL,
        invited_by BIGINT REFERENCES users (id),
        expires_at BIGINT NOT NULL,
        accepted_at TEXT,
        accepted_by BIGINT REFERENCES users (id)
    )"
    .to_string()
}

const INVITATION_VALID: Duration = Duration::from_secs(14 * 24 * 3600);

#[derive(Template)]
#[template(path = "membership/editors.html")]
struct EditorsPage {
    chrome: Chrome,
    slug: String,
    name: String,
    editors: Vec<(String, String)>,
    form: FormState,
    sent: Option<String>,
}

async fn editors_page(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    slug: &Slug,
    form: FormState,
    sent: Option<String>,
) -> Result<EditorsPage, AppError> {
    let (id, _, record) = crate::directory::load(&state.db, slug).await.found()?;
    let editors = crate::accounts::editors(&state.db, id).await?;
    let name = record.name.get(lang).to_string();
    Ok(EditorsPage {
        chrome: Chrome::new(lang, lang.t_with("editors-title", &[("name", name.clone().into())]), uri),
        slug: slug.to_string(),
        name,
        editors,
        form,
        sent,
    })
}

/// The organisation's id, once `user` may speak for it: its own editors and administrators invite its editors,
/// never the coordinators of its networks, who would otherwise make themselves editors of any member.
async fn require_editor(state: &AppState, user: &SignedIn, slug: &Slug) -> Result<i64, AppError> {
    let (id, _, _) = crate::directory::load(&state.db, slug).await.found()?;
    crate::accounts::Rights::of(&state.db, user).require(crate::accounts::Right::ActForOrganization(id)).await?;
    Ok(id)
}

pub async fn editors(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    require_editor(&state, &user, &slug).await?;
    render(&editors_page(&state, lang, &uri, &slug, FormState::default(), None).await?)
}

pub async fn invite(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let organization_id = require_editor(&state, &user, &slug).await?;
    let mut form = FormState::from(&data);
    let Some(email) = Email::parse(&data.get("email").to_lowercase()) else {
        form.fail("email", lang.t("form-email-invalid"));
        let page = editors_page(&state, lang, &uri, &slug, form, None).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    };
    if !rate_limit(&state.db, &format!("invite:{}", user.user_id), Duration::from_secs(3600), 20).await? {
        return Err(AppError::TooManyAttempts);
    }
    let secret = new_secret();
    sqlx::query(
        "INSERT INTO invitations (token_hash, organization_id, email, invited_by, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(secret_hash(&secret))
    .bind(organization_id)
    .bind(email.as_str())
    .bind(user.user_id)
    .bind(now_secs() + INVITATION_VALID.as_secs() as i64)
    .execute(&state.db.pool)
    .await
    ?;
    let page = editors_page(&state, lang, &uri, &slug, FormState::default(), Some(email.to_string())).await?;
    let link = format!("{}/invitations/accept?token={secret}&lang={}", state.public_url, lang.code());
    let body = lang.t_with(
        "mail-invite-body",
        &[
            ("name", user.display_name.clone().into()),
            ("organization", page.name.clone().into()),
            ("link", link.into()),
        ],
    );
    if let Err(error) = state.mailer.send(&OutgoingMail::new(email, lang.t("mail-invite-subject"), body)).await {
        tracing::warn!(error = %error, "invitation not sent");
    }
    Ok(render(&page)?.into_response())
}

#[derive(Deserialize)]
pub struct TokenQuery {
    token: Option<String>,
}

/// Accepts an invitation: the signed-in person must hold the invited address.
pub async fn accept(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    Query(query): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let hash = secret_hash(&query.token.unwrap_or_default());
    let row = sqlx::query(
        "SELECT i.organization_id AS organization_id, i.email AS email, i.invited_by AS invited_by, o.slug AS slug \
         FROM invitations i \
         JOIN organizations o ON o.id = i.organization_id \
         WHERE i.token_hash = $1 AND i.accepted_at IS NULL AND i.expires_at >= $2",
    )
    .bind(&hash)
    .bind(now_secs())
    .fetch_optional(&state.db.pool)
    .await?;
    let message = |key: &str, args: &[(&'static str, String)]| {
        let args: Vec<(&'static str, fluent_templates::fluent_bundle::FluentValue<'static>)> =
            args.iter().map(|(k, v)| (*k, v.clone().into())).collect();
        crate::platform::web::message_page(lang, &uri, "invite-title", lang.t_with(key, &args))
            .map(|html| (StatusCode::BAD_REQUEST, html).into_response())
    };
    let Some(row) = row else { return message("token-invalid", &[]) };
    let invited: String = row.get("email");
    if !invited.eq_ignore_ascii_case(&user.email) {
        return message("invite-other-address", &[("email", invited)]);
    }
    let organization_id: i64 = row.get("organization_id");
    // An invitation speaks for the organisation only while its sender still may: one sent by a colleague who has
    // since left, or before only the organisation's own editors could invite, grants nothing.
    let sender = match row.get::<Option<i64>, _>("invited_by") {
        Some(sender) => crate::accounts::Rights::of_account(&state.db, sender).await?,
        None => None,
    };
    let sender_may_invite = match sender {
        Some(sender) => sender.may(crate::accounts::Right::ActForOrganization(organization_id)).await?,
        None => false,
    };
    if !sender_may_invite {
        return message("invite-withdrawn", &[]);
    }
    sqlx::query("UPDATE invitations SET accepted_at = $1, accepted_by = $2 WHERE token_hash = $3")
        .bind(crate::platform::clock::now_rfc3339())
        .bind(user.user_id)
        .bind(&hash)
        .execute(&state.db.pool)
        .await?;
    crate::accounts::grant_editor(&state.db, user.user_id, organization_id, None).await?;
    crate::platform::audit::record(
        &state.db,
        Some(user.user_id),
        "editor.join",
        "organization",
        Some(organization_id),
        None,
        None,
    )
    .await?;
    Ok(Redirect::to(&format!("/organizations/{}", row.get::<String, _>("slug"))).into_response())
}
