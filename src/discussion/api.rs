//! The visible side of the discussion groups as open data: threads and their posts, without held or hidden ones.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use sqlx::Row;
use utoipa::ToSchema;

use crate::platform::db::Db;
use crate::platform::web::{ApiError, ApiErrorBody, ApiSlug, ApiSlugNumber, AppError};

#[derive(Serialize, ToSchema)]
pub struct ThreadItem {
    pub id: i64,
    pub url: String,
    /// The focal point's number for its group; none for the network's general group.
    pub focal_point: Option<i64>,
    pub title: String,
    pub locked: bool,
    pub last_post_at: String,
}

#[derive(Serialize, ToSchema)]
pub struct PostItem {
    pub id: i64,
    pub author: String,
    /// Markdown.
    pub body: String,
    pub created_at: String,
}

/// A network's threads, newest activity first.
#[utoipa::path(
    get,
    path = "/networks/{slug}/threads",
    tag = "discussion",
    params(("slug" = String, Path, description = "The network's slug", max_length = 120)),
    responses((status = 200, body = Vec<ThreadItem>), (status = 404, description = "No such network", body = ApiErrorBody))
)]
pub async fn threads(State(db): State<Db>, ApiSlug(slug): ApiSlug) -> Result<Json<Vec<ThreadItem>>, ApiError> {
    let network = crate::newsletter::network(&db, &slug).await?.ok_or(AppError::NotFound)?;
    let rows = sqlx::query(
        "SELECT id, focal_point, title, locked, last_post_at FROM discussion_threads \
         WHERE network_id = $1 AND status = 'visible' ORDER BY last_post_at DESC, id DESC",
    )
    .bind(network.id)
    .fetch_all(&db.pool)
    .await?;
    let threads = rows
        .iter()
        .map(|row| {
            let id: i64 = row.try_get("id")?;
            Ok(ThreadItem {
                id,
                url: format!("/networks/{slug}/discussion/{id}"),
                focal_point: row.try_get("focal_point")?,
                title: row.try_get("title")?,
                locked: row.try_get::<i64, _>("locked")? != 0,
                last_post_at: row.try_get("last_post_at")?,
            })
        })
        .collect::<sqlx::Result<_>>()?;
    Ok(Json(threads))
}

/// A thread's visible posts, oldest first.
#[utoipa::path(
    get,
    path = "/networks/{slug}/threads/{id}",
    tag = "discussion",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("id" = i64, Path, description = "The thread's number"),
    ),
    responses((status = 200, body = Vec<PostItem>), (status = 404, description = "No such thread", body = ApiErrorBody))
)]
pub async fn posts(
    State(db): State<Db>,
    ApiSlugNumber(slug, id): ApiSlugNumber,
) -> Result<Json<Vec<PostItem>>, ApiError> {
    let network = crate::newsletter::network(&db, &slug).await?.ok_or(AppError::NotFound)?;
    let visible: Option<i64> = sqlx::query_scalar(
        "SELECT id FROM discussion_threads WHERE id = $1 AND network_id = $2 AND status = 'visible'",
    )
    .bind(id)
    .bind(network.id)
    .fetch_optional(&db.pool)
    .await?;
    visible.ok_or(AppError::NotFound)?;
    let rows = sqlx::query(
        "SELECT p.id, p.body, p.created_at, u.display_name FROM discussion_posts p \
         LEFT JOIN users u ON u.id = p.author_id WHERE p.thread_id = $1 AND p.status = 'visible' ORDER BY p.id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let posts = rows
        .iter()
        .map(|row| {
            Ok(PostItem {
                id: row.try_get("id")?,
                author: row.try_get::<Option<String>, _>("display_name")?.unwrap_or_default(),
                body: row.try_get("body")?,
                created_at: row.try_get("created_at")?,
            })
        })
        .collect::<sqlx::Result<_>>()?;
    Ok(Json(posts))
}
