//! An organisation's people through the API: added and removed with a
//! writing token, with the rights of its owner; every change is audited as
//! on the people page.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde_json::json;
use utoipa::ToSchema;

use super::api::PersonPosition;
use super::people::{NewPosition, add_position, position_state};
use crate::app::AppState;
use crate::platform::auth::TokenUser;
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::mail::Email;
use crate::platform::values::Slug;
use crate::platform::web::{ApiError, ApiErrorBody, AppError, Problem};

const MAX: usize = 300;

/// A person to add to an organisation, in their position there.
#[derive(serde::Deserialize, ToSchema)]
pub struct NewPerson {
    pub honorific: Option<String>,
    /// The name per language (`en`, `ru`, `az`); at least one.
    pub name: BTreeMap<String, String>,
    /// The position's title per language.
    pub title: Option<BTreeMap<String, String>>,
    /// Work e-mail in this position.
    pub email: Option<String>,
    pub phone: Option<String>,
}

fn text(field: &str, value: &Option<String>) -> Result<Option<String>, AppError> {
    let value = value.as_deref().map(str::trim).filter(|v| !v.is_empty());
    if value.is_some_and(|v| v.chars().count() > MAX) {
        return Err(AppError::bad(field, Problem::TooLong { max: MAX }));
    }
    Ok(value.map(str::to_string))
}

fn localized(field: &str, texts: &BTreeMap<String, String>) -> Result<LocalizedText, AppError> {
    let mut localized = LocalizedText::default();
    for (code, value) in texts {
        let lang =
            Lang::parse(code).ok_or_else(|| AppError::bad(field, Problem::Unknown(code.chars().take(40).collect())))?;
        if let Some(value) = text(field, &Some(value.clone()))? {
            localized.0.insert(lang, value);
        }
    }
    Ok(localized)
}

/// The organisation of `slug`, if the token's owner may change it.
async fn writable(state: &AppState, token: &TokenUser, slug: &str) -> Result<i64, ApiError> {
    let slug = Slug::parse(slug).ok_or(AppError::NotFound)?;
    let (id, _, _) = super::edit::load(&state.db, &slug).await?.ok_or(AppError::NotFound)?;
    if !token.can_write || !crate::accounts::roles::can_edit_organization(&state.db, &token.user, id).await? {
        return Err(ApiError(AppError::Forbidden));
    }
    Ok(id)
}

/// Add a person to an organisation, with the rights of the token's owner. The change is in the audit log.
#[utoipa::path(
    post,
    path = "/organizations/{slug}/people",
    tag = "directory",
    params(("slug" = String, Path, description = "The organisation's slug", max_length = 120)),
    request_body = NewPerson,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The person as added", body = PersonPosition),
        (status = 400, description = "A field is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner may not change this organisation, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such organisation", body = ApiErrorBody),
    )
)]
pub async fn add_person(
    State(state): State<AppState>,
    token: TokenUser,
    Path(slug): Path<String>,
    body: Result<Json<NewPerson>, axum::extract::rejection::JsonRejection>,
) -> Result<(StatusCode, Json<PersonPosition>), ApiError> {
    let organization_id = writable(&state, &token, &slug).await?;
    let Json(person) = body.map_err(|rejection| {
        ApiError(AppError::bad("body", Problem::Unknown(rejection.body_text().chars().take(120).collect())))
    })?;
    let name = localized("name", &person.name)?;
    if name.is_empty() {
        return Err(ApiError(AppError::bad("name", Problem::Invalid(Lang::En.t("people-name-required")))));
    }
    let email = match text("email", &person.email)? {
        Some(address) => Some(
            Email::parse(&address)
                .ok_or_else(|| {
                    AppError::bad(
                        "email",
                        Problem::Invalid(Lang::En.t_with("import-bad-email", &[("value", address.into())])),
                    )
                })?
                .to_string(),
        ),
        None => None,
    };
    let new = NewPosition {
        honorific: text("honorific", &person.honorific)?,
        name,
        title: person.title.as_ref().map(|t| localized("title", t)).transpose()?.unwrap_or_default(),
        email,
        phone: text("phone", &person.phone)?,
    };
    let mut connection = state.db.pool.acquire().await.map_err(AppError::from)?;
    let id = add_position(&mut connection, organization_id, &new).await.map_err(AppError::from)?;
    drop(connection);
    let after = json!({"honorific": new.honorific, "name": new.name, "title": new.title});
    crate::platform::audit::record(
        &state.db,
        Some(token.user.user_id),
        "person.add",
        "organization",
        Some(organization_id),
        None,
        Some(&after),
    )
    .await
    .map_err(AppError::from)?;
    let added = PersonPosition {
        id,
        honorific: new.honorific,
        name: new.name.by_code(),
        title: new.title.by_code(),
        email: new.email,
        phone: new.phone,
    };
    Ok((StatusCode::CREATED, Json(added)))
}

/// Remove a person's position from an organisation, with the rights of the token's owner. The change is in the audit log.
#[utoipa::path(
    delete,
    path = "/organizations/{slug}/people/{id}",
    tag = "directory",
    params(
        ("slug" = String, Path, description = "The organisation's slug", max_length = 120),
        ("id" = i64, Path, description = "The position's id, as in the organisation's `people`"),
    ),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "Removed"),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner may not change this organisation, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such organisation, or no such position in it", body = ApiErrorBody),
    )
)]
pub async fn remove_person(
    State(state): State<AppState>,
    token: TokenUser,
    Path((slug, id)): Path<(String, i64)>,
) -> Result<StatusCode, ApiError> {
    let organization_id = writable(&state, &token, &slug).await?;
    let (_, before) =
        position_state(&state, organization_id, id).await.map_err(AppError::from)?.ok_or(AppError::NotFound)?;
    sqlx::query("DELETE FROM positions WHERE id = $1")
        .bind(id)
        .execute(&state.db.pool)
        .await
        .map_err(AppError::from)?;
    crate::platform::audit::record(
        &state.db,
        Some(token.user.user_id),
        "person.remove",
        "organization",
        Some(organization_id),
        Some(&before),
        None,
    )
    .await
    .map_err(AppError::from)?;
    Ok(StatusCode::NO_CONTENT)
}
