//! An organisation's people: its editors add, correct and remove the persons
//! shown on its profile and their positions. Every change is audited.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use sqlx::Row;

use crate::platform::auth::{RequireUser, SignedIn};
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::mail::Email;
use crate::platform::values::Slug;
use crate::platform::web::{AppError, Chrome, Found, SlugPath, render};

const MAX: usize = 300;
const MAX_PHONE: usize = 50;

pub struct PositionForm {
    pub id: i64,
    pub form: FormState,
    /// Someone else saved this position since the form was shown.
    pub conflict: bool,
}

#[derive(Template)]
#[template(path = "directory/people.html")]
struct PeoplePage {
    chrome: Chrome,
    slug: String,
    name: String,
    positions: Vec<PositionForm>,
    new_person: FormState,
}

impl PeoplePage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }
}

/// A person in their position as the people page's fields give them (the API's changes come as those fields
/// too); None, with the message beside each bad field, when one is.
pub fn read_person(data: &FormData, form: &mut FormState, lang: Lang) -> Option<PositionRecord> {
    let name = data.localized("name", MAX, form, lang);
    if name.is_empty() {
        form.fail("name_en", lang.t("people-name-required"));
    }
    let title = data.localized("title", MAX, form, lang);
    let optional = |field: &str| Some(data.get(field)).filter(|value| !value.is_empty());
    let honorific = optional("honorific");
    if honorific.as_ref().is_some_and(|h| h.chars().count() > 20) {
        form.fail("honorific", lang.t_count("form-too-long", 20));
    }
    let email = optional("email");
    if email.as_ref().is_some_and(|address| Email::parse(address).is_none()) {
        form.fail("email", lang.t("form-email-invalid"));
    }
    let phone = optional("phone");
    if phone.as_ref().is_some_and(|p| p.chars().count() > MAX_PHONE) {
        form.fail("phone", lang.t_count("form-too-long", MAX_PHONE as i64));
    }
    form.is_valid().then(|| PositionRecord {
        honorific,
        name,
        title,
        email: email.and_then(|address| Email::parse(&address)).map(|address| address.to_string()),
        phone,
    })
}

/// A slug for a new person: people's names are not unique, so it is random.
fn new_person_slug() -> String {
    format!("person-{}", &crate::platform::auth::new_secret()[..12].to_lowercase().replace(['_', '-'], "x"))
}

/// A person in their position at an organisation, as added, changed and kept in the audit log.
#[derive(Clone, Debug, Default, serde::Serialize)]
pub struct PositionRecord {
    pub honorific: Option<String>,
    pub name: LocalizedText,
    pub title: LocalizedText,
    /// Work e-mail and phone in this position.
    pub email: Option<String>,
    pub phone: Option<String>,
}

impl PositionRecord {
    /// The people page's fields holding this person in their position.
    pub fn to_fields(&self) -> std::collections::BTreeMap<String, String> {
        let mut fields = std::collections::BTreeMap::new();
        for (prefix, text) in [("name", &self.name), ("title", &self.title)] {
            for l in Lang::ALL {
                fields.insert(format!("{prefix}_{}", l.code()), text.0.get(&l).cloned().unwrap_or_default());
            }
        }
        for (field, value) in [("honorific", &self.honorific), ("email", &self.email), ("phone", &self.phone)] {
            fields.insert(field.into(), value.clone().unwrap_or_default());
        }
        fields
    }
}

/// Adds a person and their position, last in the organisation's list; the position's id.
pub async fn add_position(
    connection: &mut sqlx::AnyConnection,
    organization_id: i64,
    new: &PositionRecord,
) -> sqlx::Result<i64> {
    let person_id: i64 =
        sqlx::query_scalar("INSERT INTO persons (slug, honorific, name) VALUES ($1, $2, $3) RETURNING id")
            .bind(new_person_slug())
            .bind(&new.honorific)
            .bind(new.name.to_json())
            .fetch_one(&mut *connection)
            .await?;
    sqlx::query_scalar(
        "INSERT INTO positions (person_id, organization_id, title, email, phone, position) \
         SELECT $1, $2, $3, $4, $5, COALESCE(MAX(position), 0) + 1 FROM positions WHERE organization_id = $2 \
         RETURNING id",
    )
    .bind(person_id)
    .bind(organization_id)
    .bind(new.title.to_json())
    .bind(&new.email)
    .bind(&new.phone)
    .fetch_one(&mut *connection)
    .await
}

