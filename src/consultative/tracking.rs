//! The application's way through the Committee on NGOs, and the changes to
//! status afterwards: each step dated, recorded in the audit log, and the
//! closing without prejudice computed from unanswered questions.

use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use sqlx::Row;
use time::Date;

use super::Organization;
use super::rules::{self, Session};
use crate::accounts::Rights;
use crate::directory::model::{ConsultativeStatus, code_enum};
use crate::platform::clock::{now_rfc3339, parse_day, today};
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::values::Slug;
use crate::platform::web::{AppError, SlugPath, render};
use crate::state::AppState;

code_enum! {
    /// A dated step of the application, or of status once granted.
    Step, "ecosoc-step" {
        Submitted => "submitted",
        Screening => "screening",
        Questions => "questions",
        Deferred => "deferred",
        Recommended => "recommended",
        Granted => "granted",
        NotRecommended => "not_recommended",
        Closed => "closed",
        Withdrawn => "withdrawn",
        ReportFiled => "report_filed",
        ReclassificationRequested => "reclassification_requested",
        Reclassified => "reclassified",
        NameChangeRequested => "name_change_requested",
        NameChanged => "name_changed",
    }
}

impl Step {
    /// Whether the step moves the application itself (the others happen once status is held).
    pub fn is_stage(self) -> bool {
        !matches!(
            self,
            Step::ReportFiled
                | Step::ReclassificationRequested
                | Step::Reclassified
                | Step::NameChangeRequested
                | Step::NameChanged
        )
    }

    /// Steps that belong to a session of the Committee.
    pub fn needs_session(self) -> bool {
        matches!(self, Step::Questions | Step::Deferred)
    }

    /// Steps that name a category of status.
    pub fn needs_category(self) -> bool {
        matches!(self, Step::Recommended | Step::Granted | Step::Reclassified)
    }

    /// The step that names the organisation's new name.
    pub fn needs_new_name(self) -> bool {
        self == Step::NameChanged
    }

    /// What may follow the application's current stage.
    pub fn after(stage: Option<Step>) -> &'static [Step] {
        match stage {
            None | Some(Step::NotRecommended | Step::Closed | Step::Withdrawn) => &[Step::Submitted],
            Some(Step::Submitted) => &[Step::Screening, Step::Questions, Step::Withdrawn],
            Some(Step::Screening) => {
                &[Step::Questions, Step::Deferred, Step::Recommended, Step::NotRecommended, Step::Withdrawn]
            }
            Some(Step::Questions | Step::Deferred) => &[
                Step::Questions,
                Step::Deferred,
                Step::Recommended,
                Step::NotRecommended,
                Step::Closed,
                Step::Withdrawn,
            ],
            Some(Step::Recommended) => &[Step::Granted, Step::NotRecommended],
            Some(_) => &[
                Step::ReportFiled,
                Step::ReclassificationRequested,
                Step::Reclassified,
                Step::NameChangeRequested,
                Step::NameChanged,
            ],
        }
    }
}

/// The categories status is recommended and granted in.
pub const CATEGORIES: [ConsultativeStatus; 3] =
    [ConsultativeStatus::General, ConsultativeStatus::Special, ConsultativeStatus::Roster];

#[derive(Clone, Debug, PartialEq)]
pub struct Event {
    pub step: Step,
    pub on: Date,
    pub session: Option<Session>,
    pub category: Option<ConsultativeStatus>,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Question {
    pub id: i64,
    pub session: Session,
    pub received_on: Date,
    pub question: String,
    pub answer: Option<String>,
    pub answer_sent_on: Option<Date>,
}

/// Everything recorded about an organisation's application and status, oldest first.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Application {
    pub events: Vec<Event>,
    pub questions: Vec<Question>,
}

impl Application {
    pub async fn load(db: &Db, organization_id: i64) -> sqlx::Result<Application> {
        let rows = sqlx::query(
            "SELECT step, on_date, session, category, note FROM ecosoc_events WHERE organization_id = $1 \
             ORDER BY on_date, id",
        )
        .bind(organization_id)
        .fetch_all(&db.pool)
        .await?;
        let mut events = Vec::with_capacity(rows.len());
        for row in rows {
            let (Some(step), Some(on)) =
                (Step::parse(&row.try_get::<String, _>("step")?), parse_day(&row.try_get::<String, _>("on_date")?))
            else {
                continue;
            };
            events.push(Event {
                step,
                on,
                session: row.try_get::<Option<String>, _>("session")?.as_deref().and_then(Session::parse),
                category: row.try_get::<Option<String>, _>("category")?.as_deref().and_then(ConsultativeStatus::parse),
                note: row.try_get("note")?,
            });
        }
        let rows = sqlx::query(
            "SELECT id, session, received_on, question, answer, answer_sent_on FROM ecosoc_questions \
             WHERE organization_id = $1 ORDER BY received_on, id",
        )
        .bind(organization_id)
        .fetch_all(&db.pool)
        .await?;
        let mut questions = Vec::with_capacity(rows.len());
        for row in rows {
            let (Some(session), Some(received_on)) = (
                Session::parse(&row.try_get::<String, _>("session")?),
                parse_day(&row.try_get::<String, _>("received_on")?),
            ) else {
                continue;
            };
            questions.push(Question {
                id: row.try_get("id")?,
                session,
                received_on,
                question: row.try_get("question")?,
                answer: row.try_get("answer")?,
                answer_sent_on: row.try_get::<Option<String>, _>("answer_sent_on")?.as_deref().and_then(parse_day),
            });
        }
        Ok(Application { events, questions })
    }

