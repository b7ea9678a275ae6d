//! The account page: sessions, password, address, API tokens, one's own data
//! and deleting the account.

use askama::Template;
use axum::extract::{Path, Query, State};
use axum::http::{HeaderValue, Uri, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde_json::json;

use super::fields::{Sessions, check_name, check_new_password, invalid, limit, parse_email};
use super::links::{AccountMail, MailedLink, TokenQuery};
use super::store::{self, Redeemed};
use crate::accounts::Rights;
use crate::platform::auth::{RequireUser, SignedIn, hash_password, new_secret, verify_password};
use crate::platform::db::Db;
use crate::platform::forms::{Choice, FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::web::{AppError, Chrome, message_page, render};

/// Where the account page is, for a form posted from it that is shown again.
fn account_address() -> Uri {
    Uri::from_static("/account")
}

pub struct SessionView {
    pub id: String,
    pub started: String,
    pub last_seen: String,
    pub device: String,
    pub current: bool,
}

pub struct TokenView {
    pub id: i64,
    pub name: String,
    pub can_write: bool,
    pub created: String,
    pub last_used: Option<String>,
}

/// The forms of the account page as they are shown: empty, or with what was
/// typed and the messages; and a token just made, shown this once.
#[derive(Default)]
struct AccountForms {
    password: FormState,
    email: FormState,
    delete: FormState,
    token: FormState,
    new_token: Option<String>,
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
    /// The language mail is written to the person in.
    mail_lang: String,
    languages: Vec<Choice>,
}

fn format_time(secs: i64) -> String {
    time::OffsetDateTime::from_unix_timestamp(secs)
        .ok()
        .and_then(|t| t.format(&time::macros::format_description!("[year]-[month]-[day] [hour]:[minute] UTC")).ok())
        .unwrap_or_default()
}

/// The account page; `uri` is its own address when a form posted elsewhere shows it again.
async fn account_page(
    db: &Db,
    lang: Lang,
    uri: &Uri,
    user: SignedIn,
    forms: AccountForms,
    notice: Option<String>,
) -> Result<Html<String>, AppError> {
    let sessions = store::sessions(db, user.user_id)
        .await?
        .into_iter()
        .map(|session| SessionView {
            current: session.id_hash == user.session,
            id: session.id_hash,
            started: format_time(session.created_at),
            last_seen: format_time(session.last_seen_at),
            device: super::device::describe(session.user_agent.as_deref().unwrap_or_default(), lang),
        })
        .collect();
    let rights = Rights::of(db, &user);
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
    let tokens = store::api_tokens(db, user.user_id)
        .await?
        .into_iter()
        .map(|token| TokenView {
            id: token.id,
            name: token.name,
            can_write: token.can_write,
            created: token.created_at.chars().take(10).collect(),
            last_used: token.last_used_at.map(format_time),
        })
        .collect();
    let mail_lang = store::language(db, user.user_id).await?.code().to_string();
    let page = AccountPage {
        mail_lang,
        languages: Choice::languages(),
        chrome: Chrome::new(lang, lang.t("account-title"), uri),
        user,
        sessions,
        password_form: forms.password,
        email_form: forms.email,
        delete_form: forms.delete,
        notice,
        organizations,
        coordinates,
        tokens,
        new_token: forms.new_token,
        token_form: forms.token,
    };
    render(&page)
}

/// The account page shown again after a form posted from it was refused (400).
async fn shown_again(db: &Db, lang: Lang, user: SignedIn, forms: AccountForms) -> Response {
    invalid(account_page(db, lang, &account_address(), user, forms, None).await)
}

pub async fn account(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
) -> Result<Html<String>, AppError> {
    let query = uri.query().unwrap_or("");
    let notice = ["welcome", "reset", "password", "email-sent", "email-changed", "session-ended", "language"]
        .iter()
        .find(|key| query.split('&').any(|pair| pair == format!("{key}=1")))
        .map(|key| lang.t(&format!("account-notice-{key}")));
    account_page(&db, lang, &uri, user, AccountForms::default(), notice).await
}

/// Chooses the language IRENE writes to the person in.
pub async fn change_language(
    State(db): State<Db>,
    RequireUser(user): RequireUser,
    data: FormData,
) -> Result<Response, AppError> {
    let chosen = Lang::parse(&data.get("mail_lang"))
        .ok_or_else(|| AppError::bad("mail_lang", crate::platform::web::Problem::Unknown(data.get("mail_lang"))))?;
    store::set_language(&db, user.user_id, chosen).await?;
    Ok(Redirect::to("/account?language=1").into_response())
}

/// Re-asks the current password before a sensitive change.
async fn check_current_password(
    db: &Db,
    user: &SignedIn,
    form: &mut FormState,
    data: &FormData,
    lang: Lang,
) -> sqlx::Result<()> {
    let hash = store::password_hash(db, user.user_id).await?;
    if !verify_password(data.raw("current_password"), hash).await {
        form.fail("current_password", lang.t("account-wrong-password"));
    }
    Ok(())
}

pub async fn change_password(
    State(db): State<Db>,
    lang: Lang,
    RequireUser(user): RequireUser,
    data: FormData,
) -> Result<Response, AppError> {
    let mut form = FormState::from(&data);
    check_new_password(&mut form, &data, "new_password", "new_password_confirm", lang);
    check_current_password(&db, &user, &mut form, &data, lang).await?;
    if !form.is_valid() {
        let password = form.without(&["current_password", "new_password", "new_password_confirm"]);
        return Ok(shown_again(&db, lang, user, AccountForms { password, ..Default::default() }).await);
    }
    let hash = hash_password(data.raw("new_password")).await?;
    store::replace_password(&db, user.user_id, &hash, Some(&user.session)).await?;
    Ok(Redirect::to("/account?password=1").into_response())
}

pub async fn change_email(
    State(db): State<Db>,
    State(mail): State<AccountMail>,
    lang: Lang,
    RequireUser(user): RequireUser,
    data: FormData,
) -> Result<Response, AppError> {
    let mut form = FormState::from(&data);
    let email = parse_email(&mut form, &data, "new_email", lang);
    check_current_password(&db, &user, &mut form, &data, lang).await?;
    let (Some(email), true) = (email, form.is_valid()) else {
        let email = form.without(&["current_password"]);
        return Ok(shown_again(&db, lang, user, AccountForms { email, ..Default::default() }).await);
    };
    limit(&db, &format!("email-change:{}", user.user_id), std::time::Duration::from_secs(3600), 5).await?;
    mail.send_link(MailedLink::ChangeAddress, user.user_id, &email, lang).await?;
    Ok(Redirect::to("/account?email-sent=1").into_response())
}

pub async fn confirm_email_change(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    Query(query): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let Some(Redeemed { user_id, new_email: Some(new_email) }) =
        MailedLink::ChangeAddress.redeem(&db, &query.token).await?
    else {
        return Ok(invalid(message_page(lang, &uri, "account-title", lang.t("token-invalid"))));
    };
    if !store::change_address(&db, user_id, &new_email).await? {
        return Ok(invalid(message_page(lang, &uri, "account-title", lang.t("account-email-taken"))));
    }
    Ok(Redirect::to("/account?email-changed=1").into_response())
}

pub async fn end_session(
    State(sessions): State<Sessions>,
    RequireUser(user): RequireUser,
    data: FormData,
) -> Result<Response, AppError> {
    let session = data.get("session");
    store::end_session(&sessions.db, user.user_id, &session).await?;
    if session == user.session {
        return Ok(sessions.signed_out("/"));
    }
    Ok(Redirect::to("/account?session-ended=1").into_response())
}

/// Everything the platform holds about the signed-in person, as JSON.
pub async fn export(State(db): State<Db>, RequireUser(user): RequireUser) -> Result<Response, AppError> {
    let (account, changes) = store::own_record_and_changes(&db, user.user_id).await?;
    let sessions: Vec<_> = store::sessions(&db, user.user_id)
        .await?
        .into_iter()
        .map(|session| {
            json!({
                "started": format_time(session.created_at),
                "last_seen": format_time(session.last_seen_at),
                "user_agent": session.user_agent,
            })
        })
        .collect();
    let organizations: Vec<_> = Rights::of(&db, &user)
        .edited_organizations()
        .await?
        .into_iter()
        .map(|organization| organization.slug)
        .collect();
    let body = json!({
        "account": account,
        "sessions": sessions,
        "changes": changes,
        "organizations_edited": organizations,
    });
    let mut response = axum::Json(body).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_DISPOSITION, HeaderValue::from_static("attachment; filename=\"irene-my-data.json\""));
    Ok(response)
}

pub async fn delete_account(
    State(sessions): State<Sessions>,
    lang: Lang,
    RequireUser(user): RequireUser,
    data: FormData,
) -> Result<Response, AppError> {
    let db = &sessions.db;
    let mut delete = FormState::default();
    check_current_password(db, &user, &mut delete, &data, lang).await?;
    if data.get("confirm") != "yes" {
        delete.fail("confirm", lang.t("account-delete-confirm-required"));
    }
    if !delete.is_valid() {
        return Ok(shown_again(db, lang, user, AccountForms { delete, ..Default::default() }).await);
    }
    super::roles::anonymise(db, user.user_id).await?;
    Ok(sessions.signed_out("/?account-deleted=1"))
}

pub async fn create_token(
    State(db): State<Db>,
    lang: Lang,
    RequireUser(user): RequireUser,
    data: FormData,
) -> Result<Response, AppError> {
    let mut token = FormState::from(&data);
    let name = check_name(&mut token, &data, "name", lang);
    if !token.is_valid() {
        return Ok(shown_again(&db, lang, user, AccountForms { token, ..Default::default() }).await);
    }
    let secret = format!("irene_{}", new_secret());
    store::create_api_token(&db, user.user_id, &name, &secret, data.0.contains_key("can_write")).await?;
    let forms = AccountForms { new_token: Some(secret), ..Default::default() };
    Ok(account_page(&db, lang, &account_address(), user, forms, None).await?.into_response())
}

pub async fn revoke_token(
    State(db): State<Db>,
    RequireUser(user): RequireUser,
    Path(id): Path<i64>,
) -> Result<Response, AppError> {
    store::revoke_api_token(&db, user.user_id, id).await?;
    Ok(Redirect::to("/account").into_response())
}