async fn editable(db: &Db, user: &SignedIn, slug: &Slug, lang: Lang) -> Result<(i64, String), AppError> {
    let (id, _, record) = super::organization::load(db, slug).await.found()?;
    crate::accounts::Rights::of(db, user).require(crate::accounts::Right::EditOrganization(id)).await?;
    Ok((id, record.name.get(lang).to_string()))
}

async fn page(
    db: &Db,
    lang: Lang,
    uri: &Uri,
    slug: &Slug,
    organization: (i64, String),
    failed: Option<PositionForm>,
    new_person: FormState,
) -> Result<PeoplePage, AppError> {
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM positions WHERE organization_id = $1 ORDER BY position, id")
        .bind(organization.0)
        .fetch_all(&db.pool)
        .await?;
    let mut positions = Vec::new();
    for id in ids {
        if let Some(failed) = failed.as_ref().filter(|f| f.id == id) {
            positions.push(PositionForm { id, form: failed.form.clone(), conflict: failed.conflict });
            continue;
        }
        let Some(saved) = position_state(db, organization.0, id).await? else { continue };
        let mut form = FormState { values: saved.record.to_fields(), ..FormState::default() };
        form.values.insert("version".into(), saved.version.to_string());
        positions.push(PositionForm { id, form, conflict: false });
    }
    Ok(PeoplePage {
        chrome: Chrome::new(lang, lang.t_with("people-title", &[("name", organization.1.clone().into())]), uri),
        slug: slug.to_string(),
        name: organization.1,
        positions,
        new_person,
    })
}

pub async fn people(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let organization = editable(&db, &user, &slug, lang).await?;
    render(&page(&db, lang, &uri, &slug, organization, None, FormState::default()).await?)
}

pub async fn add(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let organization = editable(&db, &user, &slug, lang).await?;
    let mut form = FormState::from(&data);
    let Some(new) = read_person(&data, &mut form, lang) else {
        let page = page(&db, lang, &uri, &slug, organization, None, form).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    };
    add_and_record(&db, organization.0, &new, user.user_id).await?;
    Ok(Redirect::to(&format!("/organizations/{slug}/people")).into_response())
}

/// Adds a person in their position to an organisation, and records it; the position's id.
pub async fn add_and_record(db: &Db, organization_id: i64, new: &PositionRecord, actor: i64) -> anyhow::Result<i64> {
    let mut connection = db.pool.acquire().await?;
    let id = add_position(&mut connection, organization_id, new).await?;
    drop(connection);
    let after = serde_json::to_value(new)?;
    crate::platform::audit::record(
        db,
        Some(actor),
        "person.add",
        "organization",
        Some(organization_id),
        None,
        Some(&after),
    )
    .await?;
    Ok(id)
}

/// A position as saved, with what a change must name.
pub struct SavedPosition {
    pub person_id: i64,
    pub version: i64,
    pub record: PositionRecord,
}

