//! The events' pages: each event with its programme and registration form, the printable programme, the
//! participant list, the lists of a network's and a theme's events, their iCalendar feeds, and the
//! coordinator's forms.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::{Uri, header};
use axum::response::{Html, IntoResponse, Redirect, Response};

use super::calendar;
use super::form_pages::shown_again;
use super::model::{
    EventKind, RegistrationKind, RegistrationStatus, SESSION_ROLES, Schedule, ScheduleError, SessionKind, parse_day,
    parse_languages, parse_time, parse_url,
};
use super::questions::{self, Question};
use super::registration::{self, Cancelled, Registrant, Registration};
use super::store::{self, Event, EventInput, EventSummary, Session};
use crate::accounts::{Right, Rights};
use crate::platform::auth::{MaybeUser, RequireUser, SignedIn};
use crate::platform::db::Db;
use crate::platform::forms::{Choice, FormData, FormState};
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::mail::Email;
use crate::platform::values::{CountryCode, Slug};
use crate::platform::web::{AppError, Chrome, Found, SlugPath, message_page, render};
use crate::state::AppState;

/// The dates of an event as its reader writes them: `25 November 2004–28 November 2004, 16:30 (Asia/Baku)`.
pub fn when(lang: Lang, event: &Event) -> String {
    let mut text = event.starts_on.as_ref().map(|day| lang.date(day)).unwrap_or_default();
    if let Some(end) = event.ends_on.as_ref().filter(|end| Some(*end) != event.starts_on.as_ref()) {
        text.push_str(&format!("–{}", lang.date(end)));
    }
    if let Some(start) = &event.start_time {
        text.push_str(&format!(", {start}"));
        if let Some(end) = &event.end_time {
            text.push_str(&format!("–{end}"));
        }
        text.push_str(&format!(" ({})", event.time_zone));
    }
    text
}

/// A page title naming the event: `key` with `$event`.
pub(super) fn about(lang: Lang, key: &str, event: &Event) -> String {
    lang.t_with(key, &[("event", event.title.get(lang).to_string().into())])
}

/// Whether the reader, if signed in, runs the event.
pub(super) async fn may_run(db: &Db, user: Option<&SignedIn>, event: &Event) -> Result<bool, AppError> {
    let Some(user) = user else {
        return Ok(false);
    };
    let right = event.network_id.map_or(Right::Administer, Right::CoordinateNetwork);
    Ok(Rights::of(db, user).may(right).await?)
}

async fn require_runner(db: &Db, user: &SignedIn, event: &Event) -> Result<(), AppError> {
    let right = event.network_id.map_or(Right::Administer, Right::CoordinateNetwork);
    Rights::of(db, user).require(right).await
}

/// The event at `slug`, for those who run it.
pub(super) async fn event_to_run(db: &Db, user: &SignedIn, slug: &str) -> Result<Event, AppError> {
    let event = store::by_slug(db, slug).await.found()?;
    require_runner(db, user, &event).await?;
    Ok(event)
}

/// The event and the id of one of its items (`/events/{slug}/…/{id}/…`), for those who run it.
pub(super) async fn item_to_run(
    db: &Db,
    user: &SignedIn,
    (slug, id): &(String, String),
) -> Result<(Event, i64), AppError> {
    let slug = Slug::parse(slug).ok_or(AppError::NotFound)?;
    let id: i64 = id.parse().map_err(|_| AppError::NotFound)?;
    Ok((event_to_run(db, user, slug.as_str()).await?, id))
}

#[derive(Template)]
#[template(path = "events/show.html")]
struct EventPage {
    chrome: Chrome,
    lang: Lang,
    event: Event,
    when: String,
    description: Option<String>,
    /// The outcome report, rendered.
    outcome: Option<String>,
    sessions: Vec<Session>,
    counts: registration::Counts,
    /// Whether the reader runs the event.
    runner: bool,
    form: FormState,
    kinds: Vec<Choice>,
    /// What a registration just did, for the page to say.
    registered: Option<RegistrationStatus>,
    /// Whether the event has a call for contributions.
    has_call: bool,
    /// The organisers' questions on the registration form.
    questions: Vec<Question>,
    persons_met: Vec<super::persons_met::PersonMet>,
    /// What the event brought to the activities of the network's plans.
    outputs: Vec<super::outputs::Output>,
}

impl EventPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }

    /// A question's label, marked when an answer is required.
    fn question_label(&self, question: &Question) -> String {
        let label = question.label.get(self.lang).to_string();
        if question.required { format!("{label} ({})", self.chrome.t("events-answer-required-mark")) } else { label }
    }

    /// What the form holds for a question, and the message beside it.
    fn answer(&self, question: &Question) -> (String, String, Option<String>) {
        let field = question.field();
        let value = self.form.value(&field).to_string();
        let error = self.form.error(&field).map(String::from);
        (field, value, error)
    }

    fn seats_left(&self) -> Option<i64> {
        self.event.capacity.map(|capacity| (capacity - self.event.seats_taken).max(0))
    }
}

