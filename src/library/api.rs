//! The library as open data: its search with facets, and each item with its versions and files.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::item::{self, Draft, Item, SECTIONS};
use super::pages::{delete_item, publish, theme_slugs, update_item};
use super::search::{self, LibraryQuery, PER_PAGE};
use crate::accounts::{Right, Rights};
use crate::platform::auth::TokenUser;
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::objects::FileStore;
use crate::platform::values::Slug;
use crate::platform::web::{ApiBody, ApiError, ApiErrorBody, AppError, Problem, query_pairs};

/// Query parameters of a library search; one value per facet.
#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct LibraryParams {
    /// Words to find in titles, texts and tags, in any script or spelling.
    #[param(max_length = 200)]
    q: Option<String>,
    /// `best_practice`, `report`, `training` or `document`.
    #[param(rename = "type")]
    kind: Option<String>,
    /// A theme's slug (see `/api/v1/themes`).
    theme: Option<String>,
    /// An ISO 3166-1 alpha-2 country code.
    #[param(pattern = "^[A-Z]{2}$")]
    country: Option<String>,
    /// Items with a version in this language: `en`, `ru` or `az`.
    language: Option<String>,
    #[param(minimum = 1, maximum = 10000)]
    page: Option<u32>,
    /// The language of facet labels and titles: `en`, `ru` or `az`.
    lang: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct LibraryItemSummary {
    pub id: i64,
    pub url: String,
    /// `best_practice`, `report`, `training` or `document`.
    pub kind: String,
    /// The title in the language asked for, or in the language it is shown in.
    pub title: String,
    pub title_lang: String,
}

#[derive(Serialize, ToSchema)]
pub struct FacetCount {
    pub value: String,
    pub label: String,
    pub count: u64,
}

#[derive(Serialize, ToSchema)]
pub struct LibraryList {
    pub items: Vec<LibraryItemSummary>,
    pub total: u64,
    pub page: u32,
    pub per_page: u32,
    /// Per facet (`type`, `theme`, `country`, `language`), its values with the items each would show.
    pub facets: BTreeMap<String, Vec<FacetCount>>,
}

/// The language of an API answer's labels: `lang`, else English.
fn answer_lang(pairs: &[(String, String)]) -> Result<Lang, AppError> {
    match pairs.iter().find(|(name, _)| name == "lang") {
        Some((_, code)) => Lang::parse(code).ok_or_else(|| AppError::bad("lang", Problem::Unknown(code.clone()))),
        None => Ok(Lang::En),
    }
}

/// Search the library.
#[utoipa::path(
    get,
    path = "/library",
    tag = "library",
    params(LibraryParams),
    responses(
        (status = 200, description = "One page of results", body = LibraryList),
        (status = 400, description = "A parameter is not acceptable; the message says which and why", body = ApiErrorBody),
    )
)]
pub async fn search(State(db): State<Db>, uri: Uri) -> Result<Json<LibraryList>, ApiError> {
    let pairs = query_pairs(&uri)?;
    let lang = answer_lang(&pairs)?;
    let query = LibraryQuery::parse(&pairs, &theme_slugs(&db).await?)?;
    let found = search::run(&db, &query, lang).await?;
    let mut items = Vec::new();
    for id in &found.ids {
        if let Some(item) = item::load(&db, *id).await? {
            let version = item.version(lang);
            items.push(LibraryItemSummary {
                id: item.id,
                url: item.href(),
                kind: item.draft.kind.code().into(),
                title: version.title().to_string(),
                title_lang: version.lang.code().into(),
            });
        }
    }
    Ok(Json(LibraryList {
        items,
        total: found.total as u64,
        page: query.page as u32,
        per_page: PER_PAGE as u32,
        facets: found
            .facets
            .into_iter()
            .map(|(facet, values)| {
                let counts = values
                    .into_iter()
                    .map(|v| FacetCount { value: v.value, label: v.label, count: v.count as u64 })
                    .collect();
                (facet.param().to_string(), counts)
            })
            .collect(),
    }))
}

#[derive(Serialize, ToSchema)]
pub struct LibraryVersion {
    pub lang: String,
    /// `title` (plain text) and, where written, `body`, `problem`, `approach`, `results`, `contacts` (Markdown).
    pub texts: BTreeMap<String, String>,
}

#[derive(Serialize, ToSchema)]
pub struct LibraryFile {
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
    pub url: String,
}

#[derive(Serialize, ToSchema)]
pub struct LibraryItemDetail {
    pub id: i64,
    pub url: String,
    pub kind: String,
    /// The slug of the organisation that published it.
    pub organization: String,
    pub theme: Option<String>,
    pub country: Option<String>,
    /// Sustainable Development Goals, by number.
    pub goals: Vec<u8>,
    pub tags: Vec<String>,
    pub versions: Vec<LibraryVersion>,
    pub files: Vec<LibraryFile>,
    pub updated_at: String,
}

