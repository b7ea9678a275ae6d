//! Resetting a forgotten password through a mailed link.

use std::time::Duration;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{Html, IntoResponse, Response};

use super::fields::{Sessions, check_new_password, invalid, limit, parse_email};
use super::links::{AccountMail, MailedLink, TokenQuery};
use super::store;
use crate::platform::auth::hash_password;
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::web::{AppError, Chrome, ClientIp, message_page, render};

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

pub async fn reset_form(lang: Lang, uri: Uri) -> Result<Html<String>, AppError> {
    render(&ResetRequestPage { chrome: Chrome::new(lang, lang.t("reset-title"), &uri), form: FormState::default() })
}

pub async fn reset_request(
    State(db): State<Db>,
    State(mail): State<AccountMail>,
    lang: Lang,
    uri: Uri,
    ClientIp(ip): ClientIp,
    data: FormData,
) -> Result<Response, AppError> {
    let mut form = FormState::from(&data);
    let Some(email) = parse_email(&mut form, &data, "email", lang) else {
        return Ok(invalid(render(&ResetRequestPage { chrome: Chrome::new(lang, lang.t("reset-title"), &uri), form })));
    };
    let hour = Duration::from_secs(3600);
    limit(&db, &format!("reset:ip:{ip}"), hour, 20).await?;
    limit(&db, &format!("reset:email:{email}"), hour, 3).await?;
    if let Some(user_id) = store::user_id(&db, &email).await? {
        mail.send_link(MailedLink::ResetPassword, user_id, &email, lang).await?;
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
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    Query(query): Query<TokenQuery>,
) -> Result<Response, AppError> {
    if !MailedLink::ResetPassword.is_live(&db, &query.token).await? {
        return Ok(invalid(message_page(lang, &uri, "reset-title", lang.t("token-invalid"))));
    }
    let page = ResetNewPage {
        chrome: Chrome::new(lang, lang.t("reset-title"), &uri),
        form: FormState::default(),
        token: query.token,
    };
    Ok(render(&page)?.into_response())
}

pub async fn reset_new(
    State(sessions): State<Sessions>,
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
    let db = &sessions.db;
    let Some(redeemed) = MailedLink::ResetPassword.redeem(db, &token).await? else {
        return Ok(invalid(message_page(lang, &uri, "reset-title", lang.t("token-invalid"))));
    };
    let hash = hash_password(data.raw("password")).await?;
    // Whoever asked for the reset may not be the one who was signed in: every session and API token ends.
    store::replace_password(db, redeemed.user_id, &hash, None).await?;
    // A reset proves the mailbox, so it also confirms the address.
    store::confirm_address(db, redeemed.user_id).await?;
    sessions.sign_in(&headers, redeemed.user_id, "/account?reset=1").await
}
