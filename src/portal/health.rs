//! What operators and browsers fetch besides pages: the health check that load
//! balancers and the test scripts poll, the stylesheet and the one script.

use axum::extract::State;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};

use crate::state::AppState;

/// 200 while the database answers and is the one the instance opened, and the search index is built; 503
/// otherwise, so that a load balancer stops sending requests to an instance writing into a deleted file.
pub async fn healthz(State(state): State<AppState>) -> Response {
    let database = state.search.database_is_the_one_opened().await;
    let ready = database && state.search.is_ready();
    let body = axum::Json(serde_json::json!({
        "status": if ready { "ok" } else { "unavailable" },
        "database": database,
        "search_documents": state.search.document_count(),
        "search_position": state.search.position(),
    }));
    let status = if ready { StatusCode::OK } else { StatusCode::SERVICE_UNAVAILABLE };
    (status, body).into_response()
}

/// A file of `static/`, kept by browsers for a day.
fn asset(content_type: &'static str, body: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static(content_type)),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400")),
        ],
        body,
    )
        .into_response()
}

pub async fn stylesheet() -> Response {
    asset("text/css; charset=utf-8", include_str!("../../static/irene.css"))
}

/// The live word count of long boxes: a page works without it.
pub async fn word_counter() -> Response {
    asset("text/javascript; charset=utf-8", include_str!("../../static/word-counter.js"))
}