/// One library item with every version and its files.
#[utoipa::path(
    get,
    path = "/library/{id}",
    tag = "library",
    params(("id" = i64, Path, description = "The item's number")),
    responses((status = 200, body = LibraryItemDetail), (status = 404, description = "No such item", body = ApiErrorBody))
)]
pub async fn item(State(db): State<Db>, Path(raw): Path<String>) -> Result<Json<LibraryItemDetail>, ApiError> {
    let id: i64 = raw.parse().map_err(|_| AppError::NotFound)?;
    Ok(Json(detail(&db, id).await?))
}

/// Delete a library item with its files, as the token's owner (its organisation's editors, administrators).
#[utoipa::path(
    delete,
    path = "/library/{id}",
    tag = "library",
    params(("id" = i64, Path, description = "The item's number")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "The item and its files are deleted"),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner does not act for the item's organisation, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such item", body = ApiErrorBody),
    )
)]
pub async fn delete(
    State(db): State<Db>,
    State(store): State<FileStore>,
    token: TokenUser,
    Path(raw): Path<String>,
) -> Result<StatusCode, ApiError> {
    let (item, may_edit) = item_for(&db, &token, &raw).await?;
    token.require_write(may_edit)?;
    delete_item(&db, &store, token.user.user_id, &item).await?;
    Ok(StatusCode::NO_CONTENT)
}

/// The item of an address, and whether the token's owner acts for its organisation (as those who edit it on the
/// web do).
async fn item_for(db: &Db, token: &TokenUser, raw: &str) -> Result<(Item, bool), ApiError> {
    let id: i64 = raw.parse().map_err(|_| AppError::NotFound)?;
    let item = item::load(db, id).await?.ok_or(AppError::NotFound)?;
    let may_edit = Rights::of(db, &token.user).may(Right::ActForOrganization(item.organization_id)).await?;
    Ok((item, may_edit))
}

async fn detail(db: &Db, id: i64) -> Result<LibraryItemDetail, ApiError> {
    let item = item::load(db, id).await?.ok_or(AppError::NotFound)?;
    let versions = item
        .draft
        .versions
        .iter()
        .map(|v| LibraryVersion {
            lang: v.lang.code().into(),
            texts: SECTIONS
                .iter()
                .zip(&v.texts)
                .filter(|(_, text)| !text.is_empty())
                .map(|(section, text)| (section.to_string(), text.clone()))
                .collect(),
        })
        .collect();
    let files = item
        .files
        .iter()
        .map(|f| LibraryFile {
            file_name: f.file_name.clone(),
            content_type: f.content_type.clone(),
            size: f.size,
            url: format!("{}/files/{}", item.href(), f.id),
        })
        .collect();
    Ok(LibraryItemDetail {
        id: item.id,
        url: item.href(),
        kind: item.draft.kind.code().into(),
        organization: item.organization_slug.clone(),
        theme: item.theme.as_ref().map(|(slug, _)| slug.clone()),
        country: item.draft.country.map(|c| c.to_string()),
        goals: item.draft.goals.clone(),
        tags: item.draft.tags.clone(),
        versions,
        files,
        updated_at: item.updated_at.clone(),
    })
}

/// An item to publish.
#[derive(Deserialize, ToSchema)]
pub struct NewLibraryItem {
    /// The slug of the organisation it is published for; the token's owner must act for it.
    pub organization: String,
    /// `best_practice`, `report`, `training` or `document`.
    pub kind: String,
    /// A theme's slug.
    pub theme: Option<String>,
    /// An ISO 3166-1 alpha-2 country code.
    pub country: Option<String>,
    /// Sustainable Development Goals, by number (1–17).
    #[serde(default)]
    pub goals: Vec<u8>,
    #[serde(default)]
    pub tags: Vec<String>,
    /// Per language code (`en`, `ru`, `az`), its texts by section: `title` (needed), `body`, `problem`,
    /// `approach`, `results`, `contacts` (Markdown). At least one version.
    pub versions: BTreeMap<String, BTreeMap<String, String>>,
}

/// Changes to a library item; what is left out stays as it is.
#[derive(Deserialize, ToSchema)]
pub struct LibraryItemChanges {
    /// `best_practice`, `report`, `training` or `document`.
    pub kind: Option<String>,
    /// A theme's slug; empty for none.
    pub theme: Option<String>,
    /// An ISO 3166-1 alpha-2 country code; empty for none.
    pub country: Option<String>,
    /// Sustainable Development Goals, by number (1–17), in place of the item's.
    pub goals: Option<Vec<u8>>,
    /// In place of the item's.
    pub tags: Option<Vec<String>>,
    /// Per language code (`en`, `ru`, `az`): the sections to change, by name (`title`, `body`, `problem`,
    /// `approach`, `results`, `contacts`; an empty text clears one), or `null` to remove that language's version.
    /// An item keeps at least one version, and each its title.
    #[serde(default)]
    pub versions: BTreeMap<String, Option<BTreeMap<String, String>>>,
}

