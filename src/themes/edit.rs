//! Administrators edit themes: their names and the goals they map to.

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use serde_json::json;
use sqlx::Row;

use crate::accounts::{Right, Rights};
use crate::platform::auth::RequireUser;
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::web::{AppError, Chrome, Found, SlugPath, render};

const MDGS: i64 = 8;
const SDGS: i64 = 17;

pub struct GoalBox {
    pub field: String,
    pub number: i64,
    pub title: String,
    pub checked: bool,
}

#[derive(Template)]
#[template(path = "themes/edit.html")]
struct ThemeEditPage {
    chrome: Chrome,
    slug: String,
    version: i64,
    form: FormState,
    mdgs: Vec<GoalBox>,
    sdgs: Vec<GoalBox>,
    millennium_declaration: bool,
    conflict: bool,
}

impl ThemeEditPage {
    fn label(&self, key: &str) -> String {
        self.chrome.t(key)
    }
}

fn boxes(framework: &str, count: i64, chosen: &[i64], lang: Lang) -> Vec<GoalBox> {
    (1..=count)
        .map(|n| GoalBox {
            field: format!("{framework}:{n}"),
            number: n,
            title: lang.t(&format!("{framework}-{n}")),
            checked: chosen.contains(&n),
        })
        .collect()
}

fn chosen(data: &FormData, framework: &str, count: i64) -> Vec<i64> {
    (1..=count).filter(|n| data.0.contains_key(&format!("{framework}:{n}"))).collect()
}

pub async fn edit_form(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    Rights::of(&db, &user).require(Right::Administer).await?;
    let theme = super::queries::by_slug(&db, &slug).await.found()?;
    let row =
        sqlx::query("SELECT version, name FROM themes WHERE slug = $1").bind(slug.as_str()).fetch_one(&db.pool).await?;
    let name = LocalizedText::from_json(&row.get::<String, _>("name"));
    let mut form = FormState::default();
    for l in Lang::ALL {
        form.values.insert(format!("name_{}", l.code()), name.0.get(&l).cloned().unwrap_or_default());
    }
    let page = ThemeEditPage {
        chrome: Chrome::new(lang, lang.t_with("edit-title", &[("name", name.get(lang).to_string().into())]), &uri),
        slug: slug.to_string(),
        version: row.get("version"),
        form,
        mdgs: boxes("mdg", MDGS, &theme.goals.mdgs, lang),
        sdgs: boxes("sdg", SDGS, &theme.goals.sdgs, lang),
        millennium_declaration: theme.millennium_declaration,
        conflict: false,
    };
    render(&page)
}

pub async fn edit(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    Rights::of(&db, &user).require(Right::Administer).await?;
    let before = super::queries::by_slug(&db, &slug).await.found()?;
    let row = sqlx::query("SELECT id, version, name FROM themes WHERE slug = $1")
        .bind(slug.as_str())
        .fetch_one(&db.pool)
        .await?;
    let (id, version): (i64, i64) = (row.get("id"), row.get("version"));
    let mut form = FormState::from(&data);
    let name = data.localized("name", 200, &mut form, lang);
    if name.is_empty() {
        form.fail("name_en", lang.t("edit-name-required"));
    }
    let (mdgs, sdgs) = (chosen(&data, "mdg", MDGS), chosen(&data, "sdg", SDGS));
    let millennium_declaration = data.0.contains_key("millennium_declaration");
    let typed_version: i64 = data.get("version").parse().unwrap_or(-1);
    if !form.is_valid() || typed_version != version {
        let conflict = form.is_valid();
        let page = ThemeEditPage {
            chrome: Chrome::new(
                lang,
                lang.t_with("edit-title", &[("name", before.goals.theme.name.get(lang).to_string().into())]),
                &uri,
            ),
            slug: slug.to_string(),
            version,
            form,
            mdgs: boxes("mdg", MDGS, &mdgs, lang),
            sdgs: boxes("sdg", SDGS, &sdgs, lang),
            millennium_declaration,
            conflict,
        };
        let status = if conflict { StatusCode::CONFLICT } else { StatusCode::BAD_REQUEST };
        return Ok((status, render(&page)?).into_response());
    }
    let mut tx = db.begin().await?;
    sqlx::query("UPDATE themes SET name = $1, millennium_declaration = $2, version = version + 1 WHERE id = $3")
        .bind(name.to_json())
        .bind(i64::from(millennium_declaration))
        .bind(id)
        .execute(&mut *tx)
        .await?;
    sqlx::query("DELETE FROM theme_goals WHERE theme_id = $1").bind(id).execute(&mut *tx).await?;
    for (framework, numbers) in [("mdg", &mdgs), ("sdg", &sdgs)] {
        for number in numbers {
            sqlx::query("INSERT INTO theme_goals (theme_id, framework, number) VALUES ($1, $2, $3)")
                .bind(id)
                .bind(framework)
                .bind(*number)
                .execute(&mut *tx)
                .await?;
        }
    }
    tx.commit().await?;
    let before_state = json!({
        "name": before.goals.theme.name, "mdgs": before.goals.mdgs, "sdgs": before.goals.sdgs,
        "millennium_declaration": before.millennium_declaration,
    });
    let after_state =
        json!({"name": name, "mdgs": mdgs, "sdgs": sdgs, "millennium_declaration": millennium_declaration});
    crate::platform::audit::record(
        &db,
        Some(user.user_id),
        "theme.update",
        "theme",
        Some(id),
        Some(&before_state),
        Some(&after_state),
    )
    .await?;
    Ok(Redirect::to(&format!("/themes/{slug}")).into_response())
}

/// The recorded changes of a theme.
pub async fn history(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Html<String>, AppError> {
    Rights::of(&db, &user).require(Right::Administer).await?;
    let theme = super::queries::by_slug(&db, &slug).await.found()?;
    let id: i64 =
        sqlx::query_scalar("SELECT id FROM themes WHERE slug = $1").bind(slug.as_str()).fetch_one(&db.pool).await?;
    let name = theme.goals.theme.name.get(lang).to_string();
    let page = crate::platform::audit::HistoryPage {
        chrome: Chrome::new(lang, lang.t_with("history-title", &[("name", name.clone().into())]), &uri),
        back: format!("/themes/{slug}"),
        name,
        entries: crate::platform::audit::history(&db, &[("theme", id)], lang).await?,
        restore_base: None,
    };
    render(&page)
}
