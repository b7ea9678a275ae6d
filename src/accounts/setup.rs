//! The first administrator's setup page, open with the code the server logs
//! while there is no administrator.

use std::time::Duration;

use askama::Template;
use axum::extract::State;
use axum::http::{HeaderMap, Uri};
use axum::response::{IntoResponse, Response};

use super::fields::{Sessions, check_name, check_new_password, invalid, limit, parse_email};
use super::roles;
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::web::{AppError, Chrome, ClientIp, render};

#[derive(Template)]
#[template(path = "accounts/setup.html")]
struct SetupPage {
    chrome: Chrome,
    form: FormState,
}

pub async fn setup_form(State(db): State<Db>, lang: Lang, uri: Uri) -> Result<Response, AppError> {
    if roles::has_admin(&db).await? {
        return Err(AppError::NotFound);
    }
    Ok(render(&SetupPage { chrome: Chrome::new(lang, lang.t("setup-title"), &uri), form: FormState::default() })?
        .into_response())
}

pub async fn setup(
    State(sessions): State<Sessions>,
    lang: Lang,
    uri: Uri,
    headers: HeaderMap,
    ClientIp(ip): ClientIp,
    data: FormData,
) -> Result<Response, AppError> {
    let db = &sessions.db;
    if roles::has_admin(db).await? {
        return Err(AppError::NotFound);
    }
    limit(db, &format!("setup:{ip}"), Duration::from_secs(3600), 10).await?;
    let mut form = FormState::from(&data);
    if !roles::setup_token_matches(db, &data.get("setup_token")).await? {
        form.fail("setup_token", lang.t("setup-token-wrong"));
    }
    let email = parse_email(&mut form, &data, "email", lang);
    let name = check_name(&mut form, &data, "display_name", lang);
    check_new_password(&mut form, &data, "password", "password_confirm", lang);
    let (Some(email), true) = (email, form.is_valid()) else {
        let form = form.without(&["password", "password_confirm", "setup_token"]);
        return Ok(invalid(render(&SetupPage { chrome: Chrome::new(lang, lang.t("setup-title"), &uri), form })));
    };
    let user_id = roles::create_admin(db, &email, &name, data.raw("password")).await?;
    sessions.sign_in(&headers, user_id, "/account?welcome=1").await
}
