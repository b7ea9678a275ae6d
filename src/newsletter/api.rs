//! A network's sent issues as open data, like its public archive.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use crate::platform::db::Db;
use crate::platform::web::{ApiError, ApiErrorBody, ApiSlug, AppError};

#[derive(Serialize, ToSchema)]
pub struct IssueItem {
    pub id: i64,
    /// The subject per language code; readers of a language without one read `main_lang`'s.
    pub subject: BTreeMap<String, String>,
    /// The text per language code, in Markdown.
    pub body: BTreeMap<String, String>,
    pub main_lang: String,
    /// When the last message went out (RFC 3339).
    pub sent_at: String,
    /// The issue's web version.
    pub url: String,
}

/// A network's sent issues, newest first (at most 200): what its archive page and feed show.
#[utoipa::path(
    get,
    path = "/networks/{slug}/newsletter/issues",
    tag = "newsletter",
    params(("slug" = String, Path, description = "The network's slug", max_length = 120)),
    responses((status = 200, body = Vec<IssueItem>), (status = 404, description = "No such network", body = ApiErrorBody))
)]
pub async fn issues(State(db): State<Db>, ApiSlug(slug): ApiSlug) -> Result<Json<Vec<IssueItem>>, ApiError> {
    let network = super::network(&db, &slug).await?.ok_or(AppError::NotFound)?;
    let issues = super::archive::sent_issues(&db, network.id, None, 200).await?;
    Ok(Json(
        issues
            .into_iter()
            .map(|issue| IssueItem {
                id: issue.id,
                subject: issue.subject.by_code(),
                body: issue.body.by_code(),
                main_lang: issue.main.code().to_string(),
                url: format!("/networks/{slug}/newsletter/issues/{}", issue.id),
                sent_at: issue.finished_at,
            })
            .collect(),
    ))
}