impl LibraryItemChanges {
    /// The changes of publishing an item: every field it gives, on an empty form.
    fn of_new(new: NewLibraryItem) -> LibraryItemChanges {
        LibraryItemChanges {
            kind: Some(new.kind),
            theme: new.theme,
            country: new.country,
            goals: Some(new.goals),
            tags: Some(new.tags),
            versions: new.versions.into_iter().map(|(code, texts)| (code, Some(texts))).collect(),
        }
    }

    /// Writes the changes into the web form's fields; a language or section IRENE does not know is refused.
    fn apply(self, data: &mut FormData) -> Result<(), ApiError> {
        let goals = self.goals.map(|goals| goals.iter().map(u8::to_string).collect::<Vec<_>>().join(", "));
        let tags = self.tags.map(|tags| tags.join(", "));
        let fields =
            [("kind", self.kind), ("theme", self.theme), ("country", self.country), ("goals", goals), ("tags", tags)];
        for (field, value) in fields {
            if let Some(value) = value {
                data.0.insert(field.to_string(), value);
            }
        }
        let unknown =
            |name: &str| ApiError(AppError::bad("versions", Problem::Unknown(name.chars().take(40).collect())));
        for (code, texts) in self.versions {
            let lang = Lang::parse(&code).ok_or_else(|| unknown(&code))?;
            let field = |section: &str| format!("{section}_{}", lang.code());
            match texts {
                None => {
                    for section in SECTIONS {
                        data.0.remove(&field(section));
                    }
                }
                Some(texts) => {
                    for (section, text) in texts {
                        if !SECTIONS.contains(&section.as_str()) {
                            return Err(unknown(&section));
                        }
                        data.0.insert(field(&section), text);
                    }
                }
            }
        }
        Ok(())
    }
}

/// The item the web form's fields describe, checked as the form is; a section's problem names `versions`.
async fn draft_of(db: &Db, data: &FormData) -> Result<Draft, ApiError> {
    let mut form = FormState::default();
    match Draft::read(db, data, &mut form, Lang::En).await? {
        Some(draft) => Ok(draft),
        None => {
            let renamed: Vec<(&str, &str)> = SECTIONS.iter().map(|section| (*section, "versions")).collect();
            Err(ApiError(form.api_error(&renamed)))
        }
    }
}

/// Publish a library item for an organisation, as the token's owner (its editors, administrators).
#[utoipa::path(
    post,
    path = "/library",
    tag = "library",
    request_body = NewLibraryItem,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The item as published", body = LibraryItemDetail),
        (status = 400, description = "A field is not acceptable, or `organization` names none; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner does not act for the organisation, or the token is read-only", body = ApiErrorBody),
    )
)]
pub async fn create(
    State(db): State<Db>,
    token: TokenUser,
    body: ApiBody<NewLibraryItem>,
) -> Result<(StatusCode, Json<LibraryItemDetail>), ApiError> {
    // Rights depend on the organisation the body names, so the body is read once the token may write at all.
    let new = token.write_body(true, body)?;
    let unknown = || AppError::bad("organization", Problem::Unknown(new.organization.clone()));
    let slug = Slug::parse(&new.organization).ok_or_else(unknown)?;
    let (organization_id, _, _) = crate::directory::load(&db, &slug).await?.ok_or_else(unknown)?;
    token.require_write(Rights::of(&db, &token.user).may(Right::ActForOrganization(organization_id)).await?)?;
    let mut data = FormData::default();
    LibraryItemChanges::of_new(new).apply(&mut data)?;
    let draft = draft_of(&db, &data).await?;
    let id = publish(&db, token.user.user_id, organization_id, &draft).await?;
    Ok((StatusCode::CREATED, Json(detail(&db, id).await?)))
}

/// Change a library item (its fields, a language's version), as the token's owner: those who edit it on the web,
/// its organisation's editors and administrators. The change is in the history.
#[utoipa::path(
    patch,
    path = "/library/{id}",
    tag = "library",
    params(("id" = i64, Path, description = "The item's number")),
    request_body = LibraryItemChanges,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The item as changed", body = LibraryItemDetail),
        (status = 400, description = "A field is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner does not act for the item's organisation, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such item", body = ApiErrorBody),
    )
)]
pub async fn update(
    State(db): State<Db>,
    token: TokenUser,
    Path(raw): Path<String>,
    body: ApiBody<LibraryItemChanges>,
) -> Result<Json<LibraryItemDetail>, ApiError> {
    let (item, may_edit) = item_for(&db, &token, &raw).await?;
    let changes = token.write_body(may_edit, body)?;
    let mut data = FormData(item.draft.form_values(item.theme.as_ref().map(|(slug, _)| slug.as_str())).values);
    changes.apply(&mut data)?;
    let draft = draft_of(&db, &data).await?;
    update_item(&db, token.user.user_id, &item, &draft).await?;
    Ok(Json(detail(&db, item.id).await?))
}
