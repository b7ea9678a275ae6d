//! Accounts: sign-up with a confirmed e-mail, sign-in and out, password reset,
//! the account page (sessions, password, e-mail, own data, deletion) and the
//! first administrator's setup page.

use std::time::Duration;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, HeaderValue, Uri, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde::Deserialize;
use serde_json::json;
use sqlx::Row;

use crate::platform::auth::{
    RequireUser, SignedIn, cleared_session_cookie, hash_password, new_secret, now_secs, rate_limit, secret_hash,
    start_session, verify_password,
};
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::mail::{Email, OutgoingMail};
use crate::platform::web::{AppError, Chrome, ClientIp, message_page, render};
use crate::state::AppState;

pub const MIN_PASSWORD: usize = 10;
pub const MAX_PASSWORD: usize = 200;
const CONFIRM_VALID: Duration = Duration::from_secs(48 * 3600);
const RESET_VALID: Duration = Duration::from_secs(3600);

#[derive(Template)]
#[template(path = "accounts/signup.html")]
struct SignupPage {
    chrome: Chrome,
    form: FormState,
}

#[derive(Template)]
#[template(path = "accounts/signin.html")]
struct SigninPage {
    chrome: Chrome,
    form: FormState,
    next: String,
    notice: Option<String>,
}

#[derive(Template)]
#[template(path = "accounts/reset_request.html")]
struct ResetRequestPage {
    chrome: Chrome,
    form: FormState,
}

#[derive(Template)]
#[template(path = "accounts/reset_new.html")]
struct ResetNewPage {
    chrome: Chrome,
    form: FormState,
    token: String,
}

pub struct SessionView {
    pub id: String,
    pub started: String,
    pub last_seen: String,
    pub user_agent: String,
    pub current: bool,
}

#[derive(Template)]
#[template(path = "accounts/account.html")]
struct AccountPage {
    chrome: Chrome,
    user: SignedIn,
    sessions: Vec<SessionView>,
    password_form: FormState,
    email_form: FormState,
    delete_form: FormState,
    notice: Option<String>,
    /// The organisations the person edits: slug and name.
    organizations: Vec<(String, String)>,
    coordinates: bool,
    tokens: Vec<TokenView>,
    /// A token just made, shown this once.
    new_token: Option<String>,
    token_form: FormState,
}

pub struct TokenView {
    pub id: i64,
    pub name: String,
    pub can_write: bool,
    pub created: String,
    pub last_used: Option<String>,
}

#[derive(Template)]
#[template(path = "accounts/setup.html")]
struct SetupPage {
    chrome: Chrome,
    form: FormState,
}

/// A form page answered with 400 and the form shown again.
fn invalid(page: Result<Html<String>, AppError>) -> Response {
    match page {
        Ok(html) => (axum::http::StatusCode::BAD_REQUEST, html).into_response(),
        Err(error) => error.into_response(),
    }
}