async fn event_page(
    db: &Db,
    lang: Lang,
    uri: &Uri,
    event: Event,
    user: Option<&SignedIn>,
    form: FormState,
    registered: Option<RegistrationStatus>,
) -> Result<EventPage, AppError> {
    let runner = may_run(db, user, &event).await?;
    Ok(EventPage {
        chrome: Chrome::new(lang, event.title.get(lang).to_string(), uri),
        lang,
        when: when(lang, &event),
        description: event.description.as_ref().map(|d| crate::platform::markdown::to_safe_html(d.get(lang))),
        outcome: event.outcome.as_ref().map(|d| crate::platform::markdown::to_safe_html(d.get(lang))),
        sessions: store::sessions(db, event.id).await?,
        counts: registration::counts(db, event.id).await?,
        runner,
        form,
        kinds: RegistrationKind::choices(lang),
        registered,
        has_call: super::call::call_of(db, event.id).await?.is_some(),
        questions: questions::of_event(db, event.id).await?,
        persons_met: super::persons_met::of_event(db, event.id).await?,
        outputs: super::outputs::of_event(db, &event).await?,
        event,
    })
}

pub async fn show(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    SlugPath(slug): SlugPath,
    MaybeUser(user): MaybeUser,
) -> Result<Html<String>, AppError> {
    let event = store::by_slug(&db, slug.as_str()).await.found()?;
    render(&event_page(&db, lang, &uri, event, user.as_ref(), FormState::default(), None).await?)
}

#[derive(Template)]
#[template(path = "events/programme.html")]
struct ProgrammePage {
    chrome: Chrome,
    lang: Lang,
    event: Event,
    when: String,
    sessions: Vec<Session>,
}

/// The programme alone, laid out to print like the report's Annex IV.
pub async fn programme(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let event = store::by_slug(&db, slug.as_str()).await.found()?;
    let page = ProgrammePage {
        chrome: Chrome::new(lang, about(lang, "events-programme-of", &event), &uri),
        lang,
        when: when(lang, &event),
        sessions: store::sessions(&db, event.id).await?,
        event,
    };
    render(&page)
}

#[derive(Template)]
#[template(path = "events/participants.html")]
struct ParticipantsPage {
    chrome: Chrome,
    lang: Lang,
    event: Event,
    participants: Vec<Registration>,
}

/// Those registered with a seat who agreed to be listed, like the report's Annex V: name, organisation, country.
pub async fn participants(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let event = store::by_slug(&db, slug.as_str()).await.found()?;
    let participants = registration::of_event(&db, event.id)
        .await?
        .into_iter()
        .filter(|r| r.listed && r.status == RegistrationStatus::Confirmed)
        .collect();
    let page = ParticipantsPage {
        chrome: Chrome::new(lang, about(lang, "events-participants-of", &event), &uri),
        lang,
        event,
        participants,
    };
    render(&page)
}

/// A registration form as given, or the message beside each field that is not.
fn read_registrant(data: &FormData, form: &mut FormState, lang: Lang, questions: &[Question]) -> Option<Registrant> {
    let kind = RegistrationKind::parse(&data.get("kind"));
    if kind.is_none() {
        form.fail("kind", lang.t("edit-choose"));
    }
    let name = data.get("name");
    if name.is_empty() {
        form.fail("name", lang.t("events-name-required"));
    } else if name.chars().count() > 200 {
        form.fail("name", lang.t_count("form-too-long", 200));
    }
    let email = Email::parse(&data.get("email"));
    if email.is_none() {
        form.fail("email", lang.t("events-email-invalid"));
    }
    let organization = Some(data.get("organization")).filter(|o| !o.is_empty());
    if organization.as_ref().is_some_and(|o| o.chars().count() > 300) {
        form.fail("organization", lang.t_count("form-too-long", 300));
    }
    let country_text = data.get("country");
    let country = CountryCode::parse(&country_text);
    if country.is_none() && !country_text.is_empty() {
        form.fail("country", lang.t("events-country-invalid"));
    }
    let mut answers = Vec::new();
    for question in questions {
        let field = question.field();
        match question.read(&data.get(&field)) {
            Ok(Some(answer)) => answers.push((question.id, answer)),
            Ok(None) => {}
            Err(key) => form.fail(&field, lang.t(key)),
        }
    }
    let (Some(kind), Some(email)) = (kind, email) else {
        return None;
    };
    form.is_valid().then(|| Registrant {
        kind,
        name,
        email,
        organization,
        country,
        lang,
        listed: data.get("listed") == "yes",
        answers,
    })
}

pub async fn register(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    SlugPath(slug): SlugPath,
    MaybeUser(user): MaybeUser,
    data: FormData,
) -> Result<Response, AppError> {
    let event = store::by_slug(&db, slug.as_str()).await.found()?;
    if !event.registration_open {
        return Err(AppError::NotFound);
    }
    let mut form = FormState::from(&data);
    let questions = questions::of_event(&db, event.id).await?;
    let Some(registrant) = read_registrant(&data, &mut form, lang, &questions) else {
        let page = event_page(&db, lang, &uri, event, user.as_ref(), form, None).await?;
        return shown_again(&page);
    };
    let (_, status) = registration::register(&db, event.id, &registrant).await?;
    let event = store::by_slug(&db, slug.as_str()).await.found()?;
    let page = event_page(&db, lang, &uri, event, user.as_ref(), FormState::default(), Some(status)).await?;
    Ok(render(&page)?.into_response())
}

#[derive(Template)]
#[template(path = "events/cancel.html")]
struct CancelPage {
    chrome: Chrome,
    lang: Lang,
    token: String,
    event: Event,
    registration: Registration,
}

