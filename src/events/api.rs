//! Events as open data: a network's and a theme's events, and one event with its programme, registration
//! counts and outputs in the action plans.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use super::outputs;
use super::registration::{self, Counts};
use super::store::{self, Event, EventSummary, Session};
use crate::platform::db::Db;
use crate::platform::i18n::LocalizedText;
use crate::platform::web::{ApiError, ApiErrorBody, ApiSlug, AppError};

fn texts(text: Option<&LocalizedText>) -> BTreeMap<String, String> {
    text.map(LocalizedText::by_code).unwrap_or_default()
}

#[derive(Serialize, ToSchema)]
pub struct EventItem {
    pub slug: String,
    /// `workshop`, `conference`, `meeting`, `field_visit`, `official_meeting` or `webinar`.
    pub kind: String,
    pub title: BTreeMap<String, String>,
    /// `YYYY-MM-DD`; none when the record does not say.
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    /// `HH:MM` in `time_zone`.
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    /// An IANA time zone name, such as `Asia/Baku`.
    pub time_zone: String,
    pub location: BTreeMap<String, String>,
    pub online_url: Option<String>,
    /// ISO 639 codes.
    pub languages: Vec<String>,
    /// The network's slug.
    pub network: Option<String>,
    /// The theme's slug.
    pub theme: Option<String>,
    /// Seats; none for no limit.
    pub capacity: Option<i64>,
    /// Participants as recorded after the event.
    pub attendance: Option<i64>,
    pub registration_open: bool,
    pub registrations: Counts,
    pub url: String,
}

#[derive(Serialize, ToSchema)]
pub struct SessionPersonItem {
    pub name: BTreeMap<String, String>,
    pub honorific: Option<String>,
    /// `speaker`, `facilitator`, `chair` or `member` (of a working group).
    pub role: String,
}

#[derive(Serialize, ToSchema)]
pub struct SessionItem {
    /// `plenary`, `working_group`, `presentation` or `break`.
    pub kind: String,
    pub title: BTreeMap<String, String>,
    pub day: Option<String>,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub room: Option<String>,
    /// A working group's theme (slug).
    pub theme: Option<String>,
    pub outcome: BTreeMap<String, String>,
    pub people: Vec<SessionPersonItem>,
    /// Speakers who are not in the directory, by name.
    pub guests: Vec<String>,
}

/// What the event, or one of its working groups, brought to an activity of the network's action plans.
#[derive(Serialize, ToSchema)]
pub struct OutputItem {
    pub plan_id: i64,
    pub plan_title: String,
    pub activity_id: i64,
    pub activity_title: String,
    /// The working group's title, per language; none for the event as a whole.
    pub working_group: Option<BTreeMap<String, String>>,
    /// The activity's page.
    pub url: String,
}

#[derive(Serialize, ToSchema)]
pub struct EventDetail {
    #[serde(flatten)]
    pub event: EventItem,
    /// Markdown, per language.
    pub description: BTreeMap<String, String>,
    /// The outcome report written after the event: Markdown, per language.
    pub outcome: BTreeMap<String, String>,
    pub organizers: Vec<String>,
    pub partners: Vec<String>,
    pub sessions: Vec<SessionItem>,
    pub outputs: Vec<OutputItem>,
}

async fn item(db: &Db, event: &Event) -> Result<EventItem, ApiError> {
    Ok(EventItem {
        slug: event.slug.clone(),
        kind: event.kind.code().into(),
        title: event.title.by_code(),
        starts_on: event.starts_on.clone(),
        ends_on: event.ends_on.clone(),
        start_time: event.start_time.clone(),
        end_time: event.end_time.clone(),
        time_zone: event.time_zone.clone(),
        location: texts(event.location.as_ref()),
        online_url: event.online_url.clone(),
        languages: event.languages.clone(),
        network: event.network.as_ref().map(|n| n.slug.clone()),
        theme: event.theme.as_ref().map(|t| t.slug.clone()),
        capacity: event.capacity,
        attendance: event.attendance,
        registration_open: event.registration_open,
        registrations: registration::counts(db, event.id).await?,
        url: format!("/events/{}", event.slug),
    })
}