/// Checks the new-password fields of a form.
fn check_new_password(form: &mut FormState, data: &FormData, field: &str, confirm: &str, lang: Lang) {
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

/// An account's address: compared without regard to case, so stored lowercase.
fn parse_email(form: &mut FormState, data: &FormData, field: &str, lang: Lang) -> Option<Email> {
    let email = Email::parse(&data.get(field).to_lowercase());
    if email.is_none() {
        form.fail(field, lang.t("form-email-invalid"));
    }
    email
}

async fn too_many(state: &AppState, key: &str, window: Duration, max: i64) -> Result<(), AppError> {
    if rate_limit(&state.db, key, window, max).await? { Ok(()) } else { Err(AppError::TooManyAttempts) }
}

/// Records a one-time token for a user and returns the secret to mail.
async fn issue_token(
    state: &AppState,
    user_id: i64,
    purpose: &str,
    new_email: Option<&str>,
    valid: Duration,
) -> sqlx::Result<String> {
    let secret = new_secret();
    sqlx::query(
        "INSERT INTO account_tokens (token_hash, user_id, purpose, new_email, expires_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(secret_hash(&secret))
    .bind(user_id)
    .bind(purpose)
    .bind(new_email)
    .bind(now_secs() + valid.as_secs() as i64)
    .execute(&state.db.pool)
    .await?;
    Ok(secret)
}

/// Uses a one-time token: returns its user and new e-mail when it is valid,
/// unused and of the given purpose; it cannot be used again.
async fn redeem_token(state: &AppState, secret: &str, purpose: &str) -> sqlx::Result<Option<(i64, Option<String>)>> {
    let row = sqlx::query(
        "UPDATE account_tokens SET used_at = $1 \
         WHERE token_hash = $2 AND purpose = $3 AND used_at IS NULL AND expires_at >= $1 \
         RETURNING user_id, new_email",
    )
    .bind(now_secs())
    .bind(secret_hash(secret))
    .bind(purpose)
    .fetch_optional(&state.db.pool)
    .await?;
    row.map(|r| Ok((r.try_get("user_id")?, r.try_get("new_email")?))).transpose()
}

/// Checks a token without using it (to show the form it opens).
async fn token_is_live(state: &AppState, secret: &str, purpose: &str) -> sqlx::Result<bool> {
    let found: Option<i64> = sqlx::query_scalar(
        "SELECT user_id FROM account_tokens WHERE token_hash = $1 AND purpose = $2 AND used_at IS NULL AND expires_at >= $3",
    )
    .bind(secret_hash(secret))
    .bind(purpose)
    .bind(now_secs())
    .fetch_optional(&state.db.pool)
    .await?;
    Ok(found.is_some())
}

/// A one-time link mailed to `to`: the token for `purpose`, at `path?token=…`.
struct MailedLink<'a> {
    purpose: &'a str,
    new_email: Option<&'a str>,
    valid: Duration,
    path: &'a str,
    subject_key: &'a str,
    body_key: &'a str,
}

async fn mail_link(state: &AppState, user_id: i64, to: &Email, lang: Lang, mailed: MailedLink<'_>) -> sqlx::Result<()> {
    let secret = issue_token(state, user_id, mailed.purpose, mailed.new_email, mailed.valid).await?;
    let url = link(state, &format!("{}?token={secret}", mailed.path), lang);
    send_mail(state, to, lang, mailed.subject_key, mailed.body_key, &url).await;
    Ok(())
}

const CONFIRMATION: MailedLink<'static> = MailedLink {
    purpose: "confirm",
    new_email: None,
    valid: CONFIRM_VALID,
    path: "/account/confirm",
    subject_key: "mail-confirm-subject",
    body_key: "mail-confirm-body",
};

async fn send_mail(state: &AppState, to: &Email, lang: Lang, subject_key: &str, body_key: &str, link: &str) {
    let mail = OutgoingMail {
        to: to.clone(),
        subject: lang.t(subject_key),
        text: lang.t_with(body_key, &[("link", link.to_string().into())]),
        html: None,
        headers: Vec::new(),
    };
    if let Err(error) = state.mailer.send(&mail).await {
        // The page says the same either way, so that it reveals nothing of who has an account.
        tracing::warn!(error = %error, "account mail not sent");
    }
}

fn link(state: &AppState, path_and_query: &str, lang: Lang) -> String {
    let separator = if path_and_query.contains('?') { '&' } else { '?' };
    format!("{}{path_and_query}{separator}lang={}", state.public_url, lang.code())
}

fn with_cookie(mut response: Response, cookie: &str) -> Response {
    if let Ok(value) = HeaderValue::from_str(cookie) {
        response.headers_mut().append(header::SET_COOKIE, value);
    }
    response
}

pub async fn signup_form(lang: Lang, uri: Uri) -> Result<Html<String>, AppError> {
    render(&SignupPage { chrome: Chrome::new(lang, lang.t("signup-title"), &uri), form: FormState::default() })
}