async fn signed_registration(state: &AppState, token: &str) -> Result<(Registration, Event), AppError> {
    let id: i64 =
        state.signer.verify("event-cancel", token).and_then(|id| id.parse().ok()).ok_or(AppError::NotFound)?;
    let registration = registration::by_id(&state.db, id).await.found()?;
    let slug = store::slug_of(&state.db, registration.event_id).await.found()?;
    let event = store::by_slug(&state.db, &slug).await.found()?;
    Ok((registration, event))
}

/// The page a cancellation link opens: a button, so that a mail scanner following links cancels nothing.
pub async fn cancel_form(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    Path(token): Path<String>,
) -> Result<Html<String>, AppError> {
    let (registration, event) = signed_registration(&state, &token).await?;
    let page =
        CancelPage { chrome: Chrome::new(lang, lang.t("events-cancel-title"), &uri), lang, token, event, registration };
    render(&page)
}

pub async fn cancel(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    Path(token): Path<String>,
) -> Result<Html<String>, AppError> {
    let (registration, _) = signed_registration(&state, &token).await?;
    let key = match registration::cancel(&state.db, registration.id).await.found()? {
        Cancelled::Now { .. } => "events-cancelled",
        Cancelled::Already => "events-cancelled-before",
    };
    message_page(lang, &uri, "events-cancel-title", lang.t(key))
}

fn calendar_response(name: &str, entries: &[calendar::CalendarEvent], filename: &str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/calendar; charset=utf-8".to_string()),
            (header::CONTENT_DISPOSITION, format!("inline; filename=\"{filename}\"")),
        ],
        calendar::calendar(name, entries),
    )
        .into_response()
}

/// One event as `.ics`.
pub async fn event_ics(
    State(state): State<AppState>,
    lang: Lang,
    SlugPath(slug): SlugPath,
) -> Result<Response, AppError> {
    let event = store::by_slug(&state.db, slug.as_str()).await.found()?;
    let entries: Vec<_> = calendar::entry(&event, &state.public_url, lang, &calendar::stamp()).into_iter().collect();
    Ok(calendar_response(event.title.get(lang), &entries, &format!("{slug}.ics")))
}

async fn feed(
    state: &AppState,
    lang: Lang,
    name: &LocalizedText,
    events: Vec<EventSummary>,
    slug: &Slug,
) -> Result<Response, AppError> {
    let stamp = calendar::stamp();
    let mut entries = Vec::new();
    for summary in events {
        if let Some(event) = store::by_slug(&state.db, &summary.slug).await?
            && let Some(entry) = calendar::entry(&event, &state.public_url, lang, &stamp)
        {
            entries.push(entry);
        }
    }
    Ok(calendar_response(name.get(lang), &entries, &format!("{slug}-events.ics")))
}

/// A network's events as an iCalendar feed.
pub async fn network_feed(
    State(state): State<AppState>,
    lang: Lang,
    SlugPath(slug): SlugPath,
) -> Result<Response, AppError> {
    let (id, name) = store::network_id(&state.db, slug.as_str()).await.found()?;
    let events = store::of_network(&state.db, id).await?;
    feed(&state, lang, &name, events, &slug).await
}

/// A theme's events as an iCalendar feed.
pub async fn theme_feed(
    State(state): State<AppState>,
    lang: Lang,
    SlugPath(slug): SlugPath,
) -> Result<Response, AppError> {
    let (id, name) = store::theme_id(&state.db, slug.as_str()).await.found()?;
    let events = store::of_theme(&state.db, id).await?;
    feed(&state, lang, &name, events, &slug).await
}

#[derive(Template)]
#[template(path = "events/list.html")]
struct ListPage {
    chrome: Chrome,
    lang: Lang,
    /// `networks/…` or `themes/…`: where the list belongs.
    owner: String,
    events: Vec<EventSummary>,
    /// Whether the reader may add events here.
    may_add: bool,
}

impl ListPage {
    /// The events grouped by the month they start in (`2004-11`), undated ones last under "".
    fn months(&self) -> Vec<(String, Vec<&EventSummary>)> {
        let mut months: Vec<(String, Vec<&EventSummary>)> = Vec::new();
        for event in &self.events {
            let month = event.starts_on.as_deref().map(|d| d.chars().take(7).collect()).unwrap_or_default();
            match months.last_mut() {
                Some((last, list)) if *last == month => list.push(event),
                _ => months.push((month, vec![event])),
            }
        }
        months
    }
}

pub async fn network_events(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    SlugPath(slug): SlugPath,
    MaybeUser(user): MaybeUser,
) -> Result<Html<String>, AppError> {
    let (id, name) = store::network_id(&db, slug.as_str()).await.found()?;
    let may_add = match &user {
        Some(user) => Rights::of(&db, user).may(Right::CoordinateNetwork(id)).await?,
        None => false,
    };
    let page = ListPage {
        chrome: Chrome::new(lang, lang.t_with("events-of", &[("owner", name.get(lang).to_string().into())]), &uri),
        lang,
        owner: format!("networks/{slug}"),
        events: store::of_network(&db, id).await?,
        may_add,
    };
    render(&page)
}

pub async fn theme_events(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let (id, name) = store::theme_id(&db, slug.as_str()).await.found()?;
    let page = ListPage {
        chrome: Chrome::new(lang, lang.t_with("events-of", &[("owner", name.get(lang).to_string().into())]), &uri),
        lang,
        owner: format!("themes/{slug}"),
        events: store::of_theme(&db, id).await?,
        may_add: false,
    };
    render(&page)
}

