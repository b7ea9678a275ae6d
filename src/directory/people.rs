//! An organisation's people: its editors add, correct and remove the persons
//! shown on its profile and their positions. Every change is audited.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde_json::json;
use sqlx::Row;

use crate::accounts::roles;
use crate::app::AppState;
use crate::platform::auth::{RequireUser, SignedIn};
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::values::Slug;
use crate::platform::web::{AppError, Chrome, Found, PageError, SlugPath, WithLang, render};

const MAX: usize = 300;

pub struct PositionForm {
    pub id: i64,
    pub form: FormState,
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

/// A person and title read from a form, with the message beside each bad field.
fn read_person(
    data: &FormData,
    form: &mut FormState,
    lang: Lang,
) -> Option<(Option<String>, LocalizedText, LocalizedText)> {
    let name = data.localized("name", MAX, form, lang);
    if name.is_empty() {
        form.fail("name_en", lang.t("people-name-required"));
    }
    let title = data.localized("title", MAX, form, lang);
    let honorific = Some(data.get("honorific")).filter(|h| !h.is_empty());
    if honorific.as_ref().is_some_and(|h| h.chars().count() > 20) {
        form.fail("honorific", lang.t_count("form-too-long", 20));
    }
    form.is_valid().then_some((honorific, name, title))
}

/// A slug for a new person: people's names are not unique, so it is random.
fn new_person_slug() -> String {
    format!("person-{}", &crate::platform::auth::new_secret()[..12].to_lowercase().replace(['_', '-'], "x"))
}

/// A person to add to an organisation, in their position there.
pub struct NewPosition {
    pub honorific: Option<String>,
    pub name: LocalizedText,
    pub title: LocalizedText,
    pub email: Option<String>,
    pub phone: Option<String>,
}

/// Adds a person and their position, last in the organisation's list; the position's id.
pub async fn add_position(
    connection: &mut sqlx::AnyConnection,
    organization_id: i64,
    new: &NewPosition,
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

async fn editable(state: &AppState, user: &SignedIn, slug: &Slug, lang: Lang) -> Result<(i64, String), PageError> {
    let (id, _, record) = crate::directory::edit::load(&state.db, slug).await.found(lang)?;
    if !roles::can_edit_organization(&state.db, user, id).await.page(lang)? {
        return Err(PageError { error: AppError::Forbidden, lang });
    }
    Ok((id, record.name.get(lang).to_string()))
}

async fn page(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    slug: &Slug,
    organization: (i64, String),
    failed: Option<PositionForm>,
    new_person: FormState,
) -> Result<PeoplePage, PageError> {
    let rows = sqlx::query(
        "SELECT p.id AS id, pe.honorific AS honorific, pe.name AS name, p.title AS title FROM positions p \
         JOIN persons pe ON pe.id = p.person_id WHERE p.organization_id = $1 ORDER BY p.position, p.id",
    )
    .bind(organization.0)
    .fetch_all(&state.db.pool)
    .await
    .page(lang)?;
    let mut positions = Vec::new();
    for row in rows {
        let id: i64 = row.get("id");
        if let Some(failed) = failed.as_ref().filter(|f| f.id == id) {
            positions.push(PositionForm { id, form: failed.form.clone() });
            continue;
        }
        let mut form = FormState::default();
        form.values.insert("honorific".into(), row.get::<Option<String>, _>("honorific").unwrap_or_default());
        for (prefix, column) in [("name", "name"), ("title", "title")] {
            let text = LocalizedText::from_json(&row.get::<String, _>(column));
            for l in Lang::ALL {
                form.values.insert(format!("{prefix}_{}", l.code()), text.0.get(&l).cloned().unwrap_or_default());
            }
        }
        positions.push(PositionForm { id, form });
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
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, PageError> {
    let organization = editable(&state, &user, &slug, lang).await?;
    render(&page(&state, lang, &uri, &slug, organization, None, FormState::default()).await?, lang)
}

pub async fn add(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, PageError> {
    let organization = editable(&state, &user, &slug, lang).await?;
    let mut form = FormState::from(&data);
    let Some((honorific, name, title)) = read_person(&data, &mut form, lang) else {
        let page = page(&state, lang, &uri, &slug, organization, None, form).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page, lang)?).into_response());
    };
    let mut connection = state.db.pool.acquire().await.page(lang)?;
    add_position(
        &mut connection,
        organization.0,
        &NewPosition {
            honorific: honorific.clone(),
            name: name.clone(),
            title: title.clone(),
            email: None,
            phone: None,
        },
    )
    .await
    .page(lang)?;
    let after = json!({"honorific": honorific, "name": name, "title": title});
    crate::platform::audit::record(
        &state.db,
        Some(user.user_id),
        "person.add",
        "organization",
        Some(organization.0),
        None,
        Some(&after),
    )
    .await
    .page(lang)?;
    Ok(Redirect::to(&format!("/organizations/{slug}/people")).into_response())
}

/// The position `id` of the organisation, with its person, as JSON for the audit log.
pub async fn position_state(
    state: &AppState,
    organization_id: i64,
    id: i64,
) -> sqlx::Result<Option<(i64, serde_json::Value)>> {
    let row = sqlx::query(
        "SELECT p.person_id AS person_id, pe.honorific AS honorific, pe.name AS name, p.title AS title \
         FROM positions p JOIN persons pe ON pe.id = p.person_id WHERE p.id = $1 AND p.organization_id = $2",
    )
    .bind(id)
    .bind(organization_id)
    .fetch_optional(&state.db.pool)
    .await?;
    Ok(row.map(|r| {
        (
            r.get::<i64, _>("person_id"),
            json!({
                "honorific": r.get::<Option<String>, _>("honorific"),
                "name": LocalizedText::from_json(&r.get::<String, _>("name")),
                "title": LocalizedText::from_json(&r.get::<String, _>("title")),
            }),
        )
    }))
}

pub async fn update(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    Path((raw_slug, id, action)): Path<(String, i64, String)>,
    data: FormData,
) -> Result<Response, PageError> {
    let slug = Slug::parse(&raw_slug).ok_or(AppError::NotFound).page(lang)?;
    let organization = editable(&state, &user, &slug, lang).await?;
    // Only a position of this organisation can be named: others are not found.
    let (person_id, before) = position_state(&state, organization.0, id).await.found(lang)?;
    match action.as_str() {
        "remove" => {
            sqlx::query("DELETE FROM positions WHERE id = $1").bind(id).execute(&state.db.pool).await.page(lang)?;
            crate::platform::audit::record(
                &state.db,
                Some(user.user_id),
                "person.remove",
                "organization",
                Some(organization.0),
                Some(&before),
                None,
            )
            .await
            .page(lang)?;
        }
        "save" => {
            let mut form = FormState::from(&data);
            let Some((honorific, name, title)) = read_person(&data, &mut form, lang) else {
                let failed = PositionForm { id, form };
                let page = page(&state, lang, &uri, &slug, organization, Some(failed), FormState::default()).await?;
                return Ok((StatusCode::BAD_REQUEST, render(&page, lang)?).into_response());
            };
            sqlx::query("UPDATE persons SET honorific = $1, name = $2, version = version + 1 WHERE id = $3")
                .bind(&honorific)
                .bind(name.to_json())
                .bind(person_id)
                .execute(&state.db.pool)
                .await
                .page(lang)?;
            sqlx::query("UPDATE positions SET title = $1 WHERE id = $2")
                .bind(title.to_json())
                .bind(id)
                .execute(&state.db.pool)
                .await
                .page(lang)?;
            let after = json!({"honorific": honorific, "name": name, "title": title});
            crate::platform::audit::record(
                &state.db,
                Some(user.user_id),
                "person.update",
                "organization",
                Some(organization.0),
                Some(&before),
                Some(&after),
            )
            .await
            .page(lang)?;
        }
        _ => return Err(PageError { error: AppError::NotFound, lang }),
    }
    Ok(Redirect::to(&format!("/organizations/{slug}/people")).into_response())
}