pub async fn signup(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    ClientIp(ip): ClientIp,
    data: FormData,
) -> Result<Response, AppError> {
    too_many(&state, &format!("signup:{}", ip), Duration::from_secs(3600), 20).await?;
    let mut form = FormState::from(&data);
    let email = parse_email(&mut form, &data, "email", lang);
    let name = data.get("display_name");
    if name.is_empty() {
        form.fail("display_name", lang.t("form-required"));
    } else if name.chars().count() > 100 {
        form.fail("display_name", lang.t_count("form-too-long", 100));
    }
    check_new_password(&mut form, &data, "password", "password_confirm", lang);
    let (Some(email), true) = (email, form.is_valid()) else {
        let form = form.without(&["password", "password_confirm"]);
        return Ok(invalid(render(&SignupPage { chrome: Chrome::new(lang, lang.t("signup-title"), &uri), form })));
    };
    let existing: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1")
        .bind(email.as_str())
        .fetch_optional(&state.db.pool)
        .await?;
    match existing {
        Some(_) => {
            let reset = link(&state, "/account/reset", lang);
            send_mail(&state, &email, lang, "mail-exists-subject", "mail-exists-body", &reset).await;
        }
        None => {
            let hash = hash_password(data.raw("password")).await?;
            let inserted: Option<i64> = sqlx::query_scalar(
                "INSERT INTO users (email, password_hash, display_name, created_at) VALUES ($1, $2, $3, $4) \
                 ON CONFLICT (email) DO NOTHING RETURNING id",
            )
            .bind(email.as_str())
            .bind(&hash)
            .bind(&name)
            .bind(crate::platform::clock::now_rfc3339())
            .fetch_optional(&state.db.pool)
            .await?;
            if let Some(user_id) = inserted {
                mail_link(&state, user_id, &email, lang, CONFIRMATION).await?;
            }
        }
    }
    Ok(message_page(
        lang,
        &uri,
        "signup-title",
        lang.t_with("signup-check-mail", &[("email", email.to_string().into())]),
    )?
    .into_response())
}

#[derive(Deserialize)]
pub struct TokenQuery {
    token: Option<String>,
}

pub async fn confirm(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    headers: HeaderMap,
    Query(query): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let token = query.token.unwrap_or_default();
    let Some((user_id, _)) = redeem_token(&state, &token, "confirm").await? else {
        return Ok(invalid(message_page(lang, &uri, "confirm-title", lang.t("token-invalid"))));
    };
    sqlx::query("UPDATE users SET email_confirmed_at = $1 WHERE id = $2 AND email_confirmed_at IS NULL")
        .bind(crate::platform::clock::now_rfc3339())
        .bind(user_id)
        .execute(&state.db.pool)
        .await?;
    let user_agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok());
    let cookie = start_session(&state.db, &state.sessions, user_id, user_agent).await?;
    Ok(with_cookie(Redirect::to("/account?welcome=1").into_response(), &cookie))
}

#[derive(Deserialize)]
pub struct NextQuery {
    next: Option<String>,
}

/// Where to go after signing in: only a path of this site.
fn safe_next(next: Option<&str>) -> String {
    match next {
        Some(next) if next.starts_with('/') && !next.starts_with("//") && !next.contains('\\') => next.to_string(),
        _ => "/account".to_string(),
    }
}

pub async fn signin_form(lang: Lang, uri: Uri, Query(query): Query<NextQuery>) -> Result<Html<String>, AppError> {
    let page = SigninPage {
        chrome: Chrome::new(lang, lang.t("signin-title"), &uri),
        form: FormState::default(),
        next: safe_next(query.next.as_deref()),
        notice: None,
    };
    render(&page)
}

