//! The front page: search, the tree of networks, themes and the figures.

use askama::Template;
use axum::extract::State;
use axum::http::Uri;
use axum::response::Html;

use crate::directory::ThemeGoals;
use crate::networks::queries::NetworkSummary;
use crate::platform::i18n::Lang;
use crate::platform::web::{AppError, Chrome, render};
use crate::state::AppState;

#[derive(Template)]
#[template(path = "portal/home.html")]
struct HomePage {
    chrome: Chrome,
    lang: Lang,
    text: String,
    networks: Vec<NetworkSummary>,
    themes: Vec<ThemeGoals>,
    organization_count: i64,
    country_count: i64,
}

pub async fn home(State(state): State<AppState>, lang: Lang, uri: Uri) -> Result<Html<String>, AppError> {
    let networks = crate::networks::queries::all(&state.db).await?;
    let themes = crate::themes::queries::all(&state.db).await?;
    let (organization_count, country_count): (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COUNT(DISTINCT country) FROM organizations").fetch_one(&state.db.pool).await?;
    let page = HomePage {
        chrome: Chrome::new(lang, lang.t("home-title"), &uri),
        lang,
        text: String::new(),
        networks,
        themes,
        organization_count,
        country_count,
    };
    render(&page)
}