fn session_item(session: &Session) -> SessionItem {
    SessionItem {
        kind: session.kind.code().into(),
        title: session.title.by_code(),
        day: session.day.clone(),
        starts_at: session.starts_at.clone(),
        ends_at: session.ends_at.clone(),
        room: session.room.clone(),
        theme: session.theme.as_ref().map(|t| t.slug.clone()),
        outcome: texts(session.outcome.as_ref()),
        people: session
            .people
            .iter()
            .map(|p| SessionPersonItem { name: p.name.by_code(), honorific: p.honorific.clone(), role: p.role.clone() })
            .collect(),
        guests: session.guests.clone(),
    }
}

async fn items(db: &Db, summaries: Vec<EventSummary>) -> Result<Vec<EventItem>, ApiError> {
    let mut items = Vec::with_capacity(summaries.len());
    for summary in summaries {
        if let Some(event) = store::by_slug(db, &summary.slug).await? {
            items.push(item(db, &event).await?);
        }
    }
    Ok(items)
}

/// A network's events, by date.
#[utoipa::path(
    get,
    path = "/networks/{slug}/events",
    tag = "events",
    params(("slug" = String, Path, description = "The network's slug", max_length = 120)),
    responses((status = 200, body = Vec<EventItem>), (status = 404, description = "No such network", body = ApiErrorBody))
)]
pub async fn network_events(State(db): State<Db>, ApiSlug(slug): ApiSlug) -> Result<Json<Vec<EventItem>>, ApiError> {
    let (id, _) = store::network_id(&db, slug.as_str()).await?.ok_or(AppError::NotFound)?;
    Ok(Json(items(&db, store::of_network(&db, id).await?).await?))
}

/// A theme's events: held on it or with a working group on it, by date.
#[utoipa::path(
    get,
    path = "/themes/{slug}/events",
    tag = "events",
    params(("slug" = String, Path, description = "The theme's slug", max_length = 120)),
    responses((status = 200, body = Vec<EventItem>), (status = 404, description = "No such theme", body = ApiErrorBody))
)]
pub async fn theme_events(State(db): State<Db>, ApiSlug(slug): ApiSlug) -> Result<Json<Vec<EventItem>>, ApiError> {
    let (id, _) = store::theme_id(&db, slug.as_str()).await?.ok_or(AppError::NotFound)?;
    Ok(Json(items(&db, store::of_theme(&db, id).await?).await?))
}

/// One event with its programme and how many have registered.
#[utoipa::path(
    get,
    path = "/events/{slug}",
    tag = "events",
    params(("slug" = String, Path, description = "The event's slug", max_length = 120)),
    responses((status = 200, body = EventDetail), (status = 404, description = "No such event", body = ApiErrorBody))
)]
pub async fn event(State(db): State<Db>, ApiSlug(slug): ApiSlug) -> Result<Json<EventDetail>, ApiError> {
    let event = store::by_slug(&db, slug.as_str()).await?.ok_or(AppError::NotFound)?;
    Ok(Json(EventDetail {
        event: item(&db, &event).await?,
        description: texts(event.description.as_ref()),
        outcome: texts(event.outcome.as_ref()),
        organizers: event.organizers.iter().map(|o| o.slug.clone()).collect(),
        partners: event.partners.iter().map(|o| o.slug.clone()).collect(),
        sessions: store::sessions(&db, event.id).await?.iter().map(session_item).collect(),
        outputs: outputs::of_event(&db, &event)
            .await?
            .into_iter()
            .map(|o| OutputItem {
                plan_id: o.activity.plan_id,
                plan_title: o.activity.plan_title,
                activity_id: o.activity.activity_id,
                activity_title: o.activity.activity_title,
                working_group: o.session.as_ref().map(LocalizedText::by_code),
                url: o.url,
            })
            .collect(),
    }))
}
