//! An event's outputs in the network's action plans: after the event its organisers link it, or the outcome of
//! one of its working groups, to activities of the plans; the event's page lists them, each linking to its
//! activity.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde_json::json;
use sqlx::Row;

use super::form_pages::{FormPage, blank, read_posted, shown_again};
use super::model::SessionKind;
use super::pages::{about, event_to_run, item_to_run};
use super::store::{self, Event};
use crate::plans::{ActivityChoice, activity_choices};
use crate::platform::audit;
use crate::platform::auth::RequireUser;
use crate::platform::db::Db;
use crate::platform::forms::{Choice, FormData, FormState};
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::web::{AppError, Chrome, SlugPath};

/// One output: the activity it serves and, when a working group's, that group.
#[derive(Debug, Clone)]
pub struct Output {
    pub id: i64,
    pub activity: ActivityChoice,
    /// The working group's title; none for the event as a whole.
    pub session: Option<LocalizedText>,
    /// The activity's page.
    pub url: String,
}

impl Output {
    /// Which working group it came from, in words; none for the event as a whole.
    pub fn from(&self, lang: impl std::borrow::Borrow<Lang>) -> Option<String> {
        let (lang, session) = (*lang.borrow(), self.session.as_ref()?);
        Some(lang.t_with("events-output-from", &[("session", session.get(lang).to_string().into())]))
    }
}

/// The activities the event's network has in its plans; none for an event of no network.
async fn choices_of(db: &Db, event: &Event) -> sqlx::Result<Vec<ActivityChoice>> {
    match event.network_id {
        Some(network) => activity_choices(db, network).await,
        None => Ok(Vec::new()),
    }
}

/// The event's outputs, in the order they were linked.
pub async fn of_event(db: &Db, event: &Event) -> sqlx::Result<Vec<Output>> {
    let Some(network) = &event.network else {
        return Ok(Vec::new());
    };
    let activities = choices_of(db, event).await?;
    let rows = sqlx::query(
        "SELECT o.id AS id, o.activity_id AS activity_id, s.title AS session_title FROM event_outputs o \
         LEFT JOIN event_sessions s ON s.id = o.session_id WHERE o.event_id = $1 ORDER BY o.id",
    )
    .bind(event.id)
    .fetch_all(&db.pool)
    .await?;
    let mut outputs = Vec::new();
    for row in rows {
        let activity_id: i64 = row.try_get("activity_id")?;
        if let Some(activity) = activities.iter().find(|a| a.activity_id == activity_id) {
            outputs.push(Output {
                id: row.try_get("id")?,
                url: format!("/networks/{}/plans/{}/activities/{}", network.slug, activity.plan_id, activity_id),
                activity: activity.clone(),
                session: LocalizedText::from_json_opt(row.try_get::<Option<String>, _>("session_title")?.as_deref()),
            });
        }
    }
    Ok(outputs)
}

/// The event's working groups, as (id, title).
async fn working_groups(db: &Db, event: &Event) -> sqlx::Result<Vec<(i64, LocalizedText)>> {
    Ok(store::sessions(db, event.id)
        .await?
        .into_iter()
        .filter(|s| s.kind == SessionKind::WorkingGroup)
        .map(|s| (s.id, s.title))
        .collect())
}

#[derive(Template)]
#[template(path = "events/outputs.html")]
struct OutputsPage {
    chrome: Chrome,
    lang: Lang,
    event: Event,
    outputs: Vec<Output>,
    form: FormState,
    /// The plans' activities, after "choose".
    activities: Vec<Choice>,
    /// The event as a whole, then its working groups.
    sources: Vec<Choice>,
}

impl OutputsPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }
}

