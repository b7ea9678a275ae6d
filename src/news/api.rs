//! News and calls as open data.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::http::Uri;
use serde::Serialize;
use utoipa::{IntoParams, ToSchema};

use super::post;
use crate::platform::db::Db;
use crate::platform::values::Slug;
use crate::platform::web::{ApiError, ApiErrorBody, AppError, Problem, query_pairs};

#[derive(IntoParams)]
#[into_params(parameter_in = Query)]
#[allow(dead_code)]
pub struct NewsParams {
    /// A network's slug: its posts and those for every network. Without it, every post.
    network: Option<String>,
}

#[derive(Serialize, ToSchema)]
pub struct NewsItem {
    pub id: i64,
    pub url: String,
    /// `news`, `call` or `deadline`.
    pub kind: String,
    /// The network's slug; none for a post to every network.
    pub network: Option<String>,
    /// Per language code.
    pub titles: BTreeMap<String, String>,
    /// Markdown, per language code.
    pub bodies: BTreeMap<String, String>,
    /// `YYYY-MM-DD`.
    pub deadline: Option<String>,
    pub published_at: String,
}

/// News, calls for proposals and deadlines, newest first (the latest 50).
#[utoipa::path(
    get,
    path = "/news",
    tag = "news",
    params(NewsParams),
    responses(
        (status = 200, body = Vec<NewsItem>),
        (status = 400, description = "`network` is not a network's slug; `parameter` names it", body = ApiErrorBody),
        (status = 404, description = "No such network", body = ApiErrorBody),
    )
)]
pub async fn news(State(db): State<Db>, uri: Uri) -> Result<Json<Vec<NewsItem>>, ApiError> {
    // An empty `network=` (a form left blank) means every network.
    let network_id = match query_pairs(&uri)?.into_iter().find(|(name, value)| name == "network" && !value.is_empty()) {
        Some((_, raw)) => {
            let slug = Slug::parse(&raw).ok_or_else(|| AppError::bad("network", Problem::Unknown(raw.clone())))?;
            Some(crate::newsletter::network(&db, &slug).await?.ok_or(AppError::NotFound)?.id)
        }
        None => None,
    };
    let posts = post::list(&db, network_id, 50).await?;
    Ok(Json(
        posts
            .into_iter()
            .map(|p| NewsItem {
                id: p.id,
                url: p.href(),
                kind: p.kind.code().into(),
                network: p.network.map(|(slug, _)| slug),
                titles: p.title.by_code(),
                bodies: p.body.by_code(),
                deadline: p.deadline,
                published_at: p.published_at,
            })
            .collect(),
    ))
}