/// An organisation (as organiser or partner) or a person (as speaker, facilitator, chair) a form offers: its
/// slug, name, and the role the form has for it now ("" for none).
pub struct RoleChoice {
    pub slug: String,
    pub name: String,
    pub role: String,
}

/// The entries a form offers roles for, each with the role its field `{prefix}{slug}` holds.
fn role_choices(
    entries: &[(i64, String, LocalizedText)],
    form: &FormState,
    prefix: &str,
    lang: Lang,
) -> Vec<RoleChoice> {
    entries
        .iter()
        .map(|(_, slug, name)| RoleChoice {
            slug: slug.clone(),
            name: name.get(lang).to_string(),
            role: form.value(&format!("{prefix}{slug}")).to_string(),
        })
        .collect()
}

/// The themes a form offers, after "no theme".
pub(super) fn theme_choices(themes: &[(i64, String, LocalizedText)], lang: Lang) -> Vec<Choice> {
    let mut choices = vec![Choice { value: String::new(), label: lang.t("events-no-theme") }];
    choices
        .extend(themes.iter().map(|(_, slug, name)| Choice { value: slug.clone(), label: name.get(lang).to_string() }));
    choices
}

#[derive(Template)]
#[template(path = "events/edit.html")]
struct EditPage {
    chrome: Chrome,
    /// Where the form posts.
    action: String,
    form: FormState,
    kinds: Vec<Choice>,
    themes: Vec<Choice>,
    organizations: Vec<RoleChoice>,
}

impl EditPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }
}

/// The organisations a network's event may name: its members, coordinator and anyone named already.
async fn organization_choices(
    db: &Db,
    network_id: i64,
    event: Option<&Event>,
) -> sqlx::Result<Vec<(i64, String, LocalizedText)>> {
    let mut organizations = store::network_organizations(db, network_id).await?;
    if let Some(event) = event {
        for named in event.organizers.iter().chain(&event.partners) {
            if !organizations.iter().any(|(_, slug, _)| *slug == named.slug)
                && let Some(id) = store::organization_id(db, &named.slug).await?
            {
                organizations.push((id, named.slug.clone(), named.name.clone()));
            }
        }
    }
    Ok(organizations)
}

/// The organisations an existing event's form offers: none for an event without a network.
async fn event_organizations(db: &Db, event: &Event) -> sqlx::Result<Vec<(i64, String, LocalizedText)>> {
    match event.network_id {
        Some(network) => organization_choices(db, network, Some(event)).await,
        None => Ok(Vec::new()),
    }
}

fn schedule_field(error: &ScheduleError) -> (&'static str, &'static str) {
    match error {
        ScheduleError::StartsOn => ("starts_on", "events-day-invalid"),
        ScheduleError::EndsOn => ("ends_on", "events-day-invalid"),
        ScheduleError::StartTime => ("start_time", "events-time-invalid"),
        ScheduleError::EndTime => ("end_time", "events-time-invalid"),
        ScheduleError::Zone => ("time_zone", "events-zone-invalid"),
        ScheduleError::EndsBeforeStart => ("ends_on", "events-ends-before-start"),
    }
}

/// The coordinator's form as an event, or None with the message beside each bad field.
fn read_event(
    data: &FormData,
    form: &mut FormState,
    lang: Lang,
    themes: &[(i64, String, LocalizedText)],
    organizations: &[(i64, String, LocalizedText)],
) -> Option<EventInput> {
    let kind = EventKind::parse(&data.get("kind"));
    if kind.is_none() {
        form.fail("kind", lang.t("edit-choose"));
    }
    let title = data.localized("title", 300, form, lang);
    if title.is_empty() {
        form.fail("title_en", lang.t("events-title-required"));
    }
    let description = data.localized("description", 5000, form, lang);
    let outcome = data.localized("outcome", 5000, form, lang);
    let location = data.localized("location", 300, form, lang);
    let schedule = Schedule::parse(
        &data.get("starts_on"),
        &data.get("ends_on"),
        &data.get("start_time"),
        &data.get("end_time"),
        &data.get("time_zone"),
    )
    .map_err(|errors| {
        for error in &errors {
            let (field, key) = schedule_field(error);
            form.fail(field, lang.t(key));
        }
    })
    .ok();
    let url_text = data.get("online_url");
    let online_url = parse_url(&url_text);
    if online_url.is_none() && !url_text.is_empty() {
        form.fail("online_url", lang.t("events-url-invalid"));
    }
    let languages = parse_languages(&data.get("languages"));
    if languages.is_none() {
        form.fail("languages", lang.t("events-languages-invalid"));
    }
    let theme_slug = data.get("theme");
    let theme_id = themes.iter().find(|(_, slug, _)| *slug == theme_slug).map(|(id, _, _)| *id);
    if theme_id.is_none() && !theme_slug.is_empty() {
        form.fail("theme", lang.t("edit-choose"));
    }
    let capacity_text = data.get("capacity");
    let capacity = match capacity_text.parse::<i64>() {
        Ok(n) if (1..=100_000).contains(&n) => Some(n),
        _ if capacity_text.is_empty() => None,
        _ => {
            form.fail("capacity", lang.t("events-capacity-invalid"));
            None
        }
    };
    let mut named = Vec::new();
    for (id, slug, _) in organizations {
        match data.get(&format!("org_{slug}")).as_str() {
            "organizer" => named.push((*id, "organizer")),
            "partner" => named.push((*id, "partner")),
            "" => {}
            _ => form.fail(&format!("org_{slug}"), lang.t("edit-choose")),
        }
    }
    let (Some(kind), Some(schedule), Some(languages)) = (kind, schedule, languages) else {
        return None;
    };
    form.is_valid().then(|| EventInput {
        kind,
        title,
        description: (!description.is_empty()).then_some(description),
        outcome: (!outcome.is_empty()).then_some(outcome),
        schedule,
        location: (!location.is_empty()).then_some(location),
        online_url,
        languages,
        theme_id,
        capacity,
        registration_open: data.get("registration_open") == "yes",
        organizations: named,
    })
}

