//! The Committee's calendar as open data, as its public page shows it.

use axum::Json;
use axum::extract::State;
use serde::Serialize;
use utoipa::ToSchema;

use super::board::{CalendarKind, calendar};
use crate::app::AppState;
use crate::platform::i18n::Lang;

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
    params(("lang" = Option<String>, Query, description = "Language of `what`: en, ru or az")),
    responses((status = 200, body = Vec<CalendarDay>))
)]
pub async fn calendar_days(State(state): State<AppState>, lang: Lang) -> Json<Vec<CalendarDay>> {
    let lines = calendar(crate::platform::clock::today(), state.desk_rules.report_due, lang);
    Json(
        lines
            .into_iter()
            .map(|line| CalendarDay {
                kind: line.kind,
                from: line.from.to_string(),
                to: line.to.map(|to| to.to_string()),
                what: line.what,
            })
            .collect(),
    )
}
