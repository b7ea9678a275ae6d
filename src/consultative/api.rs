//! The Committee's calendar as open data, as its public page shows it.

use axum::Json;
use axum::extract::State;
use axum::http::Uri;
use serde::Serialize;
use utoipa::ToSchema;

use super::board::{CalendarKind, calendar};
use super::rules::DeskRules;
use crate::platform::i18n::Lang;
use crate::platform::web::{ApiError, ApiErrorBody, AppError, Problem, query_pairs};

#[derive(Serialize, ToSchema)]
pub struct CalendarDay {
    pub kind: CalendarKind,
    /// The day, or a session's first day (`YYYY-MM-DD`).
    pub from: String,
    /// A session's last day.
    pub to: Option<String>,
    /// What happens, in the language asked for (`?lang=en|ru|az`).
    pub what: String,
}

/// The Committee on NGOs' sessions, the 1 June application deadlines, the Council's decisions and
/// the quadrennial reports' due day, from today for about two years.
#[utoipa::path(
    get,
    path = "/ecosoc/calendar",
    tag = "ecosoc",
    params(("lang" = Option<String>, Query, description = "Language of `what`: en (when absent), ru or az", pattern = "^(en|ru|az)$")),
    responses(
        (status = 200, body = Vec<CalendarDay>),
        (status = 400, description = "A language not offered", body = ApiErrorBody)
    )
)]
pub async fn calendar_days(State(rules): State<DeskRules>, uri: Uri) -> Result<Json<Vec<CalendarDay>>, ApiError> {
    let lang = match query_pairs(&uri)?.into_iter().find(|(name, _)| name == "lang") {
        None => Lang::En,
        Some((_, code)) => Lang::parse(&code).ok_or_else(|| AppError::bad("lang", Problem::Unknown(code)))?,
    };
    let lines = calendar(crate::platform::clock::today(), rules.report_due, lang);
    Ok(Json(
        lines
            .into_iter()
            .map(|line| CalendarDay {
                kind: line.kind,
                from: line.from.to_string(),
                to: line.to.map(|to| to.to_string()),
                what: line.what,
            })
            .collect(),
    ))
}