/// A form filled with a record's texts in every language (fields `{prefix}_{code}`) and its other fields.
fn filled(localized: &[(&str, Option<&LocalizedText>)], plain: &[(&str, &Option<String>)]) -> FormState {
    let mut form = FormState::default();
    for (prefix, text) in localized {
        for l in Lang::ALL {
            let value = text.and_then(|t| t.0.get(&l).cloned()).unwrap_or_default();
            form.values.insert(format!("{prefix}_{}", l.code()), value);
        }
    }
    for (name, value) in plain {
        form.values.insert((*name).into(), (*value).clone().unwrap_or_default());
    }
    form
}

fn event_fields(event: &Event) -> FormState {
    let mut form = filled(
        &[
            ("title", Some(&event.title)),
            ("description", event.description.as_ref()),
            ("location", event.location.as_ref()),
            ("outcome", event.outcome.as_ref()),
        ],
        &[
            ("starts_on", &event.starts_on),
            ("ends_on", &event.ends_on),
            ("start_time", &event.start_time),
            ("end_time", &event.end_time),
            ("online_url", &event.online_url),
        ],
    );
    let values = &mut form.values;
    values.insert("kind".into(), event.kind.code().into());
    values.insert("time_zone".into(), event.time_zone.clone());
    values.insert("languages".into(), event.languages.join(", "));
    values.insert("theme".into(), event.theme.as_ref().map(|t| t.slug.clone()).unwrap_or_default());
    values.insert("capacity".into(), event.capacity.map(|c| c.to_string()).unwrap_or_default());
    if event.registration_open {
        values.insert("registration_open".into(), "yes".into());
    }
    for org in &event.organizers {
        values.insert(format!("org_{}", org.slug), "organizer".into());
    }
    for org in &event.partners {
        values.insert(format!("org_{}", org.slug), "partner".into());
    }
    form
}

fn edit_page(
    lang: Lang,
    uri: &Uri,
    title: String,
    action: String,
    form: FormState,
    themes: &[(i64, String, LocalizedText)],
    organizations: &[(i64, String, LocalizedText)],
) -> EditPage {
    let theme_choices = theme_choices(themes, lang);
    let organizations = role_choices(organizations, &form, "org_", lang);
    EditPage {
        chrome: Chrome::new(lang, title, uri),
        action,
        kinds: EventKind::choices(lang),
        themes: theme_choices,
        organizations,
        form,
    }
}

pub async fn new_form(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let (id, _) = store::network_id(&db, slug.as_str()).await.found()?;
    Rights::of(&db, &user).require(Right::CoordinateNetwork(id)).await?;
    let mut form = FormState::default();
    form.values.insert("time_zone".into(), "UTC".into());
    form.values.insert("kind".into(), EventKind::Workshop.code().into());
    let page = edit_page(
        lang,
        &uri,
        lang.t("events-new-title"),
        format!("/networks/{slug}/events/new"),
        form,
        &store::themes(&db).await?,
        &organization_choices(&db, id, None).await?,
    );
    render(&page)
}

pub async fn create(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let (id, _) = store::network_id(&db, slug.as_str()).await.found()?;
    Rights::of(&db, &user).require(Right::CoordinateNetwork(id)).await?;
    let themes = store::themes(&db).await?;
    let organizations = organization_choices(&db, id, None).await?;
    let mut form = FormState::from(&data);
    let input = read_event(&data, &mut form, lang, &themes, &organizations);
    let Some(input) = input else {
        let page = edit_page(
            lang,
            &uri,
            lang.t("events-new-title"),
            format!("/networks/{slug}/events/new"),
            form,
            &themes,
            &organizations,
        );
        return shown_again(&page);
    };
    let title = input.title.get(Lang::En);
    let base = Slug::from_name(&format!("{title} {}", input.schedule.starts_on))
        .map(|s| s.to_string())
        .unwrap_or_else(|| "event".into());
    let created = store::create(&db, id, &base, &input).await?;
    Ok(Redirect::to(&format!("/events/{created}")).into_response())
}

pub async fn edit_form(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let event = event_to_run(&db, &user, slug.as_str()).await?;
    let organizations = event_organizations(&db, &event).await?;
    let title = about(lang, "events-edit-title", &event);
    let page = edit_page(
        lang,
        &uri,
        title,
        format!("/events/{slug}/edit"),
        event_fields(&event),
        &store::themes(&db).await?,
        &organizations,
    );
    render(&page)
}