    /// The latest step that moved the application.
    pub fn stage(&self) -> Option<&Event> {
        self.events.iter().rev().find(|event| event.step.is_stage())
    }

    /// The day the application was closed without prejudice, when questions
    /// of a session stayed unanswered through the two sessions after it.
    pub fn closed_without_prejudice(&self, today: Date) -> Option<Date> {
        if !matches!(self.stage().map(|e| e.step), Some(Step::Questions | Step::Deferred)) {
            return None;
        }
        self.questions
            .iter()
            .filter(|q| q.answer_sent_on.is_none())
            .map(|q| rules::closes_without_prejudice(q.session))
            .filter(|closes| *closes <= today)
            .min()
    }

    /// The stage as it stands today, the computed closing included.
    pub fn current_stage(&self, today: Date) -> Option<Step> {
        if self.closed_without_prejudice(today).is_some() {
            return Some(Step::Closed);
        }
        self.stage().map(|e| e.step)
    }

    /// The category held and the day it was granted or last reclassified.
    pub fn status_since(&self) -> Option<(ConsultativeStatus, Date)> {
        self.events
            .iter()
            .rev()
            .find(|e| matches!(e.step, Step::Granted | Step::Reclassified))
            .and_then(|e| e.category.map(|category| (category, e.on)))
    }

    /// The days quadrennial reports were filed.
    pub fn reports_filed(&self) -> Vec<Date> {
        self.events.iter().filter(|e| e.step == Step::ReportFiled).map(|e| e.on).collect()
    }
}

/// A step as posted, checked against the application's stage.
struct PostedStep {
    event: Event,
    question: Option<String>,
    new_name: Option<String>,
}

const MAX_TEXT: usize = 5000;
/// As long as the profile editor allows a name.
const MAX_NAME: usize = 300;

fn posted_step(data: &FormData, application: &Application, form: &mut FormState, lang: Lang) -> Option<PostedStep> {
    let today = today();
    let allowed = Step::after(application.current_stage(today));
    let step = Step::parse(&data.get("step")).filter(|step| allowed.contains(step));
    if step.is_none() {
        form.fail("step", lang.t("edit-choose"));
    }
    let on = parse_day(&data.get("on_date")).filter(|day| *day <= today);
    if on.is_none() {
        form.fail("on_date", lang.t("ecosoc-date-invalid"));
    }
    if let (Some(on), Some(last)) = (on, application.events.last())
        && on < last.on
    {
        form.fail("on_date", lang.t_with("ecosoc-date-before-last", &[("date", last.on.to_string().into())]));
    }
    let session = Session::parse(&data.get("session"));
    let category = ConsultativeStatus::parse(&data.get("category")).filter(|c| CATEGORIES.contains(c));
    let note = data.get("note");
    if note.chars().count() > MAX_TEXT {
        form.fail("note", lang.t_count("form-too-long", MAX_TEXT as i64));
    }
    let new_name = data.get("new_name").trim().to_string();
    if new_name.chars().count() > MAX_NAME {
        form.fail("new_name", lang.t_count("form-too-long", MAX_NAME as i64));
    }
    let step = step?;
    if step.needs_new_name() && new_name.is_empty() {
        form.fail("new_name", lang.t("ecosoc-new-name-required"));
    }
    if step.needs_session() && session.is_none() {
        form.fail("session", lang.t("edit-choose"));
    }
    if step.needs_category() && category.is_none() {
        form.fail("category", lang.t("edit-choose"));
    }
    if step == Step::Questions && note.is_empty() {
        form.fail("note", lang.t("ecosoc-question-required"));
    }
    if !form.is_valid() {
        return None;
    }
    let question = (step == Step::Questions).then(|| note.clone());
    // The new name is what the step records; a note beside it would have nowhere to go.
    let note = if step.needs_new_name() { new_name.clone() } else { note };
    Some(PostedStep {
        event: Event {
            step,
            on: on?,
            session: session.filter(|_| step.needs_session()),
            category: category.filter(|_| step.needs_category()),
            note: Some(note).filter(|n| !n.is_empty() && step != Step::Questions),
        },
        question,
        new_name: Some(new_name).filter(|_| step.needs_new_name()),
    })
}

