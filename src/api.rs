//! The open-data API under `/api/v1`: each capability's annotated handlers,
//! the OpenAPI description generated from them (so it cannot drift), a
//! browsable reference served from the binary, ETags and CORS for reading.

use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use base64::Engine;
use sha2::{Digest, Sha256};
use tower_http::cors::{Any, CorsLayer};
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;
use utoipa_swagger_ui::SwaggerUi;

use crate::app::AppState;
use crate::platform::web::{ApiError, AppError};
use crate::{consultative, directory, networks, newsletter, themes};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "IRENE open data",
        description = "Everything public on the portal of the UN-NGO-IRENE networks: organisations, networks, \
                       focal points, themes, sent newsletter issues and the ECOSOC calendar. Reading needs no key.",
        version = "1"
    ),
    servers((url = "/api/v1")),
    modifiers(&BearerToken),
    tags(
        (name = "directory", description = "Organisations and the directory search"),
        (name = "networks", description = "Networks, their coordinators, focal points and members"),
        (name = "themes", description = "Themes and the goals they map to"),
        (name = "newsletter", description = "Each network's sent newsletter issues"),
        (name = "ecosoc", description = "The calendar of the Committee on NGOs and ECOSOC"),
    )
)]
struct ApiDoc;

/// Writes take the API token of an account: `Authorization: Bearer irene_…`.
struct BearerToken;

impl utoipa::Modify for BearerToken {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{Http, HttpAuthScheme, SecurityScheme};
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme("bearer", SecurityScheme::Http(Http::new(HttpAuthScheme::Bearer)));
    }
}

/// The largest API answer an ETag is computed for; larger ones go without.
const ETAG_LIMIT: usize = 16 * 1024 * 1024;

/// Answers `If-None-Match` with 304 when the answer has not changed, so
/// clients on slow connections do not fetch it again.
async fn etag(request: Request, next: Next) -> Response {
    let cacheable = request.method() == Method::GET;
    let if_none_match = request.headers().get(header::IF_NONE_MATCH).cloned();
    let response = next.run(request).await;
    if !cacheable || response.status() != StatusCode::OK {
        return response;
    }
    let (mut parts, body) = response.into_parts();
    let Ok(bytes) = axum::body::to_bytes(body, ETAG_LIMIT).await else {
        return (StatusCode::INTERNAL_SERVER_ERROR, "answer too large").into_response();
    };
    let tag = format!("\"{}\"", base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(&Sha256::digest(&bytes)[..16]));
    let matches = if_none_match
        .and_then(|value| value.to_str().ok().map(str::to_string))
        .is_some_and(|value| value.split(',').any(|candidate| candidate.trim() == tag || candidate.trim() == "*"));
    if let Ok(value) = HeaderValue::from_str(&tag) {
        parts.headers.insert(header::ETAG, value);
    }
    parts.headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if matches {
        parts.status = StatusCode::NOT_MODIFIED;
        parts.headers.remove(header::CONTENT_LENGTH);
        return Response::from_parts(parts, Body::empty());
    }
    Response::from_parts(parts, Body::from(bytes))
}

/// The `/api` part of the router: `/api/v1/…`, `/api/openapi.json` and the
/// reference at `/api/docs`.
pub fn router() -> Router<AppState> {
    let (v1, openapi) = OpenApiRouter::with_openapi(ApiDoc::openapi())
        .routes(routes!(directory::api::search))
        .routes(routes!(directory::api::organization, directory::api::update_organization))
        .routes(routes!(directory::people_api::add_person))
        .routes(routes!(directory::people_api::update_person, directory::people_api::remove_person))
        .routes(routes!(networks::api::networks))
        .routes(routes!(networks::api::network, networks::api::update_network))
        .routes(routes!(networks::api::update_focal_point))
        .routes(routes!(themes::api::themes))
        .routes(routes!(themes::api::theme))
        .routes(routes!(newsletter::api::issues))
        .routes(routes!(consultative::api::calendar_days))
        .split_for_parts();
    // Reading is open to every site; writing (with a token) is left to same-site and non-browser clients.
    let cors = CorsLayer::new().allow_origin(Any).allow_methods([Method::GET, Method::HEAD, Method::OPTIONS]);
    let v1 = v1.fallback(|| async { ApiError(AppError::NotFound) }).layer(axum::middleware::from_fn(etag)).layer(cors);
    // The reference is the one page that runs a script (Swagger UI, served from the binary).
    let reference = Router::from(SwaggerUi::new("/api/docs").url("/api/openapi.json", openapi)).layer(
        SetResponseHeaderLayer::if_not_present(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'"),
        ),
    );
    Router::new().nest("/api/v1", v1).merge(reference)
}
