//! The front page: search, the tree of networks, themes and the figures.

use askama::Template;
use axum::extract::State;
use axum::http::Uri;
use axum::response::Html;

use crate::directory::ThemeGoals;
use crate::networks::NetworkSummary;
use crate::platform::db::Db;
use crate::platform::i18n::Lang;
use crate::platform::web::{AppError, Chrome, render};

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
    news: Vec<crate::news::NewsLink>,
    library: Vec<crate::library::ItemLink>,
}

pub async fn home(State(db): State<Db>, lang: Lang, uri: Uri) -> Result<Html<String>, AppError> {
    let networks = crate::networks::all_networks(&db).await?;
    let themes = crate::themes::all_themes(&db).await?;
    let (organization_count, country_count): (i64, i64) =
        sqlx::query_as("SELECT COUNT(*), COUNT(DISTINCT country) FROM organizations WHERE listed = 1")
            .fetch_one(&db.pool)
            .await?;
    let page = HomePage {
        chrome: Chrome::new(lang, lang.t("home-title"), &uri),
        lang,
        text: String::new(),
        networks,
        themes,
        organization_count,
        country_count,
        news: crate::news::latest(&db, lang, 5).await?,
        library: crate::library::latest_items(&db, lang, 5).await?,
    };
    render(&page)
}