pub async fn signin(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    data: FormData,
) -> Result<Response, AppError> {
    let next = safe_next(Some(&data.get("next")));
    let window = Duration::from_secs(15 * 60);
    too_many(&state, &format!("signin:ip:{}", ip), window, 50).await?;
    let email_text = data.get("email").to_lowercase();
    too_many(&state, &format!("signin:email:{email_text}"), window, 10).await?;
    let row =
        sqlx::query("SELECT id, password_hash, email_confirmed_at FROM users WHERE email = $1 AND deleted_at IS NULL")
            .bind(&email_text)
            .fetch_optional(&state.db.pool)
            .await?;
    let hash = row.as_ref().and_then(|r| r.try_get::<String, _>("password_hash").ok());
    let matches = verify_password(data.raw("password"), hash).await;
    let mut form = FormState::from(&data).without(&["password"]);
    let mut notice = None;
    match (matches, row) {
        (true, Some(row)) => {
            let user_id: i64 = row.try_get("id")?;
            if row.try_get::<Option<String>, _>("email_confirmed_at")?.is_some() {
                let user_agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok());
                let cookie = start_session(&state.db, &state.sessions, user_id, user_agent).await?;
                return Ok(with_cookie(Redirect::to(&next).into_response(), &cookie));
            }
            if let Some(email) = Email::parse(&email_text) {
                mail_link(&state, user_id, &email, lang, CONFIRMATION).await?;
            }
            notice = Some(lang.t("signin-unconfirmed"));
        }
        _ => form.fail("password", lang.t("signin-wrong")),
    }
    let page = SigninPage { chrome: Chrome::new(lang, lang.t("signin-title"), &uri), form, next, notice };
    Ok(invalid(render(&page)))
}

pub async fn signout(State(state): State<AppState>, RequireUser(user): RequireUser) -> Result<Response, AppError> {
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1").bind(&user.session).execute(&state.db.pool).await?;
    Ok(with_cookie(Redirect::to("/").into_response(), &cleared_session_cookie(&state.sessions)))
}

pub async fn reset_form(lang: Lang, uri: Uri) -> Result<Html<String>, AppError> {
    render(&ResetRequestPage { chrome: Chrome::new(lang, lang.t("reset-title"), &uri), form: FormState::default() })
}

pub async fn reset_request(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    ClientIp(ip): ClientIp,
    data: FormData,
) -> Result<Response, AppError> {
    let mut form = FormState::from(&data);
    let Some(email) = parse_email(&mut form, &data, "email", lang) else {
        return Ok(invalid(render(&ResetRequestPage { chrome: Chrome::new(lang, lang.t("reset-title"), &uri), form })));
    };
    too_many(&state, &format!("reset:ip:{}", ip), Duration::from_secs(3600), 20).await?;
    too_many(&state, &format!("reset:email:{email}"), Duration::from_secs(3600), 3).await?;
    let user: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE email = $1 AND deleted_at IS NULL")
        .bind(email.as_str())
        .fetch_optional(&state.db.pool)
        .await?;
    if let Some(user_id) = user {
        let reset = MailedLink {
            purpose: "reset",
            new_email: None,
            valid: RESET_VALID,
            path: "/account/reset/new",
            subject_key: "mail-reset-subject",
            body_key: "mail-reset-body",
        };
        mail_link(&state, user_id, &email, lang, reset).await?;
    }
    Ok(message_page(
        lang,
        &uri,
        "reset-title",
        lang.t_with("reset-check-mail", &[("email", email.to_string().into())]),
    )?
    .into_response())
}

pub async fn reset_new_form(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    Query(query): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let token = query.token.unwrap_or_default();
    if !token_is_live(&state, &token, "reset").await? {
        return Ok(invalid(message_page(lang, &uri, "reset-title", lang.t("token-invalid"))));
    }
    let page =
        ResetNewPage { chrome: Chrome::new(lang, lang.t("reset-title"), &uri), form: FormState::default(), token };
    Ok(render(&page)?.into_response())
}

