//! Signing up, and confirming the address through the mailed link.

use std::time::Duration;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{Html, IntoResponse, Response};

use super::fields::{Sessions, check_name, check_new_password, invalid, limit, parse_email};
use super::links::{AccountMail, MailedLink};
use super::signin::{AfterSignIn, NextQuery};
use super::store;
use crate::platform::auth::hash_password;
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::web::{AppError, Chrome, ClientIp, message_page, render};

#[derive(Template)]
#[template(path = "accounts/signup.html")]
struct SignupPage {
    chrome: Chrome,
    form: FormState,
    /// Where the confirmation link leads once the address is confirmed (an invitation, say).
    next: AfterSignIn,
}

pub async fn signup_form(lang: Lang, uri: Uri, Query(query): Query<NextQuery>) -> Result<Html<String>, AppError> {
    let chrome = Chrome::new(lang, lang.t("signup-title"), &uri);
    render(&SignupPage { chrome, form: FormState::default(), next: AfterSignIn::parse(&query.next) })
}

pub async fn signup(
    State(db): State<Db>,
    State(mail): State<AccountMail>,
    lang: Lang,
    uri: Uri,
    ClientIp(ip): ClientIp,
    data: FormData,
) -> Result<Response, AppError> {
    limit(&db, &format!("signup:{ip}"), Duration::from_secs(3600), 20).await?;
    let mut form = FormState::from(&data);
    let email = parse_email(&mut form, &data, "email", lang);
    let name = check_name(&mut form, &data, "display_name", lang);
    check_new_password(&mut form, &data, "password", "password_confirm", lang);
    let (Some(email), true) = (email, form.is_valid()) else {
        let form = form.without(&["password", "password_confirm"]);
        let (chrome, next) = (Chrome::new(lang, lang.t("signup-title"), &uri), AfterSignIn::parse(&data.get("next")));
        return Ok(invalid(render(&SignupPage { chrome, form, next })));
    };
    // The page says the same whether or not the address has an account; its owner is told by mail.
    if store::user_id(&db, &email).await?.is_some() {
        if mail.may_send_unasked(&email).await? {
            mail.send_already_registered(&email, lang).await;
        }
    } else {
        let hash = hash_password(data.raw("password")).await?;
        if let Some(user_id) = store::create_user(&db, &email, &hash, &name, lang).await? {
            let next = AfterSignIn::parse(&data.get("next"));
            mail.send_confirmation(user_id, &email, lang, &next).await?;
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

#[derive(serde::Deserialize)]
pub struct ConfirmQuery {
    #[serde(default)]
    token: String,
    /// Where the person was going when they signed up.
    #[serde(default)]
    next: String,
}

pub async fn confirm(
    State(sessions): State<Sessions>,
    lang: Lang,
    uri: Uri,
    headers: HeaderMap,
    Query(query): Query<ConfirmQuery>,
) -> Result<Response, AppError> {
    let Some(redeemed) = MailedLink::ConfirmAddress.redeem(&sessions.db, &query.token).await? else {
        return Ok(invalid(message_page(lang, &uri, "confirm-title", lang.t("token-invalid"))));
    };
    store::confirm_address(&sessions.db, redeemed.user_id).await?;
    let next = AfterSignIn::parse(&query.next);
    let next = if next.as_str() == "/account" { "/account?welcome=1" } else { next.as_str() };
    sessions.sign_in(&headers, redeemed.user_id, next).await
}
