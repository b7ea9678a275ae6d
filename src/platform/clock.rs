//! The wall clock, in the formats the database stores.

use time::OffsetDateTime;
use time::format_description::well_known::Rfc3339;

pub fn now_rfc3339() -> String {
    OffsetDateTime::now_utc().format(&Rfc3339).unwrap_or_default()
}

/// Today's date in UTC, the calendar the desk's deadlines are kept in.
pub fn today() -> time::Date {
    OffsetDateTime::now_utc().date()
}

/// A day written as `YYYY-MM-DD`, as date fields send it.
pub fn parse_day(text: &str) -> Option<time::Date> {
    time::Date::parse(text.trim(), &time::macros::format_description!("[year]-[month]-[day]")).ok()
}
