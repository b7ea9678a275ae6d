//! The visible side of the discussion groups as open data: threads and their posts, without held or hidden ones;
//! starting threads and replying with a token, under the rights and moderation of the web's forms.

use axum::Json;
use axum::extract::rejection::PathRejection;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::{Deserialize, Serialize};
use sqlx::Row;
use sqlx::any::AnyRow;
use utoipa::ToSchema;

use super::pages::{Decision, decide, poster, read_thread, set_locked, start_thread, thread, write_reply};
use crate::accounts::Rights;
use crate::platform::auth::TokenUser;
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::values::Slug;
use crate::platform::web::{ApiBody, ApiError, ApiErrorBody, ApiSlug, ApiSlugNumber, AppError, Problem};

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
    let threads = rows.iter().map(|row| thread_item(&slug, row)).collect::<sqlx::Result<_>>()?;
    Ok(Json(threads))
}

fn thread_item(slug: &Slug, row: &AnyRow) -> sqlx::Result<ThreadItem> {
    let id: i64 = row.try_get("id")?;
    Ok(ThreadItem {
        id,
        url: format!("/networks/{slug}/discussion/{id}"),
        focal_point: row.try_get("focal_point")?,
        title: row.try_get("title")?,
        locked: row.try_get::<i64, _>("locked")? != 0,
        last_post_at: row.try_get("last_post_at")?,
    })
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

/// A thread to start.
#[derive(Deserialize, ToSchema)]
pub struct NewThread {
    #[schema(min_length = 1, max_length = 200)]
    pub title: String,
    /// Markdown.
    #[schema(min_length = 1, max_length = 20000)]
    pub body: String,
    /// The focal point's number for its group; none for the network's general group.
    pub focal_point: Option<i64>,
}

/// A reply to write.
#[derive(Deserialize, ToSchema)]
pub struct NewPost {
    /// Markdown.
    #[schema(min_length = 1, max_length = 20000)]
    pub body: String,
}

/// A post as written.
#[derive(Serialize, ToSchema)]
pub struct Written {
    pub thread: i64,
    /// The post's number, which a coordinator's decision names.
    pub post: i64,
    pub url: String,
    /// `visible`, or `held` until a coordinator lets it through (a member's first posts in a network).
    pub status: String,
}

/// The form fields of the web's pages that an API write's body stands for.
fn form_of(pairs: &[(&str, String)]) -> FormData {
    FormData(pairs.iter().map(|(name, value)| (name.to_string(), value.clone())).collect())
}

/// Start a thread in a network's general group or a focal point's, as the token's owner (the people of the
/// network's organisations and its coordinators), held for a coordinator as on the web.
#[utoipa::path(
    post,
    path = "/networks/{slug}/threads",
    tag = "discussion",
    params(("slug" = String, Path, description = "The network's slug", max_length = 120)),
    request_body = NewThread,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The thread as started", body = Written),
        (status = 400, description = "A field is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner may not post in this network, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such network", body = ApiErrorBody),
    )
)]
pub async fn create_thread(
    State(db): State<Db>,
    token: TokenUser,
    ApiSlug(slug): ApiSlug,
    body: ApiBody<NewThread>,
) -> Result<(StatusCode, Json<Written>), ApiError> {
    let (network, standing) = poster(&db, &Rights::of(&db, &token.user), &slug).await?;
    let new = token.write_body(true, body)?;
    let group = new.focal_point.map(|n| n.to_string()).unwrap_or_default();
    let data = form_of(&[("title", new.title), ("body", new.body), ("group", group)]);
    let mut form = FormState::default();
    let thread = read_thread(&db, network.id, &data, &mut form, Lang::En).await?;
    if !form.is_valid() {
        return Err(ApiError(form.api_error(&[("group", "focal_point")])));
    }
    let (id, post, status) = start_thread(&db, &standing, network.id, &thread).await?;
    let url = format!("/networks/{slug}/discussion/{id}");
    Ok((StatusCode::CREATED, Json(Written { thread: id, post, url, status: status.into() })))
}