pub async fn record_step(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let organization = Organization::for_editor(&state.db, &rights, &slug, lang).await?;
    let application = Application::load(&state.db, organization.id).await?;
    let mut form = FormState::from(&data);
    let Some(posted) = posted_step(&data, &application, &mut form, lang) else {
        let page = super::desk::desk_page(&state, lang, &uri, organization, form).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    };
    let event = &posted.event;
    let mut tx = state.db.pool.begin().await?;
    sqlx::query(
        "INSERT INTO ecosoc_events (organization_id, step, on_date, session, category, note, recorded_at, recorded_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(organization.id)
    .bind(event.step.code())
    .bind(event.on.to_string())
    .bind(event.session.map(|s| s.code()))
    .bind(event.category.map(|c| c.code()))
    .bind(&event.note)
    .bind(now_rfc3339())
    .bind(rights.user().user_id)
    .execute(&mut *tx)
    .await?;
    if let (Some(question), Some(session)) = (&posted.question, event.session) {
        sqlx::query(
            "INSERT INTO ecosoc_questions (organization_id, session, received_on, question) VALUES ($1, $2, $3, $4)",
        )
        .bind(organization.id)
        .bind(session.code())
        .bind(event.on.to_string())
        .bind(question)
        .execute(&mut *tx)
        .await?;
    }
    // The directory shows the status the Council granted.
    if let (Step::Granted | Step::Reclassified, Some(category)) = (event.step, event.category) {
        sqlx::query(
            "UPDATE organizations SET consultative_status = $1, status_year = $2, version = version + 1 WHERE id = $3",
        )
        .bind(category.code())
        .bind(i64::from(event.on.year()))
        .bind(organization.id)
        .execute(&mut *tx)
        .await?;
    }
    if let Some(new_name) = &posted.new_name
        && !rename(&mut tx, &state, &organization, new_name, rights.user().user_id).await?
    {
        // The profile was saved at this very moment: nothing is recorded, and the step can be recorded again.
        return Err(AppError::Conflict);
    }
    tx.commit().await?;
    let recorded = serde_json::json!({
        "step": event.step.label(lang),
        "on_date": event.on.to_string(),
        "session": event.session.map(|s| super::session_label(s, lang)),
        "category": event.category.map(|c| c.label(lang)),
        "note": posted.question.as_ref().or(event.note.as_ref()),
    });
    crate::platform::audit::record(
        &state.db,
        Some(rights.user().user_id),
        "ecosoc.step",
        "ecosoc",
        Some(organization.id),
        None,
        Some(&recorded),
    )
    .await?;
    Ok(Redirect::to(&format!("{}#application", organization.desk_url())).into_response())
}

/// Once the Committee has taken note of a change of name, the directory shows the new name, through the profile
/// editor's own save so that the history, the search index and the audit log follow. The Committee knows the
/// name in English (or French, a name being the same in both): it becomes the English name, and so does any
/// other language's name that was the old English name untranslated; the old name is kept among the other
/// names, so searches for it still find the organisation. Returns false when the profile changed meanwhile.
async fn rename(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    state: &AppState,
    organization: &Organization,
    new_name: &str,
    actor: i64,
) -> anyhow::Result<bool> {
    let slug = Slug::parse(&organization.slug).ok_or_else(|| anyhow::anyhow!("a stored slug is invalid"))?;
    let (id, version, before) =
        crate::directory::edit::load(&state.db, &slug).await?.ok_or_else(|| anyhow::anyhow!("gone meanwhile"))?;
    let old_name = before.name.get(Lang::En).to_string();
    let mut after = before.clone();
    for name in after.name.0.values_mut().filter(|name| **name == old_name) {
        *name = new_name.to_string();
    }
    after.name.0.insert(Lang::En, new_name.to_string());
    if !old_name.is_empty() && old_name != new_name && !after.other_names.contains(&old_name) {
        after.other_names.push(old_name);
    }
    if after == before {
        return Ok(true);
    }
    crate::directory::edit::save_in(tx, id, version, &before, &after, actor, "organization.name-change").await
}

/// An answer to a question, drafted and, once `sent_on` is given, sent.
pub async fn answer_question(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    Path((raw_slug, raw_id)): Path<(String, String)>,
    data: FormData,
) -> Result<Response, AppError> {
    let not_found = || AppError::NotFound;
    let slug = Slug::parse(&raw_slug).ok_or_else(not_found)?;
    let id: i64 = raw_id.parse().map_err(|_| not_found())?;
    let organization = Organization::for_editor(&state.db, &rights, &slug, lang).await?;
    let application = Application::load(&state.db, organization.id).await?;
    let question = application.questions.iter().find(|q| q.id == id).ok_or_else(not_found)?;
    let mut form = FormState::from(&data);
    let answer = data.get("answer");
    if answer.chars().count() > MAX_TEXT {
        form.fail("answer", lang.t_count("form-too-long", MAX_TEXT as i64));
    }
    let sent = data.get("answer_sent_on");
    let sent_on = parse_day(&sent).filter(|day| *day <= today() && *day >= question.received_on);
    if sent_on.is_none() && !sent.is_empty() {
        form.fail("answer_sent_on", lang.t("ecosoc-date-invalid"));
    } else if sent_on.is_some() && answer.is_empty() {
        form.fail("answer", lang.t("ecosoc-answer-required"));
    }
    if !form.is_valid() {
        form.values.insert("question".into(), id.to_string());
        let page = super::desk::desk_page(&state, lang, &uri, organization, form).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    sqlx::query("UPDATE ecosoc_questions SET answer = $1, answer_sent_on = $2 WHERE id = $3 AND organization_id = $4")
        .bind(Some(answer.clone()).filter(|a| !a.is_empty()))
        .bind(sent_on.map(|d| d.to_string()))
        .bind(id)
        .bind(organization.id)
        .execute(&state.db.pool)
        .await?;
    crate::platform::audit::record(
        &state.db,
        Some(rights.user().user_id),
        if sent_on.is_some() { "ecosoc.answer-sent" } else { "ecosoc.answer-drafted" },
        "ecosoc",
        Some(organization.id),
        Some(&serde_json::json!({ "answer": question.answer, "answer_sent_on": question.answer_sent_on.map(|d| d.to_string()) })),
        Some(&serde_json::json!({ "answer": answer, "answer_sent_on": sent_on.map(|d| d.to_string()) })),
    )
    .await
    ?;
    Ok(Redirect::to(&format!("{}#questions", organization.desk_url())).into_response())
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    fn event(step: Step, on: Date) -> Event {
        Event { step, on, session: None, category: None, note: None }
    }

    fn question(session: Session, received_on: Date, answered: Option<Date>) -> Question {
        Question {
            id: 1,
            session,
            received_on,
            question: "Why?".into(),
            answer: answered.map(|_| "Because.".into()),
            answer_sent_on: answered,
        }
    }

    #[test]
    fn unanswered_questions_close_the_application_without_prejudice() {
        let asked = Session::regular(2027);
        let deferred = Application {
            events: vec![event(Step::Submitted, date!(2025 - 05 - 20)), event(Step::Deferred, date!(2027 - 01 - 25))],
            questions: vec![question(asked, date!(2027 - 01 - 25), None)],
        };
        let answered = Application {
            questions: vec![question(asked, date!(2027 - 01 - 25), Some(date!(2027 - 04 - 01)))],
            ..deferred.clone()
        };
        let cases = [
            (&deferred, date!(2028 - 02 - 29), Some(Step::Deferred)),
            (&deferred, date!(2028 - 03 - 01), Some(Step::Closed)),
            (&answered, date!(2030 - 01 - 01), Some(Step::Deferred)),
        ];
        for (application, today, stage) in cases {
            assert_eq!(application.current_stage(today), stage, "on {today}");
        }
        assert_eq!(Step::after(deferred.current_stage(date!(2028 - 03 - 01))), &[Step::Submitted]);
    }

    #[test]
    fn a_recommendation_stops_the_clock_of_unanswered_questions() {
        let mut application = Application {
            events: vec![event(Step::Deferred, date!(2027 - 01 - 25))],
            questions: vec![question(Session::regular(2027), date!(2027 - 01 - 25), None)],
        };
        application.events.push(Event {
            category: Some(ConsultativeStatus::Special),
            ..event(Step::Recommended, date!(2027 - 05 - 30))
        });
        assert_eq!(application.current_stage(date!(2029 - 01 - 01)), Some(Step::Recommended));
    }

    #[test]
    fn status_follows_the_last_grant_or_reclassification() {
        let application = Application {
            events: vec![
                Event { category: Some(ConsultativeStatus::Special), ..event(Step::Granted, date!(2010 - 07 - 20)) },
                event(Step::ReportFiled, date!(2015 - 05 - 01)),
                Event {
                    category: Some(ConsultativeStatus::General),
                    ..event(Step::Reclassified, date!(2016 - 07 - 25))
                },
            ],
            questions: vec![],
        };
        assert_eq!(application.status_since(), Some((ConsultativeStatus::General, date!(2016 - 07 - 25))));
        assert_eq!(application.reports_filed(), vec![date!(2015 - 05 - 01)]);
        assert_eq!(application.current_stage(date!(2020 - 01 - 01)), Some(Step::Granted));
    }
}