pub async fn reset_new(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    headers: HeaderMap,
    data: FormData,
) -> Result<Response, AppError> {
    let token = data.get("token");
    let mut form = FormState::from(&data);
    check_new_password(&mut form, &data, "password", "password_confirm", lang);
    if !form.is_valid() {
        let form = form.without(&["password", "password_confirm"]);
        let page = ResetNewPage { chrome: Chrome::new(lang, lang.t("reset-title"), &uri), form, token };
        return Ok(invalid(render(&page)));
    }
    let Some((user_id, _)) = redeem_token(&state, &token, "reset").await? else {
        return Ok(invalid(message_page(lang, &uri, "reset-title", lang.t("token-invalid"))));
    };
    let hash = hash_password(data.raw("password")).await?;
    // A reset proves the mailbox: it also confirms the address, and ends every other session.
    sqlx::query(
        "UPDATE users SET password_hash = $1, email_confirmed_at = COALESCE(email_confirmed_at, $2) WHERE id = $3",
    )
    .bind(&hash)
    .bind(crate::platform::clock::now_rfc3339())
    .bind(user_id)
    .execute(&state.db.pool)
    .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1").bind(user_id).execute(&state.db.pool).await?;
    let user_agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok());
    let cookie = start_session(&state.db, &state.sessions, user_id, user_agent).await?;
    Ok(with_cookie(Redirect::to("/account?reset=1").into_response(), &cookie))
}

/// The token part of the account page: a token just made, or the form's errors.
#[derive(Default)]
pub struct TokenState {
    new_token: Option<String>,
    token_form: FormState,
}

