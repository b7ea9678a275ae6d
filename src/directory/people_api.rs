//! An organisation's people through the API: added, changed and removed with a
//! writing token, with the rights of its owner, through the people page's own
//! checks and writes, so that every change is audited as there.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use utoipa::ToSchema;

use super::api::PersonPosition;
use super::people::{PositionRecord, SavedPosition, add_and_record, position_state, read_person, remove_position};
use crate::platform::auth::TokenUser;
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState, replace_texts};
use crate::platform::i18n::Lang;
use crate::platform::values::Slug;
use crate::platform::web::{ApiBody, ApiError, ApiErrorBody, ApiSlugNumber, AppError, api_body};

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

/// A change to a person in their position: fields left out stay as they are; an empty text clears a field;
/// `name` and `title` replace all languages.
#[derive(serde::Deserialize, ToSchema)]
pub struct PersonChanges {
    /// The `version` read with the person, in the organisation's `people`.
    pub version: i64,
    pub honorific: Option<String>,
    pub name: Option<BTreeMap<String, String>>,
    pub title: Option<BTreeMap<String, String>>,
    /// Work e-mail in this position.
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// The people page's fields of `record` with what an API request sends applied, checked as the page checks them.
fn changed(
    record: &PositionRecord,
    texts: [(&str, Option<&BTreeMap<String, String>>); 2],
    others: [(&str, &Option<String>); 3],
) -> Result<PositionRecord, ApiError> {
    let mut fields = record.to_fields();
    for (prefix, text) in texts {
        if let Some(text) = text {
            replace_texts(&mut fields, prefix, prefix, text)?;
        }
    }
    for (field, value) in others {
        if let Some(value) = value {
            fields.insert(field.to_string(), value.clone());
        }
    }
    let mut form = FormState::default();
    read_person(&FormData(fields), &mut form, Lang::En).ok_or_else(|| ApiError(form.api_error(&[])))
}

fn listed(id: i64, version: i64, record: PositionRecord) -> PersonPosition {
    PersonPosition {
        id,
        honorific: record.honorific,
        name: record.name.by_code(),
        title: record.title.by_code(),
        email: record.email,
        phone: record.phone,
        version,
    }
}

/// The organisation of `slug`, if the token's owner may change it.
async fn writable(db: &Db, token: &TokenUser, slug: &str) -> Result<i64, ApiError> {
    let slug = Slug::parse(slug).ok_or(AppError::NotFound)?;
    let (id, _, _) = super::organization::load(db, &slug).await?.ok_or(AppError::NotFound)?;
    token.require_write(
        crate::accounts::Rights::of(db, &token.user).may(crate::accounts::Right::EditOrganization(id)).await?,
    )?;
    Ok(id)
}

/// The position `id` of the organisation `slug`, if the token's owner may change it.
async fn writable_position(db: &Db, token: &TokenUser, slug: &str, id: i64) -> Result<(i64, SavedPosition), ApiError> {
    let organization_id = writable(db, token, slug).await?;
    let saved = position_state(db, organization_id, id).await?.ok_or(AppError::NotFound)?;
    Ok((organization_id, saved))
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
    State(db): State<Db>,
    token: TokenUser,
    Path(slug): Path<String>,
    body: ApiBody<NewPerson>,
) -> Result<(StatusCode, Json<PersonPosition>), ApiError> {
    let organization_id = writable(&db, &token, &slug).await?;
    let person = api_body(body)?;
    let new = changed(
        &PositionRecord::default(),
        [("name", Some(&person.name)), ("title", person.title.as_ref())],
        [("honorific", &person.honorific), ("email", &person.email), ("phone", &person.phone)],
    )?;
    let id = add_and_record(&db, organization_id, &new, token.user.user_id).await?;
    Ok((StatusCode::CREATED, Json(listed(id, 1, new))))
}

/// Change a person in their position at an organisation, with the rights of the token's owner, as the people page
/// does. The change is in the audit log.
#[utoipa::path(
    patch,
    path = "/organizations/{slug}/people/{id}",
    tag = "directory",
    params(
        ("slug" = String, Path, description = "The organisation's slug", max_length = 120),
        ("id" = i64, Path, description = "The position's id, as in the organisation's `people`"),
    ),
    request_body = PersonChanges,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The person as changed", body = PersonPosition),
        (status = 400, description = "A field is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner may not change this organisation, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such organisation, or no such position in it", body = ApiErrorBody),
        (status = 409, description = "The person changed since `version`", body = ApiErrorBody),
    )
)]
pub async fn update_person(
    State(db): State<Db>,
    token: TokenUser,
    ApiSlugNumber(slug, id): ApiSlugNumber,
    body: ApiBody<PersonChanges>,
) -> Result<Json<PersonPosition>, ApiError> {
    let (organization_id, saved) = writable_position(&db, &token, slug.as_str(), id).await?;
    let changes = api_body(body)?;
    let after = changed(
        &saved.record,
        [("name", changes.name.as_ref()), ("title", changes.title.as_ref())],
        [("honorific", &changes.honorific), ("email", &changes.email), ("phone", &changes.phone)],
    )?;
    let saved_now = changes.version == saved.version
        && super::people::save_position(&db, organization_id, id, &saved, &after, token.user.user_id).await?;
    if !saved_now {
        return Err(ApiError(AppError::Conflict));
    }
    Ok(Json(listed(id, saved.version + 1, after)))
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
    State(db): State<Db>,
    token: TokenUser,
    ApiSlugNumber(slug, id): ApiSlugNumber,
) -> Result<StatusCode, ApiError> {
    let (organization_id, saved) = writable_position(&db, &token, slug.as_str(), id).await?;
    remove_position(&db, organization_id, id, &saved, token.user.user_id).await?;
    Ok(StatusCode::NO_CONTENT)
}
