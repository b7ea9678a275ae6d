//! What editors record from the desk page: the application's steps, the
//! answers to the Committee's questions, and the year of the last quadrennial
//! report of status taken from a list. A problem shows the desk page again.

use axum::extract::{Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};

use super::Organization;
use super::desk::desk_page;
use super::rules::{DeskRules, Session};
use super::status::last_report_year;
use super::tracking::{Application, CATEGORIES, Event, Step};
use crate::accounts::Rights;
use crate::directory::ConsultativeStatus;
use crate::platform::clock::{now_rfc3339, parse_day, today};
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::values::Slug;
use crate::platform::web::{AppError, SlugPath, render};

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
    State(db): State<Db>,
    State(rules): State<DeskRules>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let organization = Organization::for_editor(&db, &rights, &slug, lang).await?;
    let application = Application::load(&db, organization.id).await?;
    let mut form = FormState::from(&data);
    let Some(posted) = posted_step(&data, &application, &mut form, lang) else {
        let page = desk_page(&db, &rules, lang, &uri, organization, form).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    };
    let event = &posted.event;
    let mut tx = db.begin().await?;
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
        crate::directory::record_status(&mut tx, organization.id, category, i64::from(event.on.year())).await?;
    }
    // The directory shows the name the Committee took note of, the old one kept among the other names.
    if let Some(new_name) = &posted.new_name {
        let slug = Slug::parse(&organization.slug).ok_or_else(|| anyhow::anyhow!("a stored slug is invalid"))?;
        if !crate::directory::rename(&mut tx, &slug, new_name, rights.user().user_id).await? {
            // The profile was saved at this very moment: nothing is recorded, and the step can be recorded again.
            return Err(AppError::Conflict);
        }
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
        &db,
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

/// An answer to a question, drafted and, once `sent_on` is given, sent.
pub async fn answer_question(
    State(db): State<Db>,
    State(rules): State<DeskRules>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    Path((raw_slug, raw_id)): Path<(String, String)>,
    data: FormData,
) -> Result<Response, AppError> {
    let not_found = || AppError::NotFound;
    let slug = Slug::parse(&raw_slug).ok_or_else(not_found)?;
    let id: i64 = raw_id.parse().map_err(|_| not_found())?;
    let organization = Organization::for_editor(&db, &rights, &slug, lang).await?;
    let application = Application::load(&db, organization.id).await?;
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
        let page = desk_page(&db, &rules, lang, &uri, organization, form).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    }
    sqlx::query("UPDATE ecosoc_questions SET answer = $1, answer_sent_on = $2 WHERE id = $3 AND organization_id = $4")
        .bind(Some(answer.clone()).filter(|a| !a.is_empty()))
        .bind(sent_on.map(|d| d.to_string()))
        .bind(id)
        .bind(organization.id)
        .execute(&db.pool)
        .await?;
    crate::platform::audit::record(
        &db,
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

/// Records the year the last quadrennial report of status taken from a list was filed.
pub async fn record_last_report(
    State(db): State<Db>,
    State(rules): State<DeskRules>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let organization = Organization::for_editor(&db, &rights, &slug, lang).await?;
    let mut form = FormState::from(&data);
    // A report follows the grant, and none is filed in the future.
    let (from, to) = (organization.status_year.unwrap_or(1946), i64::from(today().year()));
    let year = data.get("last_report_year").trim().parse::<i64>().ok().filter(|year| (from..=to).contains(year));
    let Some(year) = year else {
        form.fail(
            "last_report_year",
            lang.t_with("ecosoc-last-report-year-invalid", &[("from", from.into()), ("to", to.into())]),
        );
        let page = desk_page(&db, &rules, lang, &uri, organization, form).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    };
    let before = last_report_year(&db, organization.id).await?;
    sqlx::query(
        "INSERT INTO ecosoc_desks (organization_id, last_report_year, updated_at) VALUES ($1, $2, $3) \
         ON CONFLICT (organization_id) DO UPDATE SET last_report_year = $2, updated_at = $3",
    )
    .bind(organization.id)
    .bind(year)
    .bind(now_rfc3339())
    .execute(&db.pool)
    .await?;
    if before != Some(year) {
        crate::platform::audit::record(
            &db,
            Some(rights.user().user_id),
            "ecosoc.last-report",
            "ecosoc",
            Some(organization.id),
            before.map(|year| serde_json::json!({ "last_report_year": year })).as_ref(),
            Some(&serde_json::json!({ "last_report_year": year })),
        )
        .await?;
    }
    Ok(Redirect::to(&format!("{}#status", organization.desk_url())).into_response())
}
