//! The call for contributions of a conference: its organisers open it for some days, on some themes, with
//! guidance; anyone signed in proposes a session (title, kind, abstract, speakers from the directory or by name,
//! theme); the organisers accept a proposal, which becomes a session at the end of the programme, or decline it
//! with a reason. Proposers are told by mail in their own language; every step is in the event's history.

use askama::Template;
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::{Html, IntoResponse, Redirect, Response};
use jiff::civil::Date;
use serde_json::json;
use sqlx::Row;

use super::form_pages::shown_again;
use super::model::{SessionKind, parse_day};
use super::pages::{SessionChoices, about, event_to_run, item_to_run, may_run, theme_choices};
use super::store::{self, Event};
use crate::directory::code_enum;
use crate::platform::audit;
use crate::platform::auth::{MaybeUser, RequireUser, SignedIn};
use crate::platform::db::Db;
use crate::platform::forms::{Choice, FormData, FormState};
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::mail::{Email, OutgoingMail};
use crate::platform::web::{AppError, Chrome, Found, SlugPath, render};
use crate::state::AppState;

code_enum! {
    /// Where a session proposal stands.
    ProposalStatus, "proposal-status" {
        Submitted => "submitted",
        Accepted => "accepted",
        Declined => "declined",
    }
}

/// The most speakers typed by name one proposal may carry.
const MAX_GUESTS: usize = 10;

/// The speakers typed by name in the field `guests`, one a line; the message beside it when there are too many
/// or one is too long.
pub(super) fn read_guests(data: &FormData, form: &mut FormState, lang: Lang) -> Vec<String> {
    let guests: Vec<String> =
        data.get("guests").lines().map(str::trim).filter(|name| !name.is_empty()).map(String::from).collect();
    if guests.len() > MAX_GUESTS || guests.iter().any(|name| name.chars().count() > 200) {
        form.fail("guests", lang.t_count("events-proposal-guests-invalid", MAX_GUESTS as i64));
    }
    guests
}

/// A call for contributions: the days it is open, the themes it asks for (none: any), and its guidance.
#[derive(Debug, Clone)]
pub struct Call {
    pub opens_on: Date,
    pub closes_on: Date,
    pub theme_ids: Vec<i64>,
    pub guidance: Option<LocalizedText>,
}

impl Call {
    pub fn is_open(&self, today: Date) -> bool {
        self.opens_on <= today && today <= self.closes_on
    }
}

fn today() -> Date {
    jiff::Timestamp::now().to_zoned_datetime(jiff::tz::TimeZone::UTC).date()
}

pub async fn call_of(db: &Db, event_id: i64) -> sqlx::Result<Option<Call>> {
    let row = sqlx::query("SELECT opens_on, closes_on, theme_ids, guidance FROM event_calls WHERE event_id = $1")
        .bind(event_id)
        .fetch_optional(&db.pool)
        .await?;
    row.map(|row| {
        let day = |column: &str| -> sqlx::Result<Date> {
            Ok(parse_day(&row.try_get::<String, _>(column)?).unwrap_or_default())
        };
        Ok(Call {
            opens_on: day("opens_on")?,
            closes_on: day("closes_on")?,
            theme_ids: serde_json::from_str(&row.try_get::<String, _>("theme_ids")?).unwrap_or_default(),
            guidance: LocalizedText::from_json_opt(row.try_get::<Option<String>, _>("guidance")?.as_deref()),
        })
    })
    .transpose()
}

async fn save_call(db: &Db, event_id: i64, call: &Call) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO event_calls (event_id, opens_on, closes_on, theme_ids, guidance) VALUES ($1, $2, $3, $4, $5) \
         ON CONFLICT (event_id) DO UPDATE SET opens_on = excluded.opens_on, closes_on = excluded.closes_on, \
         theme_ids = excluded.theme_ids, guidance = excluded.guidance",
    )
    .bind(event_id)
    .bind(call.opens_on.to_string())
    .bind(call.closes_on.to_string())
    .bind(serde_json::to_string(&call.theme_ids).unwrap_or_else(|_| "[]".into()))
    .bind(call.guidance.as_ref().map(LocalizedText::to_json))
    .execute(&db.pool)
    .await
    .map(|_| ())
}

/// What a proposer sends, parsed.
#[derive(Debug, Clone)]
struct ProposalInput {
    kind: SessionKind,
    title: String,
    summary: String,
    person_ids: Vec<i64>,
    guests: Vec<String>,
    theme_id: Option<i64>,
}