fn format_time(secs: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| t.format(&time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC")).ok())
        .unwrap_or_default()
}

async fn account_page(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    user: SignedIn,
    forms: [FormState; 3],
    notice: Option<String>,
    extra: TokenState,
) -> Result<Html<String>, AppError> {
    let sessions = sqlx::query(
        "SELECT id_hash, created_at, last_seen_at, user_agent FROM sessions WHERE user_id = $1 ORDER BY last_seen_at DESC",
    )
    .bind(user.user_id)
    .fetch_all(&state.db.pool)
    .await
    ?
    .iter()
    .map(|row| {
        let id: String = row.try_get("id_hash")?;
        Ok(SessionView {
            current: id == user.session,
            id,
            started: format_time(row.try_get("created_at")?),
            last_seen: format_time(row.try_get("last_seen_at")?),
            user_agent: row.try_get::<Option<String>, _>("user_agent")?.unwrap_or_default(),
        })
    })
    .collect::<sqlx::Result<Vec<_>>>()
    ?;
    let [password_form, email_form, delete_form] = forms;
    let rights = crate::accounts::Rights::of(&state.db, &user);
    let organizations = rights
        .edited_organizations()
        .await?
        .into_iter()
        .map(|organization| {
            let name = organization.name.get(lang).to_string();
            (organization.slug, name)
        })
        .collect();
    let coordinates = !rights.coordinated_networks().await?.is_empty();
    let tokens = sqlx::query(
        "SELECT id, name, can_write, created_at, last_used_at FROM api_tokens \
         WHERE user_id = $1 AND revoked_at IS NULL ORDER BY id",
    )
    .bind(user.user_id)
    .fetch_all(&state.db.pool)
    .await?
    .iter()
    .map(|r| TokenView {
        id: r.get("id"),
        name: r.get("name"),
        can_write: r.get::<i64, _>("can_write") != 0,
        created: r.get::<String, _>("created_at").chars().take(10).collect(),
        last_used: r.get::<Option<i64>, _>("last_used_at").map(format_time),
    })
    .collect();
    let page = AccountPage {
        chrome: Chrome::new(lang, lang.t("account-title"), uri),
        user,
        sessions,
        password_form,
        email_form,
        delete_form,
        notice,
        organizations,
        coordinates,
        tokens,
        new_token: extra.new_token,
        token_form: extra.token_form,
    };
    render(&page)
}

pub async fn account(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
) -> Result<Html<String>, AppError> {
    let query = uri.query().unwrap_or("");
    let notice = ["welcome", "reset", "password", "email-sent", "email-changed", "session-ended"]
        .iter()
        .find(|key| query.split('&').any(|pair| pair == format!("{key}=1")))
        .map(|key| lang.t(&format!("account-notice-{key}")));
    account_page(&state, lang, &uri, user, Default::default(), notice, TokenState::default()).await
}

/// Re-asks the current password before a sensitive change.
async fn check_current_password(state: &AppState, user: &SignedIn, password: String) -> sqlx::Result<bool> {
    let hash: Option<String> = sqlx::query_scalar("SELECT password_hash FROM users WHERE id = $1")
        .bind(user.user_id)
        .fetch_optional(&state.db.pool)
        .await?;
    Ok(verify_password(password, hash).await)
}

pub async fn change_password(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    data: FormData,
) -> Result<Response, AppError> {
    let mut form = FormState::from(&data);
    check_new_password(&mut form, &data, "new_password", "new_password_confirm", lang);
    if !check_current_password(&state, &user, data.raw("current_password")).await? {
        form.fail("current_password", lang.t("account-wrong-password"));
    }
    if !form.is_valid() {
        let form = form.without(&["current_password", "new_password", "new_password_confirm"]);
        let uri: Uri = "/account".parse().unwrap_or(uri);
        return Ok(invalid(
            account_page(
                &state,
                lang,
                &uri,
                user,
                [form, FormState::default(), FormState::default()],
                None,
                TokenState::default(),
            )
            .await,
        ));
    }
    let hash = hash_password(data.raw("new_password")).await?;
    sqlx::query("UPDATE users SET password_hash = $1 WHERE id = $2")
        .bind(&hash)
        .bind(user.user_id)
        .execute(&state.db.pool)
        .await?;
    sqlx::query("DELETE FROM sessions WHERE user_id = $1 AND id_hash <> $2")
        .bind(user.user_id)
        .bind(&user.session)
        .execute(&state.db.pool)
        .await?;
    Ok(Redirect::to("/account?password=1").into_response())
}

pub async fn change_email(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    data: FormData,
) -> Result<Response, AppError> {
    let mut form = FormState::from(&data);
    let email = parse_email(&mut form, &data, "new_email", lang);
    if !check_current_password(&state, &user, data.raw("current_password")).await? {
        form.fail("current_password", lang.t("account-wrong-password"));
    }
    let (Some(email), true) = (email, form.is_valid()) else {
        let form = form.without(&["current_password"]);
        let uri: Uri = "/account".parse().unwrap_or(uri);
        return Ok(invalid(
            account_page(
                &state,
                lang,
                &uri,
                user,
                [FormState::default(), form, FormState::default()],
                None,
                TokenState::default(),
            )
            .await,
        ));
    };
    too_many(&state, &format!("email-change:{}", user.user_id), Duration::from_secs(3600), 5).await?;
    let change = MailedLink {
        purpose: "email-change",
        new_email: Some(email.as_str()),
        valid: CONFIRM_VALID,
        path: "/account/email/confirm",
        subject_key: "mail-email-change-subject",
        body_key: "mail-email-change-body",
    };
    mail_link(&state, user.user_id, &email, lang, change).await?;
    Ok(Redirect::to("/account?email-sent=1").into_response())
}

pub async fn confirm_email_change(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    Query(query): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let token = query.token.unwrap_or_default();
    let Some((user_id, Some(new_email))) = redeem_token(&state, &token, "email-change").await? else {
        return Ok(invalid(message_page(lang, &uri, "account-title", lang.t("token-invalid"))));
    };
    let changed =
        sqlx::query("UPDATE users SET email = $1 WHERE id = $2 AND NOT EXISTS (SELECT 1 FROM users WHERE email = $1)")
            .bind(&new_email)
            .bind(user_id)
            .execute(&state.db.pool)
            .await?;
    if changed.rows_affected() == 0 {
        return Ok(invalid(message_page(lang, &uri, "account-title", lang.t("account-email-taken"))));
    }
    Ok(Redirect::to("/account?email-changed=1").into_response())
}

pub async fn end_session(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    data: FormData,
) -> Result<Response, AppError> {
    // Only the person's own sessions can be named here.
    sqlx::query("DELETE FROM sessions WHERE id_hash = $1 AND user_id = $2")
        .bind(data.get("session"))
        .bind(user.user_id)
        .execute(&state.db.pool)
        .await?;
    if data.get("session") == user.session {
        return Ok(with_cookie(Redirect::to("/").into_response(), &cleared_session_cookie(&state.sessions)));
    }
    Ok(Redirect::to("/account?session-ended=1").into_response())
}

/// Everything the platform holds about the signed-in person, as JSON.
pub async fn export(State(state): State<AppState>, RequireUser(user): RequireUser) -> Result<Response, AppError> {
    let row =
        sqlx::query("SELECT email, display_name, email_confirmed_at, is_admin, created_at FROM users WHERE id = $1")
            .bind(user.user_id)
            .fetch_one(&state.db.pool)
            .await?;
    let sessions: Vec<serde_json::Value> =
        sqlx::query("SELECT created_at, last_seen_at, user_agent FROM sessions WHERE user_id = $1 ORDER BY created_at")
            .bind(user.user_id)
            .fetch_all(&state.db.pool)
            .await?
            .iter()
            .map(|r| {
                json!({
                    "started": format_time(r.get("created_at")),
                    "last_seen": format_time(r.get("last_seen_at")),
                    "user_agent": r.get::<Option<String>, _>("user_agent"),
                })
            })
            .collect();
    let changes: Vec<serde_json::Value> = sqlx::query(
        "SELECT at, action, entity, entity_id, before_state, after_state FROM audit_log WHERE actor_id = $1 ORDER BY id",
    )
    .bind(user.user_id)
    .fetch_all(&state.db.pool)
    .await
    ?
    .iter()
    .map(|r| {
        json!({
            "at": r.get::<String, _>("at"),
            "action": r.get::<String, _>("action"),
            "entity": r.get::<String, _>("entity"),
            "entity_id": r.get::<Option<i64>, _>("entity_id"),
            "before": r.get::<Option<String>, _>("before_state").and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok()),
            "after": r.get::<Option<String>, _>("after_state").and_then(|s| serde_json::from_str::<serde_json::Value>(&s).ok()),
        })
    })
    .collect();
    let body = json!({
        "account": {
            "email": row.get::<String, _>("email"),
            "display_name": row.get::<String, _>("display_name"),
            "email_confirmed_at": row.get::<Option<String>, _>("email_confirmed_at"),
            "administrator": row.get::<i64, _>("is_admin") != 0,
            "created_at": row.get::<String, _>("created_at"),
        },
        "sessions": sessions,
        "changes": changes,
        "organizations_edited": crate::accounts::Rights::of(&state.db, &user).edited_organizations().await?.into_iter().map(|organization| organization.slug).collect::<Vec<_>>(),
    });
    let mut response = axum::Json(body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"irene-my-data.json\""));
    Ok(response)
}