impl FormPage for OutputsPage {
    async fn build(db: &Db, lang: Lang, uri: &Uri, event: Event, form: FormState) -> Result<Self, AppError> {
        let choices = choices_of(db, &event).await?;
        let mut activities = Vec::new();
        if !choices.is_empty() {
            activities.push(Choice { value: String::new(), label: lang.t("edit-choose") });
            activities.extend(choices.iter().map(|a| Choice {
                value: a.activity_id.to_string(),
                label: format!("{}: {}", a.plan_title, a.activity_title),
            }));
        }
        let mut sources = vec![Choice { value: String::new(), label: lang.t("events-output-whole-event") }];
        sources.extend(working_groups(db, &event).await?.into_iter().map(|(id, title)| Choice {
            value: id.to_string(),
            label: lang.t_with("events-output-from", &[("session", title.get(lang).to_string().into())]),
        }));
        Ok(OutputsPage {
            chrome: Chrome::new(lang, about(lang, "events-outputs-of", &event), uri),
            lang,
            outputs: of_event(db, &event).await?,
            form,
            activities,
            sources,
            event,
        })
    }
}

/// The form as (activity id, working group id), or None with the message beside each bad field.
fn read_output(
    data: &FormData,
    form: &mut FormState,
    lang: Lang,
    activities: &[ActivityChoice],
    groups: &[(i64, LocalizedText)],
) -> Option<(i64, Option<i64>)> {
    let activity = data.get("activity");
    let activity = activities.iter().find(|a| a.activity_id.to_string() == activity).map(|a| a.activity_id);
    if activity.is_none() {
        form.fail("activity", lang.t("events-output-activity-required"));
    }
    let source = data.get("source");
    let session = groups.iter().find(|(id, _)| id.to_string() == source).map(|(id, _)| *id);
    if session.is_none() && !source.is_empty() {
        form.fail("source", lang.t("edit-choose"));
    }
    let activity = activity?;
    form.is_valid().then_some((activity, session))
}

/// The organisers' page of the event's outputs, with the form to link one.
pub async fn list(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    blank::<OutputsPage>(&db, lang, &uri, &user, &slug).await
}

/// Links the event, or one of its working groups, to an activity of the network's plans.
pub async fn add(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let event = event_to_run(&db, &user, slug.as_str()).await?;
    let activities = choices_of(&db, &event).await?;
    let groups = working_groups(&db, &event).await?;
    let read = |data: &FormData, form: &mut FormState| read_output(data, form, lang, &activities, &groups);
    let (activity, session) = match read_posted::<OutputsPage, _>(&db, lang, &uri, &event, &data, read).await? {
        Ok(output) => output,
        Err(again) => return Ok(again),
    };
    let linked = sqlx::query(
        "INSERT INTO event_outputs (event_id, session_id, activity_id, created_at) VALUES ($1, $2, $3, $4) \
         ON CONFLICT DO NOTHING",
    )
    .bind(event.id)
    .bind(session)
    .bind(activity)
    .bind(crate::platform::clock::now_rfc3339())
    .execute(&db.pool)
    .await?;
    if linked.rows_affected() == 0 {
        let mut form = FormState::from(&data);
        form.fail("activity", lang.t("events-output-linked-already"));
        return shown_again(&OutputsPage::build(&db, lang, &uri, event, form).await?);
    }
    let after = json!({"activity": activity, "session": session});
    audit::record(&db, Some(user.user_id), "event.output-add", "event", Some(event.id), None, Some(&after)).await?;
    Ok(Redirect::to(&format!("/events/{slug}/outputs")).into_response())
}

pub async fn delete(
    State(db): State<Db>,
    RequireUser(user): RequireUser,
    Path(item): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (event, id) = item_to_run(&db, &user, &item).await?;
    let removed: Option<(i64, Option<i64>)> =
        sqlx::query_as("DELETE FROM event_outputs WHERE id = $1 AND event_id = $2 RETURNING activity_id, session_id")
            .bind(id)
            .bind(event.id)
            .fetch_optional(&db.pool)
            .await?;
    let (activity, session) = removed.ok_or(AppError::NotFound)?;
    let before = json!({"activity": activity, "session": session});
    audit::record(&db, Some(user.user_id), "event.output-remove", "event", Some(event.id), Some(&before), None).await?;
    Ok(Redirect::to(&format!("/events/{}/outputs", event.slug)).into_response())
}