/// A proposal as the organisers and its proposer read it.
#[derive(Debug, Clone)]
pub struct Proposal {
    pub id: i64,
    pub user_id: i64,
    pub proposer: String,
    pub lang: Lang,
    pub kind: SessionKind,
    pub title: String,
    pub summary: String,
    pub person_ids: Vec<i64>,
    pub guests: Vec<String>,
    pub theme_id: Option<i64>,
    pub status: ProposalStatus,
    pub reason: Option<String>,
}

async fn proposals(db: &Db, event_id: i64, user_id: Option<i64>) -> sqlx::Result<Vec<Proposal>> {
    let whose = if user_id.is_some() { "AND p.user_id = $2" } else { "" };
    let sql = format!(
        "SELECT p.id AS id, p.user_id AS user_id, u.display_name AS proposer, p.lang AS lang, p.kind AS kind, \
                p.title AS title, p.summary AS summary, p.person_ids AS person_ids, p.guest_speakers AS guests, \
                p.theme_id AS theme_id, p.status AS status, p.reason AS reason \
         FROM event_proposals p JOIN users u ON u.id = p.user_id WHERE p.event_id = $1 {whose} \
         ORDER BY CASE WHEN p.status = 'submitted' THEN 0 ELSE 1 END, p.id"
    );
    let mut query = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(event_id);
    if let Some(user_id) = user_id {
        query = query.bind(user_id);
    }
    query
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|row| {
            Ok(Proposal {
                id: row.try_get("id")?,
                user_id: row.try_get("user_id")?,
                proposer: row.try_get("proposer")?,
                lang: Lang::parse(&row.try_get::<String, _>("lang")?).unwrap_or(Lang::En),
                kind: SessionKind::parse(&row.try_get::<String, _>("kind")?).unwrap_or(SessionKind::Presentation),
                title: row.try_get("title")?,
                summary: row.try_get("summary")?,
                person_ids: serde_json::from_str(&row.try_get::<String, _>("person_ids")?).unwrap_or_default(),
                guests: serde_json::from_str(&row.try_get::<String, _>("guests")?).unwrap_or_default(),
                theme_id: row.try_get("theme_id")?,
                status: ProposalStatus::parse(&row.try_get::<String, _>("status")?)
                    .unwrap_or(ProposalStatus::Submitted),
                reason: row.try_get("reason")?,
            })
        })
        .collect()
}

/// Names of the directory's people and of themes, by id, for the pages to show proposals with.
impl SessionChoices {
    fn speakers(&self, proposal: &Proposal, lang: Lang) -> String {
        let named = self
            .people
            .iter()
            .filter(|(id, _, _)| proposal.person_ids.contains(id))
            .map(|(_, _, name)| name.get(lang).to_string());
        named.chain(proposal.guests.iter().cloned()).collect::<Vec<_>>().join("; ")
    }

    fn theme(&self, id: Option<i64>, lang: Lang) -> String {
        self.themes
            .iter()
            .find(|(theme, _, _)| Some(*theme) == id)
            .map(|(_, _, n)| n.get(lang).to_string())
            .unwrap_or_default()
    }
}

#[derive(Template)]
#[template(path = "events/call.html")]
struct CallPage {
    chrome: Chrome,
    lang: Lang,
    event: Event,
    call: Option<Call>,
    open: bool,
    guidance: Option<String>,
    /// The names of the themes the call asks for.
    call_themes: Vec<String>,
    signed_in: bool,
    runner: bool,
    /// The reader's own proposals.
    mine: Vec<Proposal>,
    names: SessionChoices,
    proposal_form: FormState,
    kinds: Vec<Choice>,
    themes: Vec<Choice>,
    /// The directory's people a proposal may name, with whether the form names them.
    speakers: Vec<(String, String, bool)>,
    call_form: FormState,
    /// Every theme, for the organisers' call form, with whether the call asks for it.
    all_themes: Vec<(String, String, bool)>,
}

impl CallPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }

    fn speakers_of(&self, proposal: &Proposal) -> String {
        self.names.speakers(proposal, self.lang)
    }

    fn theme_of(&self, proposal: &Proposal) -> String {
        self.names.theme(proposal.theme_id, self.lang)
    }
}