pub async fn delete_account(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    data: FormData,
) -> Result<Response, AppError> {
    let mut form = FormState::default();
    if !check_current_password(&state, &user, data.raw("current_password")).await? {
        form.fail("current_password", lang.t("account-wrong-password"));
    }
    if data.get("confirm") != "yes" {
        form.fail("confirm", lang.t("account-delete-confirm-required"));
    }
    if !form.is_valid() {
        let uri: Uri = "/account".parse().unwrap_or(uri);
        return Ok(invalid(
            account_page(
                &state,
                lang,
                &uri,
                user,
                [FormState::default(), FormState::default(), form],
                None,
                TokenState::default(),
            )
            .await,
        ));
    }
    crate::accounts::roles::anonymise(&state.db, user.user_id).await?;
    Ok(with_cookie(Redirect::to("/?account-deleted=1").into_response(), &cleared_session_cookie(&state.sessions)))
}

pub async fn setup_form(State(state): State<AppState>, lang: Lang, uri: Uri) -> Result<Response, AppError> {
    if crate::accounts::roles::has_admin(&state.db).await? {
        return Err(AppError::NotFound);
    }
    Ok(render(&SetupPage { chrome: Chrome::new(lang, lang.t("setup-title"), &uri), form: FormState::default() })?
        .into_response())
}

