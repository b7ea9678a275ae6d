//! The desk's front page for an organisation: where it stands on
//! eligibility, its application, its status, and the history of it all.

use askama::Template;
use axum::extract::State;
use axum::http::Uri;
use axum::response::Html;
use time::Date;

use super::eligibility::{Answers, Assessment, AssessmentView};
use super::rules::{DeskRules, Session, Standing};
use super::status::{explain, held, last_report_year};
use super::tracking::{Application, CATEGORIES, Step};
use super::{Organization, session_label};
use crate::accounts::Rights;
use crate::platform::audit::Entry;
use crate::platform::clock::today;
use crate::platform::db::Db;
use crate::platform::forms::{Choice, FormState};
use crate::platform::i18n::Lang;
use crate::platform::web::{AppError, Chrome, SlugPath, render};

/// A recorded step, as the timeline shows it.
pub struct EventLine {
    pub on: String,
    pub step: String,
    pub session: Option<String>,
    pub category: Option<String>,
    pub note: Option<String>,
}

pub struct QuestionLine {
    pub id: i64,
    pub session: String,
    pub received_on: String,
    pub question: String,
    pub answer: String,
    pub answer_sent_on: Option<String>,
}

pub struct StatusLine {
    pub category: String,
    pub since: String,
    pub standing: String,
    pub late: bool,
    /// Taken from the directory: the year of the last report filed is asked for.
    pub listed: bool,
}

#[derive(Template)]
#[template(path = "consultative/desk.html")]
pub struct DeskPage {
    chrome: Chrome,
    organization: Organization,
    assessment: AssessmentView,
    answered: bool,
    stage: Option<String>,
    /// The computed closing without prejudice, in words.
    closed: Option<String>,
    timeline: Vec<EventLine>,
    questions: Vec<QuestionLine>,
    status: Option<StatusLine>,
    steps: Vec<Choice>,
    /// Whether an application was recorded as submitted: until then the form offers only that step, folded.
    applied: bool,
    /// Whether a step that may follow can take a session (any after the submission), a category, a new
    /// name: the form asks only then.
    asks_session: bool,
    asks_category: bool,
    asks_new_name: bool,
    sessions: Vec<Choice>,
    categories: Vec<Choice>,
    history: Vec<Entry>,
    form: FormState,
}

impl DeskPage {
    /// Whether the answer form of `question` is the one posted with a problem.
    fn posted(&self, question: &i64) -> bool {
        self.form.value("question") == question.to_string()
    }
}

/// Sessions to choose from: two years back and two ahead of today's.
fn session_choices(today: Date, lang: Lang) -> Vec<Choice> {
    let current = Session::current_or_next(today);
    let mut session = Session::regular(current.year - 2);
    let mut choices = Vec::new();
    while session.year <= current.year + 2 {
        choices.push(Choice { value: session.code(), label: session_label(session, lang) });
        session = session.next();
    }
    choices
}

pub async fn desk_page(
    db: &Db,
    rules: &DeskRules,
    lang: Lang,
    uri: &Uri,
    organization: Organization,
    mut form: FormState,
) -> Result<DeskPage, AppError> {
    let today = today();
    let answers = Answers::load(db, organization.id).await?;
    let application = Application::load(db, organization.id).await?;
    let stage = application.current_stage(today);
    let last_report_year = last_report_year(db, organization.id).await?;
    let held = held(&application, organization.status, organization.status_year, last_report_year, today, rules);
    let history = crate::platform::audit::history(db, &[("ecosoc", organization.id)], lang).await?;
    if form.value("on_date").is_empty() {
        form.values.insert("on_date".into(), today.to_string());
    }
    if form.value("last_report_year").is_empty()
        && let Some(year) = last_report_year
    {
        form.values.insert("last_report_year".into(), year.to_string());
    }
    if form.value("session").is_empty() {
        form.values.insert("session".into(), Session::current_or_next(today).code());
    }
    let title = lang.t_with("ecosoc-desk-title", &[("name", organization.name.clone().into())]);
    Ok(DeskPage {
        chrome: Chrome::new(lang, title, uri),
        assessment: AssessmentView::new(&Assessment::of(&answers, today), lang),
        answered: answers.registered_on.is_some() || !answers.criteria.is_empty(),
        stage: stage.map(|s| s.label(lang)),
        closed: application
            .closed_without_prejudice(today)
            .map(|day| lang.t_with("ecosoc-closed-computed", &[("date", day.to_string().into())])),
        timeline: application
            .events
            .iter()
            .map(|e| EventLine {
                on: e.on.to_string(),
                step: e.step.label(lang),
                session: e.session.map(|s| session_label(s, lang)),
                category: e.category.map(|c| c.label(lang)),
                note: e.note.clone(),
            })
            .collect(),
        questions: application
            .questions
            .iter()
            .map(|q| QuestionLine {
                id: q.id,
                session: session_label(q.session, lang),
                received_on: q.received_on.to_string(),
                question: q.question.clone(),
                answer: q.answer.clone().unwrap_or_default(),
                answer_sent_on: q.answer_sent_on.map(|d| d.to_string()),
            })
            .collect(),
        status: held.map(|held| StatusLine {
            category: held.category.label(lang),
            since: held.since.to_string(),
            standing: explain(&held, today, lang),
            late: matches!(held.standing, Some(Standing::Suspended { .. } | Standing::Withdrawn { .. })),
            listed: held.listed,
        }),
        steps: Step::after(stage).iter().map(|s| Choice { value: s.code().into(), label: s.label(lang) }).collect(),
        applied: stage.is_some(),
        asks_session: Step::after(stage).iter().any(|s| *s != Step::Submitted),
        asks_category: Step::after(stage).iter().any(|s| s.needs_category()),
        asks_new_name: Step::after(stage).iter().any(|s| s.needs_new_name()),
        sessions: session_choices(today, lang),
        // No category is chosen for the reader: one is given only with the step that grants status.
        categories: std::iter::once(Choice { value: String::new(), label: lang.t("ecosoc-category-none") })
            .chain(CATEGORIES.iter().map(|c| Choice { value: c.code().into(), label: c.label(lang) }))
            .collect(),
        history,
        form,
        organization,
    })
}

pub async fn desk(
    State(db): State<Db>,
    State(rules): State<DeskRules>,
    lang: Lang,
    uri: Uri,
    rights: Rights,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    let organization = Organization::for_editor(&db, &rights, &slug, lang).await?;
    render(&desk_page(&db, &rules, lang, &uri, organization, FormState::default()).await?)
}