/// The form fields an existing call fills the organisers' form with.
fn call_fields(call: Option<&Call>, themes: &[(i64, String, LocalizedText)]) -> FormState {
    let mut form = FormState::default();
    if let Some(call) = call {
        form.values.insert("opens_on".into(), call.opens_on.to_string());
        form.values.insert("closes_on".into(), call.closes_on.to_string());
        for lang in Lang::ALL {
            let text = call.guidance.as_ref().and_then(|g| g.0.get(&lang).cloned()).unwrap_or_default();
            form.values.insert(format!("guidance_{}", lang.code()), text);
        }
        for (id, slug, _) in themes {
            if call.theme_ids.contains(id) {
                form.values.insert(format!("call_theme_{slug}"), "yes".into());
            }
        }
    }
    form
}

/// A checkbox `{prefix}{slug}` for each entry: its field, its label, and whether the form ticks it.
fn checkboxes(
    entries: &[(i64, String, LocalizedText)],
    prefix: &str,
    form: &FormState,
    lang: Lang,
) -> Vec<(String, String, bool)> {
    entries
        .iter()
        .map(|(_, slug, name)| {
            let field = format!("{prefix}{slug}");
            let ticked = form.value(&field) == "yes";
            (field, name.get(lang).to_string(), ticked)
        })
        .collect()
}

async fn call_page(
    db: &Db,
    lang: Lang,
    uri: &Uri,
    event: Event,
    user: Option<&SignedIn>,
    proposal_form: FormState,
    call_form: Option<FormState>,
) -> Result<CallPage, AppError> {
    let runner = may_run(db, user, &event).await?;
    let call = call_of(db, event.id).await?;
    let names = SessionChoices::load(db, &event).await?;
    let asked: Vec<&(i64, String, LocalizedText)> = match &call {
        Some(call) if !call.theme_ids.is_empty() => {
            names.themes.iter().filter(|(id, _, _)| call.theme_ids.contains(id)).collect()
        }
        _ => names.themes.iter().collect(),
    };
    let mut themes = theme_choices(&[], lang);
    themes
        .extend(asked.iter().map(|(_, slug, name)| Choice { value: slug.clone(), label: name.get(lang).to_string() }));
    let speakers = checkboxes(&names.people, "speaker_", &proposal_form, lang);
    let call_form = call_form.unwrap_or_else(|| call_fields(call.as_ref(), &names.themes));
    let all_themes = checkboxes(&names.themes, "call_theme_", &call_form, lang);
    let call_themes = match &call {
        Some(call) if !call.theme_ids.is_empty() => {
            asked.iter().map(|(_, _, name)| name.get(lang).to_string()).collect()
        }
        _ => Vec::new(),
    };
    let mine = match user {
        Some(user) => proposals(db, event.id, Some(user.user_id)).await?,
        None => Vec::new(),
    };
    Ok(CallPage {
        chrome: Chrome::new(lang, about(lang, "events-call-of", &event), uri),
        lang,
        open: call.as_ref().is_some_and(|call| call.is_open(today())),
        guidance: call
            .as_ref()
            .and_then(|call| call.guidance.as_ref())
            .map(|g| crate::platform::markdown::to_safe_html(g.get(lang))),
        call_themes,
        call,
        signed_in: user.is_some(),
        runner,
        mine,
        names,
        proposal_form,
        kinds: SessionKind::choices(lang).into_iter().filter(|c| c.value != SessionKind::Break.code()).collect(),
        themes,
        speakers,
        call_form,
        all_themes,
        event,
    })
}

/// The call: its days, themes and guidance, the form to propose a session while it is open, the reader's own
/// proposals and, for the organisers, the form that opens or changes the call.
pub async fn show(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    SlugPath(slug): SlugPath,
    MaybeUser(user): MaybeUser,
) -> Result<Html<String>, AppError> {
    let event = store::by_slug(&db, slug.as_str()).await.found()?;
    render(&call_page(&db, lang, &uri, event, user.as_ref(), FormState::default(), None).await?)
}

