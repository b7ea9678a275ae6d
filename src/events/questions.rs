//! The questions an event's organisers add to its registration form (free text, one of a list, yes or no;
//! required or not), how an answer is checked, and the answers kept with each registration.

use std::collections::HashMap;

use askama::Template;
use axum::extract::{Path, State};
use axum::http::Uri;
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde_json::json;
use sqlx::Row;

use super::form_pages::{FormPage, blank, read_posted};
use super::pages::{about, event_to_run, item_to_run};
use super::store::Event;
use crate::directory::code_enum;
use crate::platform::audit;
use crate::platform::auth::RequireUser;
use crate::platform::db::Db;
use crate::platform::forms::{Choice, FormData, FormState};
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::web::{AppError, Chrome, SlugPath};

code_enum! {
    /// What sort of answer a registration question takes.
    QuestionKind, "question-kind" {
        Text => "text",
        Choice => "choice",
        YesNo => "yes_no",
    }
}

/// The longest free-text answer.
const MAX_ANSWER: usize = 1000;
/// The most options a one-of question offers.
const MAX_OPTIONS: usize = 20;

/// A question of an event's registration form.
#[derive(Debug, Clone)]
pub struct Question {
    pub id: i64,
    pub kind: QuestionKind,
    pub label: LocalizedText,
    /// The options of a one-of question.
    pub options: Vec<String>,
    pub required: bool,
}

impl Question {
    /// The name of its field on the registration form.
    pub fn field(&self) -> String {
        format!("q_{}", self.id)
    }

    /// The answer the form's text gives (None for none), or the key of the message saying why it is refused.
    pub fn read(&self, text: &str) -> Result<Option<String>, &'static str> {
        let text = text.trim();
        if text.is_empty() {
            return if self.required { Err("events-answer-required") } else { Ok(None) };
        }
        let valid = match self.kind {
            QuestionKind::Text => text.chars().count() <= MAX_ANSWER,
            QuestionKind::Choice => self.options.iter().any(|option| option == text),
            QuestionKind::YesNo => text == "yes" || text == "no",
        };
        if valid { Ok(Some(text.to_string())) } else { Err("events-answer-invalid") }
    }
}

pub async fn of_event(db: &Db, event_id: i64) -> sqlx::Result<Vec<Question>> {
    sqlx::query(
        "SELECT id, kind, label, options, required FROM event_questions WHERE event_id = $1 ORDER BY position, id",
    )
    .bind(event_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|row| {
        Ok(Question {
            id: row.try_get("id")?,
            kind: QuestionKind::parse(&row.try_get::<String, _>("kind")?).unwrap_or(QuestionKind::Text),
            label: LocalizedText::from_json(&row.try_get::<String, _>("label")?),
            options: serde_json::from_str(&row.try_get::<String, _>("options")?).unwrap_or_default(),
            required: row.try_get::<i64, _>("required")? != 0,
        })
    })
    .collect()
}

/// The answers given to an event's questions, by registration and question.
pub async fn answers(db: &Db, event_id: i64) -> sqlx::Result<HashMap<(i64, i64), String>> {
    let rows: Vec<(i64, i64, String)> = sqlx::query_as(
        "SELECT a.registration_id, a.question_id, a.answer FROM event_answers a \
         JOIN event_registrations r ON r.id = a.registration_id WHERE r.event_id = $1",
    )
    .bind(event_id)
    .fetch_all(&db.pool)
    .await?;
    Ok(rows.into_iter().map(|(registration, question, answer)| ((registration, question), answer)).collect())
}

/// Keeps a registration's answers, in its transaction.
pub async fn save_answers(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    registration_id: i64,
    answers: &[(i64, String)],
) -> sqlx::Result<()> {
    for (question, answer) in answers {
        sqlx::query("INSERT INTO event_answers (registration_id, question_id, answer) VALUES ($1, $2, $3)")
            .bind(registration_id)
            .bind(question)
            .bind(answer)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// A question as the organisers' form gives it.
struct QuestionInput {
    kind: QuestionKind,
    label: LocalizedText,
    options: Vec<String>,
    required: bool,
}

fn read_question(data: &FormData, form: &mut FormState, lang: Lang) -> Option<QuestionInput> {
    let kind = QuestionKind::parse(&data.get("kind"));
    if kind.is_none() {
        form.fail("kind", lang.t("edit-choose"));
    }
    let label = data.localized("label", 300, form, lang);
    if label.is_empty() {
        form.fail("label_en", lang.t("events-question-label-required"));
    }
    let options: Vec<String> =
        data.get("options").lines().map(str::trim).filter(|o| !o.is_empty()).map(String::from).collect();
    let mut unique = options.clone();
    unique.sort();
    unique.dedup();
    let options_valid = (2..=MAX_OPTIONS).contains(&options.len())
        && unique.len() == options.len()
        && options.iter().all(|o| o.chars().count() <= 200);
    if kind == Some(QuestionKind::Choice) && !options_valid {
        form.fail("options", lang.t_count("events-question-options-invalid", MAX_OPTIONS as i64));
    }
    let kind = kind?;
    form.is_valid().then(|| QuestionInput {
        kind,
        label,
        options: if kind == QuestionKind::Choice { options } else { Vec::new() },
        required: data.get("required") == "yes",
    })
}

#[derive(Template)]
#[template(path = "events/questions.html")]
struct QuestionsPage {
    chrome: Chrome,
    lang: Lang,
    event: Event,
    questions: Vec<Question>,
    form: FormState,
    kinds: Vec<Choice>,
}

impl QuestionsPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }
}

