//! What operators and browsers fetch besides pages: the health check that load
//! balancers and the test scripts poll, and the stylesheet.

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

pub async fn stylesheet() -> Response {
    (
        [
            (header::CONTENT_TYPE, HeaderValue::from_static("text/css; charset=utf-8")),
            (header::CACHE_CONTROL, HeaderValue::from_static("public, max-age=86400")),
        ],
        include_str!("../../static/irene.css"),
    )
        .into_response()
}