pub async fn setup(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    data: FormData,
) -> Result<Response, AppError> {
    if crate::accounts::roles::has_admin(&state.db).await? {
        return Err(AppError::NotFound);
    }
    too_many(&state, &format!("setup:{}", ip), Duration::from_secs(3600), 10).await?;
    let mut form = FormState::from(&data);
    if !crate::accounts::roles::setup_token_matches(&state.db, &data.get("setup_token")).await? {
        form.fail("setup_token", lang.t("setup-token-wrong"));
    }
    let email = parse_email(&mut form, &data, "email", lang);
    let name = data.get("display_name");
    if name.is_empty() {
        form.fail("display_name", lang.t("form-required"));
    }
    check_new_password(&mut form, &data, "password", "password_confirm", lang);
    let (Some(email), true) = (email, form.is_valid()) else {
        let form = form.without(&["password", "password_confirm", "setup_token"]);
        return Ok(invalid(render(&SetupPage { chrome: Chrome::new(lang, lang.t("setup-title"), &uri), form })));
    };
    let user_id = crate::accounts::roles::create_admin(&state.db, &email, &name, data.raw("password")).await?;
    let user_agent = headers.get(header::USER_AGENT).and_then(|v| v.to_str().ok());
    let cookie = start_session(&state.db, &state.sessions, user_id, user_agent).await?;
    Ok(with_cookie(Redirect::to("/account?welcome=1").into_response(), &cookie))
}

pub async fn create_token(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    data: FormData,
) -> Result<Response, AppError> {
    let mut form = FormState::from(&data);
    let name = data.get("name");
    if name.is_empty() {
        form.fail("name", lang.t("form-required"));
    } else if name.chars().count() > 100 {
        form.fail("name", lang.t_count("form-too-long", 100));
    }
    let uri: Uri = "/account".parse().unwrap_or(uri);
    if !form.is_valid() {
        let extra = TokenState { new_token: None, token_form: form };
        return Ok(invalid(account_page(&state, lang, &uri, user, Default::default(), None, extra).await));
    }
    let secret = format!("irene_{}", new_secret());
    sqlx::query(
        "INSERT INTO api_tokens (user_id, name, token_hash, can_write, created_at) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(user.user_id)
    .bind(&name)
    .bind(secret_hash(&secret))
    .bind(i64::from(data.0.contains_key("can_write")))
    .bind(crate::platform::clock::now_rfc3339())
    .execute(&state.db.pool)
    .await?;
    let extra = TokenState { new_token: Some(secret), token_form: FormState::default() };
    Ok(account_page(&state, lang, &uri, user, Default::default(), None, extra).await?.into_response())
}

pub async fn revoke_token(
    State(state): State<AppState>,
    RequireUser(user): RequireUser,
    axum::extract::Path(id): axum::extract::Path<i64>,
) -> Result<Response, AppError> {
    // Only the person's own tokens can be named here.
    sqlx::query("UPDATE api_tokens SET revoked_at = $1 WHERE id = $2 AND user_id = $3 AND revoked_at IS NULL")
        .bind(crate::platform::clock::now_rfc3339())
        .bind(id)
        .bind(user.user_id)
        .execute(&state.db.pool)
        .await?;
    Ok(Redirect::to("/account").into_response())
}