fn read_call(
    data: &FormData,
    form: &mut FormState,
    lang: Lang,
    themes: &[(i64, String, LocalizedText)],
) -> Option<Call> {
    let opens_on = parse_day(&data.get("opens_on"));
    if opens_on.is_none() {
        form.fail("opens_on", lang.t("events-day-invalid"));
    }
    let closes_on = parse_day(&data.get("closes_on"));
    if closes_on.is_none() {
        form.fail("closes_on", lang.t("events-day-invalid"));
    }
    if let (Some(opens), Some(closes)) = (opens_on, closes_on)
        && closes < opens
    {
        form.fail("closes_on", lang.t("events-call-closes-before-opening"));
    }
    let guidance = data.localized("guidance", 5000, form, lang);
    let theme_ids = themes
        .iter()
        .filter(|(_, slug, _)| data.get(&format!("call_theme_{slug}")) == "yes")
        .map(|(id, _, _)| *id)
        .collect();
    let (opens_on, closes_on) = (opens_on?, closes_on?);
    form.is_valid().then(|| Call {
        opens_on,
        closes_on,
        theme_ids,
        guidance: (!guidance.is_empty()).then_some(guidance),
    })
}

/// The organisers open the call, or change its days, themes and guidance.
pub async fn save(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let event = event_to_run(&db, &user, slug.as_str()).await?;
    let themes = store::themes(&db).await?;
    let mut form = FormState::from(&data);
    let Some(call) = read_call(&data, &mut form, lang, &themes) else {
        let page = call_page(&db, lang, &uri, event, Some(&user), FormState::default(), Some(form)).await?;
        return shown_again(&page);
    };
    let before = call_of(&db, event.id).await?.map(|call| call_record(&call, &themes));
    save_call(&db, event.id, &call).await?;
    let after = call_record(&call, &themes);
    audit::record(&db, Some(user.user_id), "event.call", "event", Some(event.id), before.as_ref(), Some(&after))
        .await?;
    Ok(Redirect::to(&format!("/events/{slug}/call")).into_response())
}

fn call_record(call: &Call, themes: &[(i64, String, LocalizedText)]) -> serde_json::Value {
    let slugs: Vec<&str> =
        themes.iter().filter(|(id, _, _)| call.theme_ids.contains(id)).map(|(_, slug, _)| slug.as_str()).collect();
    json!({
        "opens_on": call.opens_on.to_string(),
        "closes_on": call.closes_on.to_string(),
        "themes": slugs,
        "guidance": call.guidance.as_ref().map(LocalizedText::by_code),
    })
}

fn read_proposal(
    data: &FormData,
    form: &mut FormState,
    lang: Lang,
    call: &Call,
    names: &SessionChoices,
) -> Option<ProposalInput> {
    let kind = SessionKind::parse(&data.get("kind")).filter(|kind| *kind != SessionKind::Break);
    if kind.is_none() {
        form.fail("kind", lang.t("edit-choose"));
    }
    let title = data.get("title");
    if title.is_empty() {
        form.fail("title", lang.t("events-proposal-title-required"));
    } else if title.chars().count() > 300 {
        form.fail("title", lang.t_count("form-too-long", 300));
    }
    let summary = data.get("summary");
    if summary.is_empty() {
        form.fail("summary", lang.t("events-proposal-summary-required"));
    } else if summary.chars().count() > 5000 {
        form.fail("summary", lang.t_count("form-too-long", 5000));
    }
    let theme_slug = data.get("theme");
    let theme_id = names
        .themes
        .iter()
        .find(|(id, slug, _)| *slug == theme_slug && (call.theme_ids.is_empty() || call.theme_ids.contains(id)))
        .map(|(id, _, _)| *id);
    if theme_id.is_none() && (!theme_slug.is_empty() || !call.theme_ids.is_empty()) {
        form.fail("theme", lang.t("events-proposal-theme-required"));
    }
    let person_ids: Vec<i64> = names
        .people
        .iter()
        .filter(|(_, slug, _)| data.get(&format!("speaker_{slug}")) == "yes")
        .map(|(id, _, _)| *id)
        .collect();
    let guests = read_guests(data, form, lang);
    let kind = kind?;
    form.is_valid().then_some(ProposalInput { kind, title, summary, person_ids, guests, theme_id })
}

