//! Signing up, and confirming the address through the mailed link.

use std::time::Duration;

use askama::Template;
use axum::extract::{Query, State};
use axum::http::{HeaderMap, Uri};
use axum::response::{Html, IntoResponse, Response};

use super::fields::{Sessions, check_name, check_new_password, invalid, limit, parse_email};
use super::links::{AccountMail, MailedLink, TokenQuery};
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
}

pub async fn signup_form(lang: Lang, uri: Uri) -> Result<Html<String>, AppError> {
    render(&SignupPage { chrome: Chrome::new(lang, lang.t("signup-title"), &uri), form: FormState::default() })
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
        return Ok(invalid(render(&SignupPage { chrome: Chrome::new(lang, lang.t("signup-title"), &uri), form })));
    };
    // The page says the same whether or not the address has an account; its owner is told by mail.
    if store::user_id(&db, &email).await?.is_some() {
        if mail.may_send_unasked(&email).await? {
            mail.send_already_registered(&email, lang).await;
        }
    } else {
        let hash = hash_password(data.raw("password")).await?;
        if let Some(user_id) = store::create_user(&db, &email, &hash, &name, lang).await? {
            mail.send_link(MailedLink::ConfirmAddress, user_id, &email, lang).await?;
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

pub async fn confirm(
    State(sessions): State<Sessions>,
    lang: Lang,
    uri: Uri,
    headers: HeaderMap,
    Query(query): Query<TokenQuery>,
) -> Result<Response, AppError> {
    let Some(redeemed) = MailedLink::ConfirmAddress.redeem(&sessions.db, &query.token).await? else {
        return Ok(invalid(message_page(lang, &uri, "confirm-title", lang.t("token-invalid"))));
    };
    store::confirm_address(&sessions.db, redeemed.user_id).await?;
    sessions.sign_in(&headers, redeemed.user_id, "/account?welcome=1").await
}