/// The position `id` of the organisation, with its person; None for a position of another organisation.
pub async fn position_state(db: &Db, organization_id: i64, id: i64) -> sqlx::Result<Option<SavedPosition>> {
    let row = sqlx::query(
        "SELECT p.person_id AS person_id, p.version AS version, pe.honorific AS honorific, pe.name AS name, \
                p.title AS title, p.email AS email, p.phone AS phone \
         FROM positions p JOIN persons pe ON pe.id = p.person_id WHERE p.id = $1 AND p.organization_id = $2",
    )
    .bind(id)
    .bind(organization_id)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|r| {
        Ok(SavedPosition {
            person_id: r.try_get("person_id")?,
            version: r.try_get("version")?,
            record: PositionRecord {
                honorific: r.try_get("honorific")?,
                name: LocalizedText::from_json(&r.try_get::<String, _>("name")?),
                title: LocalizedText::from_json(&r.try_get::<String, _>("title")?),
                email: r.try_get("email")?,
                phone: r.try_get("phone")?,
            },
        })
    })
    .transpose()
}

/// Writes a person in their position if the position is still at `saved.version`, and records the change
/// under the organisation; false when someone else changed it first.
pub async fn save_position(
    db: &Db,
    organization_id: i64,
    id: i64,
    saved: &SavedPosition,
    after: &PositionRecord,
    actor: i64,
) -> anyhow::Result<bool> {
    let mut tx = db.begin().await?;
    let updated = sqlx::query(
        "UPDATE positions SET title = $1, email = $2, phone = $3, version = version + 1 WHERE id = $4 AND version = $5",
    )
    .bind(after.title.to_json())
    .bind(&after.email)
    .bind(&after.phone)
    .bind(id)
    .bind(saved.version)
    .execute(&mut *tx)
    .await?;
    if updated.rows_affected() == 0 {
        return Ok(false);
    }
    sqlx::query("UPDATE persons SET honorific = $1, name = $2, version = version + 1 WHERE id = $3")
        .bind(&after.honorific)
        .bind(after.name.to_json())
        .bind(saved.person_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    let (before, after) = (serde_json::to_value(&saved.record)?, serde_json::to_value(after)?);
    crate::platform::audit::record(
        db,
        Some(actor),
        "person.update",
        "organization",
        Some(organization_id),
        Some(&before),
        Some(&after),
    )
    .await?;
    Ok(true)
}

/// Removes a position from its organisation, and records what it was.
pub async fn remove_position(
    db: &Db,
    organization_id: i64,
    id: i64,
    saved: &SavedPosition,
    actor: i64,
) -> anyhow::Result<()> {
    sqlx::query("DELETE FROM positions WHERE id = $1").bind(id).execute(&db.pool).await?;
    let before = serde_json::to_value(&saved.record)?;
    crate::platform::audit::record(
        db,
        Some(actor),
        "person.remove",
        "organization",
        Some(organization_id),
        Some(&before),
        None,
    )
    .await?;
    Ok(())
}

pub async fn update(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    Path((raw_slug, id, action)): Path<(String, i64, String)>,
    data: FormData,
) -> Result<Response, AppError> {
    let slug = Slug::parse(&raw_slug).ok_or(AppError::NotFound)?;
    let organization = editable(&db, &user, &slug, lang).await?;
    // Only a position of this organisation can be named: others are not found.
    let saved = position_state(&db, organization.0, id).await.found()?;
    match action.as_str() {
        "remove" => remove_position(&db, organization.0, id, &saved, user.user_id).await?,
        "save" => {
            let mut form = FormState::from(&data);
            let typed_version: i64 = data.get("version").parse().unwrap_or(-1);
            let saved_now = match read_person(&data, &mut form, lang) {
                Some(after) => {
                    typed_version == saved.version
                        && save_position(&db, organization.0, id, &saved, &after, user.user_id).await?
                }
                None => false,
            };
            if !saved_now {
                let (status, conflict) =
                    if form.is_valid() { (StatusCode::CONFLICT, true) } else { (StatusCode::BAD_REQUEST, false) };
                let failed = PositionForm { id, form, conflict };
                let page = page(&db, lang, &uri, &slug, organization, Some(failed), FormState::default()).await?;
                return Ok((status, render(&page)?).into_response());
            }
        }
        _ => return Err(AppError::NotFound),
    }
    Ok(Redirect::to(&format!("/organizations/{slug}/people")).into_response())
}
