//! Themes as open data.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use crate::directory::ThemeGoals;
use crate::platform::db::Db;
use crate::platform::web::{ApiError, ApiErrorBody, ApiSlug, AppError};

#[derive(Serialize, ToSchema)]
pub struct ThemeItem {
    pub slug: String,
    pub names: BTreeMap<String, String>,
    /// Millennium Development Goals, by number.
    pub mdgs: Vec<i64>,
    /// Sustainable Development Goals, by number.
    pub sdgs: Vec<i64>,
    pub url: String,
}

impl ThemeItem {
    fn of(goals: &ThemeGoals) -> ThemeItem {
        ThemeItem {
            slug: goals.theme.slug.clone(),
            names: goals.theme.name.by_code(),
            mdgs: goals.mdgs.clone(),
            sdgs: goals.sdgs.clone(),
            url: format!("/themes/{}", goals.theme.slug),
        }
    }
}

#[derive(Serialize, ToSchema)]
pub struct ThemeFocalPoint {
    /// The network's slug.
    pub network: String,
    pub title: BTreeMap<String, String>,
    pub goals_label: Option<String>,
    /// Slugs of the lead organisations.
    pub leads: Vec<String>,
    /// Slugs of the organisations working with them.
    pub collaborators: Vec<String>,
}

#[derive(Serialize, ToSchema)]
pub struct ThemeDetail {
    #[serde(flatten)]
    pub theme: ThemeItem,
    pub millennium_declaration: bool,
    pub focal_points: Vec<ThemeFocalPoint>,
}

/// Every theme, with the goals it maps to.
#[utoipa::path(get, path = "/themes", tag = "themes", responses((status = 200, body = Vec<ThemeItem>)))]
pub async fn themes(State(db): State<Db>) -> Result<Json<Vec<ThemeItem>>, ApiError> {
    Ok(Json(super::queries::all(&db).await?.iter().map(ThemeItem::of).collect()))
}

/// One theme, with its focal points across networks.
#[utoipa::path(
    get,
    path = "/themes/{slug}",
    tag = "themes",
    params(("slug" = String, Path, description = "The theme's slug", max_length = 120)),
    responses((status = 200, body = ThemeDetail), (status = 404, description = "No such theme", body = ApiErrorBody))
)]
pub async fn theme(State(db): State<Db>, ApiSlug(slug): ApiSlug) -> Result<Json<ThemeDetail>, ApiError> {
    let theme = super::queries::by_slug(&db, &slug).await?.ok_or(AppError::NotFound)?;
    Ok(Json(ThemeDetail {
        theme: ThemeItem::of(&theme.goals),
        millennium_declaration: theme.millennium_declaration,
        focal_points: theme
            .focal_points
            .iter()
            .map(|fp| ThemeFocalPoint {
                network: fp.network.slug.clone(),
                title: fp.title.by_code(),
                goals_label: fp.goals_label.clone(),
                leads: fp.leads.iter().map(|m| m.slug.clone()).collect(),
                collaborators: fp.collaborators.iter().map(|m| m.slug.clone()).collect(),
            })
            .collect(),
    }))
}