pub async fn edit(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let event = event_to_run(&db, &user, slug.as_str()).await?;
    let themes = store::themes(&db).await?;
    let organizations = event_organizations(&db, &event).await?;
    let mut form = FormState::from(&data);
    let Some(input) = read_event(&data, &mut form, lang, &themes, &organizations) else {
        let title = about(lang, "events-edit-title", &event);
        let page = edit_page(lang, &uri, title, format!("/events/{slug}/edit"), form, &themes, &organizations);
        return shown_again(&page);
    };
    store::update(&db, event.id, &input).await?;
    let after = store::by_slug(&db, slug.as_str()).await.found()?;
    crate::platform::audit::record(
        &db,
        Some(user.user_id),
        "event.update",
        "event",
        Some(event.id),
        Some(&event_record(&event)),
        Some(&event_record(&after)),
    )
    .await?;
    Ok(Redirect::to(&format!("/events/{slug}")).into_response())
}

/// What the history keeps of an event's form.
fn event_record(event: &Event) -> serde_json::Value {
    serde_json::json!({
        "title": event.title.by_code(),
        "kind": event.kind.code(),
        "starts_on": event.starts_on,
        "ends_on": event.ends_on,
        "start_time": event.start_time,
        "end_time": event.end_time,
        "time_zone": event.time_zone,
        "location": event.location.as_ref().map(LocalizedText::by_code),
        "online_url": event.online_url,
        "capacity": event.capacity,
        "registration_open": event.registration_open,
        "organizers": event.organizers.iter().map(|o| o.slug.as_str()).collect::<Vec<_>>(),
        "partners": event.partners.iter().map(|o| o.slug.as_str()).collect::<Vec<_>>(),
    })
}

#[derive(Template)]
#[template(path = "events/registrations.html")]
struct RegistrationsPage {
    chrome: Chrome,
    lang: Lang,
    event: Event,
    registrations: Vec<Registration>,
    counts: registration::Counts,
}

#[derive(Template)]
#[template(path = "events/badges.html")]
struct BadgesPage {
    chrome: Chrome,
    lang: Lang,
    event: Event,
    registrations: Vec<Registration>,
}

/// The event and its registrations, for those who run it.
async fn runners_view(db: &Db, user: &SignedIn, slug: &Slug) -> Result<(Event, Vec<Registration>), AppError> {
    let event = event_to_run(db, user, slug.as_str()).await?;
    let registrations = registration::of_event(db, event.id).await?;
    Ok((event, registrations))
}

/// The organisers' list: who registered, with a check-in button per seat, to use on a phone or printed.
pub async fn registrations(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let (event, registrations) = runners_view(&db, &user, &slug).await?;
    let page = RegistrationsPage {
        chrome: Chrome::new(lang, about(lang, "events-registrations-of", &event), &uri),
        lang,
        counts: registration::counts(&db, event.id).await?,
        event,
        registrations,
    };
    render(&page)
}

/// The registrations with the answers to the form's questions, as the organisers' table.
async fn registrations_table(db: &Db, lang: Lang, user: &SignedIn, slug: &Slug) -> Result<Vec<Vec<String>>, AppError> {
    let (event, registrations) = runners_view(db, user, slug).await?;
    let questions = questions::of_event(db, event.id).await?;
    Ok(registration::table(&registrations, &questions, &questions::answers(db, event.id).await?, lang))
}

pub async fn registrations_csv(
    State(db): State<Db>,
    lang: Lang,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Response, AppError> {
    let table = registrations_table(&db, lang, &user, &slug).await?;
    let body = registration::to_csv(&table)?;
    Ok(crate::directory::download(body, "text/csv; charset=utf-8", &format!("{slug}-registrations.csv")))
}

pub async fn registrations_xlsx(
    State(db): State<Db>,
    lang: Lang,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Response, AppError> {
    let table = registrations_table(&db, lang, &user, &slug).await?;
    let body = registration::to_xlsx(&table)?;
    let content_type = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    Ok(crate::directory::download(body, content_type, &format!("{slug}-registrations.xlsx")))
}

pub async fn check_in(
    State(db): State<Db>,
    RequireUser(user): RequireUser,
    Path(item): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (event, id) = item_to_run(&db, &user, &item).await?;
    if !registration::check_in(&db, event.id, id).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&format!("/events/{}/registrations#r{id}", event.slug)).into_response())
}

/// A printable sheet of name badges for every confirmed seat.
pub async fn badges(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let (event, registrations) = runners_view(&db, &user, &slug).await?;
    let page = BadgesPage {
        chrome: Chrome::new(lang, about(lang, "events-badges-of", &event), &uri),
        lang,
        event,
        registrations: registrations.into_iter().filter(|r| r.status == RegistrationStatus::Confirmed).collect(),
    };
    render(&page)
}

/// The session form with what it offers: kinds, themes, and the directory's people with the role each holds.
struct SessionForm {
    form: FormState,
    kinds: Vec<Choice>,
    themes: Vec<Choice>,
    people: Vec<RoleChoice>,
}

/// The themes and the directory's people a session of the event, or a proposal for one, may name.
pub(super) struct SessionChoices {
    pub(super) themes: Vec<(i64, String, LocalizedText)>,
    pub(super) people: Vec<(i64, String, LocalizedText)>,
}

impl SessionChoices {
    pub(super) async fn load(db: &Db, event: &Event) -> sqlx::Result<SessionChoices> {
        Ok(SessionChoices {
            themes: store::themes(db).await?,
            people: store::people_choices(db, event.network_id, event.id).await?,
        })
    }

    fn form(&self, form: FormState, lang: Lang) -> SessionForm {
        SessionForm {
            kinds: SessionKind::choices(lang),
            themes: theme_choices(&self.themes, lang),
            people: role_choices(&self.people, &form, "person_", lang),
            form,
        }
    }
}