/// Reply in a thread, as the token's owner, held for a coordinator as on the web; a locked thread takes none.
#[utoipa::path(
    post,
    path = "/networks/{slug}/threads/{id}",
    tag = "discussion",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("id" = i64, Path, description = "The thread's number"),
    ),
    request_body = NewPost,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The reply as written", body = Written),
        (status = 400, description = "The body is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner may not post in this network, the thread is locked, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such network or thread", body = ApiErrorBody),
    )
)]
pub async fn reply(
    State(db): State<Db>,
    token: TokenUser,
    ApiSlugNumber(slug, id): ApiSlugNumber,
    body: ApiBody<NewPost>,
) -> Result<(StatusCode, Json<Written>), ApiError> {
    let rights = Rights::of(&db, &token.user);
    let (network, standing) = poster(&db, &rights, &slug).await?;
    let new = token.write_body(true, body)?;
    let (_, thread, _) = thread(&db, &slug, &id.to_string(), Some(rights.user().clone())).await?;
    if thread.locked || thread.status == "hidden" {
        return Err(ApiError(AppError::Forbidden));
    }
    let mut form = FormState::default();
    let text = super::pages::body(&form_of(&[("body", new.body)]), &mut form, Lang::En);
    if !form.is_valid() {
        return Err(ApiError(form.api_error(&[])));
    }
    let (post, status) = write_reply(&db, &standing, network.id, thread.id, &text).await?;
    let url = format!("/networks/{slug}/discussion/{id}");
    Ok((StatusCode::CREATED, Json(Written { thread: id, post, url, status: status.into() })))
}

/// A coordinator's change to a thread.
#[derive(Deserialize, ToSchema)]
pub struct ThreadChange {
    /// Whether the thread takes no more replies.
    pub locked: bool,
}

/// Lock a thread against replies or open it again, as the token's owner (the network's coordinators), as the
/// thread's page does; the change is in the history.
#[utoipa::path(
    patch,
    path = "/networks/{slug}/threads/{id}",
    tag = "discussion",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("id" = i64, Path, description = "The thread's number"),
    ),
    request_body = ThreadChange,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The thread as changed", body = ThreadItem),
        (status = 400, description = "The body is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner does not coordinate this network, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such network or thread", body = ApiErrorBody),
    )
)]
pub async fn change_thread(
    State(db): State<Db>,
    token: TokenUser,
    ApiSlugNumber(slug, id): ApiSlugNumber,
    body: ApiBody<ThreadChange>,
) -> Result<Json<ThreadItem>, ApiError> {
    let (_, thread, standing) = thread(&db, &slug, &id.to_string(), Some(token.user.clone())).await?;
    let change = token.write_body(standing.may_moderate, body)?;
    set_locked(&db, token.user.user_id, &thread, change.locked).await?;
    let row = sqlx::query("SELECT id, focal_point, title, locked, last_post_at FROM discussion_threads WHERE id = $1")
        .bind(thread.id)
        .fetch_one(&db.pool)
        .await?;
    Ok(Json(thread_item(&slug, &row)?))
}

/// A coordinator's decision on a post.
#[derive(Deserialize, ToSchema)]
pub struct PostChange {
    /// `hidden` to hide the post, `visible` to let a held post through or show a hidden one again. A thread's
    /// first post takes the thread with it.
    pub status: String,
}

/// A post's status after a coordinator's decision.
#[derive(Serialize, ToSchema)]
pub struct PostStatus {
    pub id: i64,
    pub thread: i64,
    /// `visible` or `hidden`.
    pub status: String,
}

/// Hide a post, or let it through, as the token's owner (the network's coordinators), as the thread's page does;
/// the decision is in the history.
#[utoipa::path(
    patch,
    path = "/networks/{slug}/threads/{id}/posts/{post}",
    tag = "discussion",
    params(
        ("slug" = String, Path, description = "The network's slug", max_length = 120),
        ("id" = i64, Path, description = "The thread's number"),
        ("post" = i64, Path, description = "The post's number"),
    ),
    request_body = PostChange,
    security(("bearer" = [])),
    responses(
        (status = 200, description = "The post's status as decided", body = PostStatus),
        (status = 400, description = "The body is not acceptable; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner does not coordinate this network, or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such network, thread or post", body = ApiErrorBody),
    )
)]
pub async fn moderate_post(
    State(db): State<Db>,
    token: TokenUser,
    path: Result<Path<(String, String, String)>, PathRejection>,
    body: ApiBody<PostChange>,
) -> Result<Json<PostStatus>, ApiError> {
    let Ok(Path((raw_slug, raw_thread, raw_post))) = path else { return Err(ApiError(AppError::NotFound)) };
    let slug = Slug::parse(&raw_slug).ok_or(AppError::NotFound)?;
    let post: i64 = raw_post.parse().map_err(|_| AppError::NotFound)?;
    let (_, thread, standing) = thread(&db, &slug, &raw_thread, Some(token.user.clone())).await?;
    let change = token.write_body(standing.may_moderate, body)?;
    let decision = Decision::giving(&change.status)
        .ok_or_else(|| AppError::bad("status", Problem::Unknown(change.status.chars().take(40).collect())))?;
    decide(&db, token.user.user_id, &thread, post, decision).await?;
    Ok(Json(PostStatus { id: post, thread: thread.id, status: decision.status().into() }))
}