impl FormPage for QuestionsPage {
    async fn build(db: &Db, lang: Lang, uri: &Uri, event: Event, form: FormState) -> Result<Self, AppError> {
        Ok(QuestionsPage {
            chrome: Chrome::new(lang, about(lang, "events-questions-of", &event), uri),
            lang,
            questions: of_event(db, event.id).await?,
            form,
            kinds: QuestionKind::choices(lang),
            event,
        })
    }
}

/// The organisers' page of the registration form's questions.
pub async fn list(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    blank::<QuestionsPage>(&db, lang, &uri, &user, &slug).await
}

/// Adds a question at the end of the registration form.
pub async fn add(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let event = event_to_run(&db, &user, slug.as_str()).await?;
    let read = |data: &FormData, form: &mut FormState| read_question(data, form, lang);
    let input = match read_posted::<QuestionsPage, _>(&db, lang, &uri, &event, &data, read).await? {
        Ok(input) => input,
        Err(again) => return Ok(again),
    };
    sqlx::query(
        "INSERT INTO event_questions (event_id, position, kind, label, options, required) \
         SELECT $1, COALESCE(MAX(position), -1) + 1, $2, $3, $4, $5 FROM event_questions WHERE event_id = $1",
    )
    .bind(event.id)
    .bind(input.kind.code())
    .bind(input.label.to_json())
    .bind(serde_json::to_string(&input.options).unwrap_or_else(|_| "[]".into()))
    .bind(i64::from(input.required))
    .execute(&db.pool)
    .await?;
    let after = json!({"question": input.label.by_code(), "kind": input.kind.code(), "required": input.required});
    audit::record(&db, Some(user.user_id), "event.question-add", "event", Some(event.id), None, Some(&after)).await?;
    Ok(Redirect::to(&format!("/events/{slug}/questions")).into_response())
}

/// Removes a question, and the answers given to it.
pub async fn delete(
    State(db): State<Db>,
    RequireUser(user): RequireUser,
    Path(item): Path<(String, String)>,
) -> Result<Response, AppError> {
    let (event, id) = item_to_run(&db, &user, &item).await?;
    let question = of_event(&db, event.id).await?.into_iter().find(|q| q.id == id).ok_or(AppError::NotFound)?;
    sqlx::query("DELETE FROM event_questions WHERE id = $1 AND event_id = $2")
        .bind(id)
        .bind(event.id)
        .execute(&db.pool)
        .await?;
    let before = json!({"question": question.label.by_code(), "kind": question.kind.code()});
    audit::record(&db, Some(user.user_id), "event.question-remove", "event", Some(event.id), Some(&before), None)
        .await?;
    Ok(Redirect::to(&format!("/events/{}/questions", event.slug)).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn question(kind: QuestionKind, required: bool) -> Question {
        Question {
            id: 7,
            kind,
            label: LocalizedText::default(),
            options: vec!["Vegetarian".into(), "Halal".into()],
            required,
        }
    }

    #[test]
    fn answers_are_checked_against_the_questions_kind() {
        assert_eq!(question(QuestionKind::Text, true).read("  "), Err("events-answer-required"));
        assert_eq!(question(QuestionKind::Text, false).read(""), Ok(None));
        assert_eq!(question(QuestionKind::Text, false).read(" Baku "), Ok(Some("Baku".into())));
        assert_eq!(question(QuestionKind::Text, false).read(&"x".repeat(1001)), Err("events-answer-invalid"));
        assert_eq!(question(QuestionKind::Choice, false).read("Halal"), Ok(Some("Halal".into())));
        assert_eq!(question(QuestionKind::Choice, false).read("Kosher"), Err("events-answer-invalid"));
        assert_eq!(question(QuestionKind::YesNo, true).read("no"), Ok(Some("no".into())));
        assert_eq!(question(QuestionKind::YesNo, true).read("maybe"), Err("events-answer-invalid"));
        assert_eq!(question(QuestionKind::Text, false).field(), "q_7");
    }
}