#[derive(Template)]
#[template(path = "events/programme_edit.html")]
struct ProgrammeEditPage {
    chrome: Chrome,
    lang: Lang,
    event: Event,
    sessions: Vec<Session>,
    fields: SessionForm,
}

impl ProgrammeEditPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }
}

/// The event's days as dates, the last being the first when the record gives no end.
fn event_days(event: &Event) -> Option<(jiff::civil::Date, jiff::civil::Date)> {
    let first = parse_day(event.starts_on.as_deref()?)?;
    Some((first, event.ends_on.as_deref().and_then(parse_day).unwrap_or(first)))
}

/// The programme form as a session, or None with the message beside each bad field: a day within the event's
/// days, hours within its hours on its first and last day, an end after the start.
fn read_session(
    data: &FormData,
    form: &mut FormState,
    lang: Lang,
    event: &Event,
    choices: &SessionChoices,
) -> Option<store::SessionInput> {
    let kind = SessionKind::parse(&data.get("kind"));
    if kind.is_none() {
        form.fail("kind", lang.t("edit-choose"));
    }
    let title = data.localized("title", 300, form, lang);
    if title.is_empty() {
        form.fail("title_en", lang.t("events-title-required"));
    }
    let outcome = data.localized("outcome", 5000, form, lang);
    let optional = |name: &str, key: &str, form: &mut FormState, parse: &dyn Fn(&str) -> bool| {
        let text = data.get(name);
        if !text.is_empty() && !parse(&text) {
            form.fail(name, lang.t(key));
        }
    };
    optional("day", "events-day-invalid", form, &|t| parse_day(t).is_some());
    optional("starts_at", "events-time-invalid", form, &|t| parse_time(t).is_some());
    optional("ends_at", "events-time-invalid", form, &|t| parse_time(t).is_some());
    let day = parse_day(&data.get("day"));
    let (starts_at, ends_at) = (parse_time(&data.get("starts_at")), parse_time(&data.get("ends_at")));
    if let (Some(start), Some(end)) = (starts_at, ends_at)
        && end <= start
    {
        form.fail("ends_at", lang.t("events-ends-before-start"));
    }
    if let Some((first, last)) = event_days(event) {
        if day.is_some_and(|day| day < first || day > last) {
            let dates = [("first", lang.date(first).into()), ("last", lang.date(last).into())];
            form.fail("day", lang.t_with("events-session-day-outside", &dates));
        }
        // A session without a day of a one-day event is held on that day.
        let on = day.or((first == last).then_some(first));
        let event_start = event.start_time.as_deref().and_then(parse_time);
        if let (Some(start), Some(earliest)) = (starts_at, event_start)
            && on == Some(first)
            && start < earliest
        {
            let time = earliest.strftime("%H:%M").to_string();
            form.fail("starts_at", lang.t_with("events-session-starts-too-early", &[("time", time.into())]));
        }
        let event_end = event.end_time.as_deref().and_then(parse_time);
        if let (Some(end), Some(latest)) = (ends_at, event_end)
            && on == Some(last)
            && end > latest
        {
            let time = latest.strftime("%H:%M").to_string();
            form.fail("ends_at", lang.t_with("events-session-ends-too-late", &[("time", time.into())]));
        }
    }
    let room = Some(data.get("room")).filter(|r| !r.is_empty());
    if room.as_ref().is_some_and(|r| r.chars().count() > 200) {
        form.fail("room", lang.t_count("form-too-long", 200));
    }
    let theme_slug = data.get("theme");
    let theme_id = choices.themes.iter().find(|(_, slug, _)| *slug == theme_slug).map(|(id, _, _)| *id);
    if theme_id.is_none() && !theme_slug.is_empty() {
        form.fail("theme", lang.t("edit-choose"));
    }
    let mut named = Vec::new();
    for (id, slug, _) in &choices.people {
        let field = format!("person_{slug}");
        let role = data.get(&field);
        match SESSION_ROLES.iter().find(|r| **r == role) {
            Some(role) => named.push((*id, *role)),
            None if role.is_empty() => {}
            None => form.fail(&field, lang.t("edit-choose")),
        }
    }
    let guests = super::call::read_guests(data, form, lang);
    let kind = kind?;
    form.is_valid().then(|| store::SessionInput {
        kind,
        title,
        day,
        starts_at,
        ends_at,
        room,
        theme_id,
        outcome: (!outcome.is_empty()).then_some(outcome),
        people: named,
        guests,
    })
}

async fn programme_edit_page(
    db: &Db,
    lang: Lang,
    uri: &Uri,
    event: Event,
    form: FormState,
    choices: &SessionChoices,
) -> Result<ProgrammeEditPage, AppError> {
    Ok(ProgrammeEditPage {
        chrome: Chrome::new(lang, about(lang, "events-programme-edit-of", &event), uri),
        lang,
        sessions: store::sessions(db, event.id).await?,
        fields: choices.form(form, lang),
        event,
    })
}

/// The programme as its organisers change it: every session with links to change or remove it, and a form to
/// add one.
pub async fn programme_edit(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let event = event_to_run(&db, &user, slug.as_str()).await?;
    let choices = SessionChoices::load(&db, &event).await?;
    render(&programme_edit_page(&db, lang, &uri, event, FormState::default(), &choices).await?)
}