/// Someone signed in proposes a session while the call is open.
pub async fn propose(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let event = store::by_slug(&db, slug.as_str()).await.found()?;
    let call = call_of(&db, event.id).await.found()?;
    if !call.is_open(today()) {
        return Err(AppError::Conflict);
    }
    let names = SessionChoices::load(&db, &event).await?;
    let mut form = FormState::from(&data);
    let Some(input) = read_proposal(&data, &mut form, lang, &call, &names) else {
        let page = call_page(&db, lang, &uri, event, Some(&user), form, None).await?;
        return shown_again(&page);
    };
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO event_proposals (event_id, user_id, lang, kind, title, summary, person_ids, guest_speakers, \
                                      theme_id, status, created_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(event.id)
    .bind(user.user_id)
    .bind(lang.code())
    .bind(input.kind.code())
    .bind(&input.title)
    .bind(&input.summary)
    .bind(serde_json::to_string(&input.person_ids).unwrap_or_else(|_| "[]".into()))
    .bind(serde_json::to_string(&input.guests).unwrap_or_else(|_| "[]".into()))
    .bind(input.theme_id)
    .bind(ProposalStatus::Submitted.code())
    .bind(crate::platform::clock::now_rfc3339())
    .fetch_one(&db.pool)
    .await?;
    let after = json!({"proposal": id, "title": input.title, "kind": input.kind.code()});
    audit::record(&db, Some(user.user_id), "event.proposal-submit", "event", Some(event.id), None, Some(&after))
        .await?;
    Ok(Redirect::to(&format!("/events/{slug}/call#mine")).into_response())
}

#[derive(Template)]
#[template(path = "events/proposals.html")]
struct ReviewPage {
    chrome: Chrome,
    lang: Lang,
    event: Event,
    proposals: Vec<Proposal>,
    names: SessionChoices,
    /// The decline form sent back: the proposal it was for and its state.
    declining: Option<(i64, FormState)>,
}

impl ReviewPage {
    fn speakers_of(&self, proposal: &Proposal) -> String {
        self.names.speakers(proposal, self.lang)
    }

    fn theme_of(&self, proposal: &Proposal) -> String {
        self.names.theme(proposal.theme_id, self.lang)
    }

    /// The reason typed for a proposal's decline form, and the message beside it.
    fn decline_state(&self, proposal: &Proposal) -> (String, Option<String>) {
        match &self.declining {
            Some((id, form)) if *id == proposal.id => {
                (form.value("reason").to_string(), form.error("reason").map(String::from))
            }
            _ => (String::new(), None),
        }
    }
}

async fn review_page(
    db: &Db,
    lang: Lang,
    uri: &Uri,
    event: Event,
    declining: Option<(i64, FormState)>,
) -> Result<ReviewPage, AppError> {
    Ok(ReviewPage {
        chrome: Chrome::new(lang, about(lang, "events-proposals-of", &event), uri),
        lang,
        proposals: proposals(db, event.id, None).await?,
        names: SessionChoices::load(db, &event).await?,
        declining,
        event,
    })
}

/// The organisers' list of proposals, those waiting first, each with its accept and decline buttons.
pub async fn review(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let event = event_to_run(&db, &user, slug.as_str()).await?;
    render(&review_page(&db, lang, &uri, event, None).await?)
}

/// The event and one of its proposals still waiting, for those who run it; 404 for another event's, 409 for
/// one decided already.
async fn waiting_proposal(db: &Db, user: &SignedIn, item: &(String, String)) -> Result<(Event, Proposal), AppError> {
    let (event, id) = item_to_run(db, user, item).await?;
    let proposal = proposals(db, event.id, None).await?.into_iter().find(|p| p.id == id).ok_or(AppError::NotFound)?;
    if proposal.status != ProposalStatus::Submitted {
        return Err(AppError::Conflict);
    }
    Ok((event, proposal))
}

/// Marks a waiting proposal decided in the transaction; false when another decision came first.
async fn decide(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: i64,
    status: ProposalStatus,
    reason: Option<&str>,
    session_id: Option<i64>,
) -> sqlx::Result<bool> {
    let done = sqlx::query(
        "UPDATE event_proposals SET status = $2, reason = $3, session_id = $4, decided_at = $5 \
         WHERE id = $1 AND status = 'submitted'",
    )
    .bind(id)
    .bind(status.code())
    .bind(reason)
    .bind(session_id)
    .bind(crate::platform::clock::now_rfc3339())
    .execute(&mut **tx)
    .await?;
    Ok(done.rows_affected() == 1)
}

/// Accepting a proposal puts it at the end of the programme as a session, its speakers with it.
pub async fn accept(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    Path(item): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (event, proposal) = waiting_proposal(&state.db, &user, &item).await?;
    let session = store::SessionInput {
        kind: proposal.kind,
        title: LocalizedText([(proposal.lang, proposal.title.clone())].into_iter().collect()),
        day: None,
        starts_at: None,
        ends_at: None,
        room: None,
        theme_id: proposal.theme_id,
        outcome: None,
        people: proposal.person_ids.iter().map(|id| (*id, "speaker")).collect(),
        guests: proposal.guests.clone(),
    };
    let mut tx = state.db.begin().await?;
    // The decision first: of two organisers accepting at once, one adds the session.
    if !decide(&mut tx, proposal.id, ProposalStatus::Accepted, None, None).await? {
        return Err(AppError::Conflict);
    }
    let session_id = store::insert_session(&mut tx, event.id, &session).await?;
    sqlx::query("UPDATE event_proposals SET session_id = $2 WHERE id = $1")
        .bind(proposal.id)
        .bind(session_id)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    let after = json!({"proposal": proposal.id, "title": proposal.title, "status": "accepted"});
    audit::record(&state.db, Some(user.user_id), "event.proposal-accept", "event", Some(event.id), None, Some(&after))
        .await?;
    tell_proposer(&state, &event, &proposal, ProposalStatus::Accepted, None).await?;
    Ok(Redirect::to(&format!("/events/{}/proposals", event.slug)).into_response())
}

/// Declining needs a reason, which the proposer is sent.
pub async fn decline(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    Path(item): Path<(String, String)>,
    data: FormData,
) -> Result<Response, AppError> {
    let (event, proposal) = waiting_proposal(&state.db, &user, &item).await?;
    let mut form = FormState::from(&data);
    let reason = data.get("reason");
    if reason.is_empty() {
        form.fail("reason", lang.t("events-proposal-reason-required"));
    } else if reason.chars().count() > 2000 {
        form.fail("reason", lang.t_count("form-too-long", 2000));
    }
    if !form.is_valid() {
        let page = review_page(&state.db, lang, &uri, event, Some((proposal.id, form))).await?;
        return shown_again(&page);
    }
    let mut tx = state.db.begin().await?;
    if !decide(&mut tx, proposal.id, ProposalStatus::Declined, Some(&reason), None).await? {
        return Err(AppError::Conflict);
    }
    tx.commit().await?;
    let after = json!({"proposal": proposal.id, "title": proposal.title, "status": "declined", "reason": reason});
    audit::record(&state.db, Some(user.user_id), "event.proposal-decline", "event", Some(event.id), None, Some(&after))
        .await?;
    tell_proposer(&state, &event, &proposal, ProposalStatus::Declined, Some(&reason)).await?;
    Ok(Redirect::to(&format!("/events/{}/proposals", event.slug)).into_response())
}

/// Mails the proposer the decision, in the language of their account.
async fn tell_proposer(
    state: &AppState,
    event: &Event,
    proposal: &Proposal,
    status: ProposalStatus,
    reason: Option<&str>,
) -> Result<(), AppError> {
    let Some((address, account_lang)): Option<(String, String)> =
        sqlx::query_as("SELECT email, lang FROM users WHERE id = $1 AND deleted_at IS NULL")
            .bind(proposal.user_id)
            .fetch_optional(&state.db.pool)
            .await?
    else {
        return Ok(());
    };
    let Some(address) = Email::parse(&address) else {
        return Ok(());
    };
    let lang = Lang::parse(&account_lang).unwrap_or(proposal.lang);
    let args = [
        ("event", event.title.get(lang).to_string().into()),
        ("title", proposal.title.clone().into()),
        ("reason", reason.unwrap_or_default().to_string().into()),
        ("page", format!("{}/events/{}/programme?lang={}", state.public_url, event.slug, lang.code()).into()),
    ];
    let outcome = status.code();
    let mail = OutgoingMail::new(
        address,
        lang.t_with(&format!("events-mail-proposal-{outcome}-subject"), &args),
        lang.t_with(&format!("events-mail-proposal-{outcome}-body"), &args),
    );
    if let Err(error) = state.mailer.send(&mail).await {
        tracing::warn!(error = %error, "proposal decision mail not sent");
    }
    Ok(())
}

/// The event's history: its edits, its call, and every proposal submitted and decided.
pub async fn history(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let event = event_to_run(&db, &user, slug.as_str()).await?;
    let name = event.title.get(lang).to_string();
    let page = audit::HistoryPage {
        chrome: Chrome::new(lang, lang.t_with("history-title", &[("name", name.clone().into())]), &uri),
        back: format!("/events/{slug}"),
        name,
        entries: audit::history(&db, &[("event", event.id)], lang).await?,
        restore_base: None,
    };
    render(&page)
}
