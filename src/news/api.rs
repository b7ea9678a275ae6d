//! News and calls as open data; posting them with a token, under the rights of the web's form.

use std::collections::BTreeMap;

use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use serde::{Deserialize, Serialize};
use utoipa::{IntoParams, ToSchema};

use super::pages::{publish, remove, right_over};
use super::post::{self, Draft};
use crate::accounts::Rights;
use crate::platform::auth::TokenUser;
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::Lang;
use crate::platform::values::Slug;
use crate::platform::web::{ApiBody, ApiError, ApiErrorBody, ApiNumber, AppError, Problem, query_pairs};

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
    Ok(Json(posts.into_iter().map(news_item).collect()))
}

fn news_item(p: post::Post) -> NewsItem {
    NewsItem {
        id: p.id,
        url: p.href(),
        kind: p.kind.code().into(),
        network: p.network.map(|(slug, _)| slug),
        titles: p.title.by_code(),
        bodies: p.body.by_code(),
        deadline: p.deadline,
        published_at: p.published_at,
    }
}

/// A post to publish.
#[derive(Deserialize, ToSchema)]
pub struct NewNews {
    /// A network's slug; none or empty for every network (administrators only).
    pub network: Option<String>,
    /// `news`, `call` or `deadline`.
    pub kind: String,
    /// `YYYY-MM-DD`; a deadline needs one, a call may have one.
    pub deadline: Option<String>,
    /// Per language code (`en`, `ru`, `az`); at least one, and one for each body.
    pub titles: BTreeMap<String, String>,
    /// Markdown, per language code.
    #[serde(default)]
    pub bodies: BTreeMap<String, String>,
}

/// The web form's fields for texts per language code, refusing codes that are not a language of IRENE.
fn localized_fields(
    parameter: &str,
    prefix: &str,
    texts: &BTreeMap<String, String>,
    data: &mut FormData,
) -> Result<(), ApiError> {
    for (code, text) in texts {
        let lang = Lang::parse(code).ok_or_else(|| AppError::bad(parameter, Problem::Unknown(code.clone())))?;
        data.0.insert(format!("{prefix}_{}", lang.code()), text.clone());
    }
    Ok(())
}

/// Publish news, a call for proposals or a deadline, as the token's owner: for a network they coordinate, or for
/// every network as an administrator.
#[utoipa::path(
    post,
    path = "/news",
    tag = "news",
    request_body = NewNews,
    security(("bearer" = [])),
    responses(
        (status = 201, description = "The post as published", body = NewsItem),
        (status = 400, description = "A field is not acceptable, or `network` names no network; `parameter` names it", body = ApiErrorBody),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner does not coordinate the network (or, for every network, is not an administrator), or the token is read-only", body = ApiErrorBody),
    )
)]
pub async fn create(
    State(db): State<Db>,
    token: TokenUser,
    body: ApiBody<NewNews>,
) -> Result<(StatusCode, Json<NewsItem>), ApiError> {
    // Rights depend on the network the body names, so the body is read once the token may write at all.
    let new = token.write_body(true, body)?;
    let network_id = match new.network.as_deref().filter(|slug| !slug.is_empty()) {
        Some(raw) => {
            let unknown = || AppError::bad("network", Problem::Unknown(raw.to_string()));
            let slug = Slug::parse(raw).ok_or_else(unknown)?;
            Some(crate::newsletter::network(&db, &slug).await?.ok_or_else(unknown)?.id)
        }
        None => None,
    };
    token.require_write(Rights::of(&db, &token.user).may(right_over(network_id)).await?)?;
    let mut data = FormData(BTreeMap::from([
        ("kind".to_string(), new.kind),
        ("deadline".to_string(), new.deadline.unwrap_or_default()),
    ]));
    localized_fields("titles", "title", &new.titles, &mut data)?;
    localized_fields("bodies", "body", &new.bodies, &mut data)?;
    let mut form = FormState::default();
    let Some(draft) = Draft::read(&data, &mut form, Lang::En) else {
        return Err(ApiError(form.api_error(&[("title", "titles"), ("body", "bodies")])));
    };
    let id = publish(&db, token.user.user_id, network_id, &draft).await?;
    let published = post::load(&db, id).await?.ok_or(AppError::NotFound)?;
    Ok((StatusCode::CREATED, Json(news_item(published))))
}

/// Delete news, a call or a deadline, as the token's owner: a coordinator of its network, or an administrator for a
/// post to every network, as on the post's page. The deletion is in the history.
#[utoipa::path(
    delete,
    path = "/news/{id}",
    tag = "news",
    params(("id" = i64, Path, description = "The post's number")),
    security(("bearer" = [])),
    responses(
        (status = 204, description = "The post is deleted"),
        (status = 401, description = "No valid token", body = ApiErrorBody),
        (status = 403, description = "The token's owner does not coordinate the post's network (or, for a post to every network, is not an administrator), or the token is read-only", body = ApiErrorBody),
        (status = 404, description = "No such post", body = ApiErrorBody),
    )
)]
pub async fn delete(State(db): State<Db>, token: TokenUser, ApiNumber(id): ApiNumber) -> Result<StatusCode, ApiError> {
    let post = post::load(&db, id).await?.ok_or(AppError::NotFound)?;
    token.require_write(Rights::of(&db, &token.user).may(right_over(post.network_id)).await?)?;
    remove(&db, token.user.user_id, &post).await?;
    Ok(StatusCode::NO_CONTENT)
}