pub async fn add_session(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let event = event_to_run(&db, &user, slug.as_str()).await?;
    let choices = SessionChoices::load(&db, &event).await?;
    let mut form = FormState::from(&data);
    let Some(input) = read_session(&data, &mut form, lang, &event, &choices) else {
        let page = programme_edit_page(&db, lang, &uri, event, form, &choices).await?;
        return shown_again(&page);
    };
    store::add_session(&db, event.id, &input).await?;
    Ok(Redirect::to(&format!("/events/{slug}/programme/edit")).into_response())
}

#[derive(Template)]
#[template(path = "events/session_edit.html")]
struct SessionEditPage {
    chrome: Chrome,
    lang: Lang,
    event: Event,
    session_id: i64,
    fields: SessionForm,
}

impl SessionEditPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }
}

/// The event and one of its sessions, for those who run it.
async fn session_to_run(db: &Db, user: &SignedIn, item: &(String, String)) -> Result<(Event, Session), AppError> {
    let (event, id) = item_to_run(db, user, item).await?;
    let session = store::sessions(db, event.id).await?.into_iter().find(|s| s.id == id).ok_or(AppError::NotFound)?;
    Ok((event, session))
}

fn session_edit_page(
    lang: Lang,
    uri: &Uri,
    event: Event,
    session: &Session,
    form: FormState,
    choices: &SessionChoices,
) -> SessionEditPage {
    let title = lang.t_with("events-session-edit-of", &[("session", session.title.get(lang).to_string().into())]);
    SessionEditPage {
        chrome: Chrome::new(lang, title, uri),
        lang,
        event,
        session_id: session.id,
        fields: choices.form(form, lang),
    }
}

/// The form of a session as it stands.
fn session_fields(session: &Session) -> FormState {
    let mut form = filled(
        &[("title", Some(&session.title)), ("outcome", session.outcome.as_ref())],
        &[
            ("day", &session.day),
            ("starts_at", &session.starts_at),
            ("ends_at", &session.ends_at),
            ("room", &session.room),
        ],
    );
    let values = &mut form.values;
    values.insert("kind".into(), session.kind.code().into());
    values.insert("theme".into(), session.theme.as_ref().map(|t| t.slug.clone()).unwrap_or_default());
    for person in &session.people {
        values.entry(format!("person_{}", person.slug)).or_insert_with(|| person.role.clone());
    }
    values.insert("guests".into(), session.guests.join("\n"));
    form
}

/// What the history keeps of a session.
fn session_record(session: &Session) -> serde_json::Value {
    serde_json::json!({
        "title": session.title.by_code(),
        "kind": session.kind.code(),
        "day": session.day,
        "starts_at": session.starts_at,
        "ends_at": session.ends_at,
        "room": session.room,
        "theme": session.theme.as_ref().map(|t| t.slug.as_str()),
        "people": session.people.iter().map(|p| format!("{} ({})", p.slug, p.role)).collect::<Vec<_>>(),
        "guests": session.guests,
    })
}

/// The form that schedules and changes a session: day, hours, room, kind, title, people, theme.
pub async fn session_edit_form(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    Path(item): Path<(String, String)>,
) -> Result<Html<String>, AppError> {
    let (event, session) = session_to_run(&db, &user, &item).await?;
    let choices = SessionChoices::load(&db, &event).await?;
    render(&session_edit_page(lang, &uri, event, &session, session_fields(&session), &choices))
}

pub async fn edit_session(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    Path(item): Path<(String, String)>,
    data: FormData,
) -> Result<Response, AppError> {
    let (event, session) = session_to_run(&db, &user, &item).await?;
    let choices = SessionChoices::load(&db, &event).await?;
    let mut form = FormState::from(&data);
    let Some(input) = read_session(&data, &mut form, lang, &event, &choices) else {
        return shown_again(&session_edit_page(lang, &uri, event, &session, form, &choices));
    };
    if !store::update_session(&db, event.id, session.id, &input).await? {
        return Err(AppError::NotFound);
    }
    let after = store::sessions(&db, event.id).await?.into_iter().find(|s| s.id == session.id);
    crate::platform::audit::record(
        &db,
        Some(user.user_id),
        "event.session-update",
        "event",
        Some(event.id),
        Some(&session_record(&session)),
        after.as_ref().map(session_record).as_ref(),
    )
    .await?;
    Ok(Redirect::to(&format!("/events/{}/programme/edit#s{}", event.slug, session.id)).into_response())
}

pub async fn delete_session(
    State(db): State<Db>,
    RequireUser(user): RequireUser,
    Path(item): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (event, id) = item_to_run(&db, &user, &item).await?;
    if !store::delete_session(&db, event.id, id).await? {
        return Err(AppError::NotFound);
    }
    Ok(Redirect::to(&format!("/events/{}/programme/edit", event.slug)).into_response())
}

#[derive(Template)]
#[template(path = "events/certificates.html")]
struct CertificatesPage {
    chrome: Chrome,
    lang: Lang,
    event: Event,
    when: String,
    /// Those checked in.
    participants: Vec<Registration>,
}

/// Certificates of participation for everyone checked in, one to a printed page.
pub async fn certificates(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let (event, registrations) = runners_view(&db, &user, &slug).await?;
    let page = CertificatesPage {
        chrome: Chrome::new(lang, about(lang, "events-certificates-of", &event), &uri),
        lang,
        when: when(lang, &event),
        participants: registrations.into_iter().filter(|r| r.checked_in).collect(),
        event,
    };
    render(&page)
}
