//! The persons met at an official meeting or a mission, listed like the report's Annex IX: a name, a function
//! and an organisation, as the organisers record them; typed, since most of them are not in the directory.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde_json::json;
use sqlx::Row;

use super::form_pages::{FormPage, blank, read_posted};
use super::pages::{about, event_to_run, item_to_run};
use super::store::Event;
use crate::platform::audit;
use crate::platform::auth::RequireUser;
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::web::{AppError, Chrome, SlugPath};

/// One person met.
#[derive(Debug, Clone)]
pub struct PersonMet {
    pub id: i64,
    pub name: String,
    pub function: Option<String>,
    pub organization: Option<String>,
}

pub async fn of_event(db: &Db, event_id: i64) -> sqlx::Result<Vec<PersonMet>> {
    sqlx::query(
        "SELECT id, name, function, organization FROM event_persons_met WHERE event_id = $1 ORDER BY position, id",
    )
    .bind(event_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|row| {
        Ok(PersonMet {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            function: row.try_get("function")?,
            organization: row.try_get("organization")?,
        })
    })
    .collect()
}

/// The form's person, or None with the message beside each bad field.
fn read_person(data: &FormData, form: &mut FormState, lang: Lang) -> Option<(String, Option<String>, Option<String>)> {
    let name = data.get("name");
    if name.is_empty() {
        form.fail("name", lang.t("events-person-met-name-required"));
    } else if name.chars().count() > 200 {
        form.fail("name", lang.t_count("form-too-long", 200));
    }
    let mut optional = |field: &str| {
        let text = data.get(field);
        if text.chars().count() > 300 {
            form.fail(field, lang.t_count("form-too-long", 300));
        }
        Some(text).filter(|t| !t.is_empty())
    };
    let (function, organization) = (optional("function"), optional("organization"));
    form.is_valid().then_some((name, function, organization))
}

#[derive(Template)]
#[template(path = "events/persons_met.html")]
struct PersonsMetPage {
    chrome: Chrome,
    lang: Lang,
    event: Event,
    persons: Vec<PersonMet>,
    form: FormState,
}

impl PersonsMetPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }
}

impl FormPage for PersonsMetPage {
    async fn build(db: &Db, lang: Lang, uri: &Uri, event: Event, form: FormState) -> Result<Self, AppError> {
        Ok(PersonsMetPage {
            chrome: Chrome::new(lang, about(lang, "events-persons-met-of", &event), uri),
            lang,
            persons: of_event(db, event.id).await?,
            form,
            event,
        })
    }
}

/// The organisers' list of the persons met, with the form to add one.
pub async fn list(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    blank::<PersonsMetPage>(&db, lang, &uri, &user, &slug).await
}

pub async fn add(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let event = event_to_run(&db, &user, slug.as_str()).await?;
    let read = |data: &FormData, form: &mut FormState| read_person(data, form, lang);
    let (name, function, organization) =
        match read_posted::<PersonsMetPage, _>(&db, lang, &uri, &event, &data, read).await? {
            Ok(person) => person,
            Err(again) => return Ok(again),
        };
    sqlx::query(
        "INSERT INTO event_persons_met (event_id, position, name, function, organization) \
         SELECT $1, COALESCE(MAX(position), -1) + 1, $2, $3, $4 FROM event_persons_met WHERE event_id = $1",
    )
    .bind(event.id)
    .bind(&name)
    .bind(&function)
    .bind(&organization)
    .execute(&db.pool)
    .await?;
    let after = json!({"name": name, "function": function, "organization": organization});
    audit::record(&db, Some(user.user_id), "event.person-met-add", "event", Some(event.id), None, Some(&after)).await?;
    Ok(Redirect::to(&format!("/events/{slug}/persons-met")).into_response())
}

pub async fn delete(
    State(db): State<Db>,
    RequireUser(user): RequireUser,
    Path(item): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (event, id) = item_to_run(&db, &user, &item).await?;
    let removed: Option<String> =
        sqlx::query_scalar("DELETE FROM event_persons_met WHERE id = $1 AND event_id = $2 RETURNING name")
            .bind(id)
            .bind(event.id)
            .fetch_optional(&db.pool)
            .await?;
    let name = removed.ok_or(AppError::NotFound)?;
    audit::record(
        &db,
        Some(user.user_id),
        "event.person-met-remove",
        "event",
        Some(event.id),
        Some(&json!({"name": name})),
        None,
    )
    .await?;
    Ok(Redirect::to(&format!("/events/{}/persons-met", event.slug)).into_response())
}
