//! Theme pages: a theme's goals and the focal points and organisations on it.

use askama::Template;
use axum::extract::State;
use axum::http::Uri;
use axum::response::Html;

use super::queries::{self, Theme};
use crate::directory::ThemeGoals;
use crate::platform::auth::MaybeUser;
use crate::platform::db::Db;
use crate::platform::i18n::Lang;
use crate::platform::web::{AppError, Chrome, Found, SlugPath, render};

#[derive(Template)]
#[template(path = "themes/show.html")]
struct ThemePage {
    chrome: Chrome,
    lang: Lang,
    theme: Theme,
    organization_count: i64,
    can_edit: bool,
}

#[derive(Template)]
#[template(path = "themes/index.html")]
struct ThemesPage {
    chrome: Chrome,
    lang: Lang,
    themes: Vec<ThemeGoals>,
}

pub async fn theme_page(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    SlugPath(slug): SlugPath,
    MaybeUser(user): MaybeUser,
) -> Result<Html<String>, AppError> {
    let theme = queries::by_slug(&db, &slug).await.found()?;
    let organization_count = queries::organization_count(&db, &slug).await?;
    let page = ThemePage {
        chrome: Chrome::new(lang, theme.goals.theme.name.get(lang).to_string(), &uri),
        lang,
        theme,
        organization_count,
        can_edit: user.is_some_and(|u| u.is_admin),
    };
    render(&page)
}

pub async fn themes_page(State(db): State<Db>, lang: Lang, uri: Uri) -> Result<Html<String>, AppError> {
    let themes = queries::all(&db).await?;
    let page = ThemesPage { chrome: Chrome::new(lang, lang.t("themes-title"), &uri), lang, themes };
    render(&page)
}
