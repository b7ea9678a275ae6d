//! What the accounts' forms have in common: the rules for addresses and new
//! passwords, and how a refused form and a signed-in answer are sent.

use std::time::Duration;

use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};

use axum::extract::FromRef;

use crate::platform::auth::{SessionPolicy, cleared_session_cookie, rate_limit, start_session};
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::mail::Email;
use crate::platform::web::AppError;
use crate::state::AppState;

pub const MIN_PASSWORD: usize = 10;
pub const MAX_PASSWORD: usize = 200;

/// A form page answered with 400 and the form shown again.
pub fn invalid(page: Result<Html<String>, AppError>) -> Response {
    match page {
        Ok(html) => (StatusCode::BAD_REQUEST, html).into_response(),
        Err(error) => error.into_response(),
    }
}

/// Counts an attempt at `key` and refuses it (429) beyond `max` per `window`.
pub async fn limit(db: &Db, key: &str, window: Duration, max: i64) -> Result<(), AppError> {
    if rate_limit(db, key, window, max).await? { Ok(()) } else { Err(AppError::TooManyAttempts) }
}

/// Checks the new-password fields of a form.
pub fn check_new_password(form: &mut FormState, data: &FormData, field: &str, confirm: &str, lang: Lang) {
    let password = data.raw(field);
    let length = password.chars().count();
    if length < MIN_PASSWORD {
        form.fail(field, lang.t_count("form-password-too-short", MIN_PASSWORD as i64));
    } else if length > MAX_PASSWORD {
        form.fail(field, lang.t_count("form-password-too-long", MAX_PASSWORD as i64));
    }
    if data.raw(confirm) != password {
        form.fail(confirm, lang.t("form-password-mismatch"));
    }
}

/// A name (of a person, of a token): required, and at most 100 characters.
pub fn check_name(form: &mut FormState, data: &FormData, field: &str, lang: Lang) -> String {
    let name = data.get(field);
    if name.is_empty() {
        form.fail(field, lang.t("form-required"));
    } else if name.chars().count() > 100 {
        form.fail(field, lang.t_count("form-too-long", 100));
    }
    name
}

/// An account's address: compared without regard to case, so stored lowercase.
pub fn parse_email(form: &mut FormState, data: &FormData, field: &str, lang: Lang) -> Option<Email> {
    let email = Email::parse(&data.get(field).to_lowercase());
    if email.is_none() {
        form.fail(field, lang.t("form-email-invalid"));
    }
    email
}

fn with_cookie(mut response: Response, cookie: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

/// What starting and ending sessions takes: the database and how long sessions live.
#[derive(Clone)]
pub struct Sessions {
    pub db: Db,
    pub policy: SessionPolicy,
}

impl FromRef<AppState> for Sessions {
    fn from_ref(state: &AppState) -> Sessions {
        Sessions { db: state.db.clone(), policy: state.sessions }
    }
}

impl Sessions {
    /// Starts a session for `user_id` (a new secret each time) and goes to `to`.
    pub async fn sign_in(&self, headers: &HeaderMap, user_id: i64, to: &str) -> Result<Response, AppError> {
        let user_agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok());
        let cookie = start_session(&self.db, &self.policy, user_id, user_agent).await?;
        Ok(with_cookie(Redirect::to(to).into_response(), &cookie))
    }

    /// Goes to `to` with the session cookie cleared.
    pub fn signed_out(&self, to: &str) -> Response {
        with_cookie(Redirect::to(to).into_response(), &cleared_session_cookie(&self.policy))
    }
}
