//! What an event is made of, parsed once at the edge: its kind, its schedule in a named time zone, the
//! languages it is held in, and the kinds of sessions and registrations.

use jiff::civil::{Date, DateTime, Time};
use jiff::tz::TimeZone;

use crate::directory::code_enum;
use crate::platform::i18n::Lang;

code_enum! {
    /// What sort of gathering an event is.
    EventKind, "event-kind" {
        Workshop => "workshop",
        Conference => "conference",
        Meeting => "meeting",
        FieldVisit => "field_visit",
        OfficialMeeting => "official_meeting",
        Webinar => "webinar",
    }
}

code_enum! {
    /// A part of an event's programme.
    SessionKind, "session-kind" {
        Plenary => "plenary",
        WorkingGroup => "working_group",
        Presentation => "presentation",
        Break => "break",
    }
}

/// The roles a person of the directory may hold in a session; members belong to a working group.
pub const SESSION_ROLES: [&str; 4] = ["speaker", "facilitator", "chair", "member"];

code_enum! {
    /// In what capacity a person registers.
    RegistrationKind, "registration-kind" {
        Participant => "participant",
        Speaker => "speaker",
        Media => "media",
        Government => "government",
        Un => "un",
    }
}

code_enum! {
    /// Where a registration stands: a seat, a place on the waiting list, or given up.
    RegistrationStatus, "registration-status" {
        Confirmed => "confirmed",
        Waiting => "waiting",
        Cancelled => "cancelled",
    }
}

/// A time zone of the IANA database, by its name (`Asia/Baku`).
#[derive(Clone, Debug, PartialEq)]
pub struct Zone {
    name: String,
    zone: TimeZone,
}

impl Zone {
    pub fn parse(name: &str) -> Option<Zone> {
        let name = name.trim();
        // Only names of the database: not POSIX rules nor fixed offsets a reader could not look up.
        if name.is_empty() || !name.chars().all(|c| c.is_ascii_alphanumeric() || "/_-+".contains(c)) {
            return None;
        }
        TimeZone::get(name).ok().map(|zone| Zone { name: name.to_string(), zone })
    }

    pub fn name(&self) -> &str {
        &self.name
    }
}

/// When an event takes place: its days, and optionally the hours it starts and ends, in its time zone.
#[derive(Clone, Debug, PartialEq)]
pub struct Schedule {
    pub starts_on: Date,
    pub ends_on: Date,
    pub start_time: Option<Time>,
    pub end_time: Option<Time>,
    pub zone: Zone,
}

/// Why a schedule was refused, by the field to blame.
#[derive(Debug, PartialEq)]
pub enum ScheduleError {
    StartsOn,
    EndsOn,
    StartTime,
    EndTime,
    Zone,
    EndsBeforeStart,
}

pub fn parse_day(text: &str) -> Option<Date> {
    let text = text.trim();
    (text.len() == 10).then(|| text.parse::<Date>().ok()).flatten()
}

pub fn parse_time(text: &str) -> Option<Time> {
    let text = text.trim();
    (text.len() == 5 && text.as_bytes()[2] == b':').then(|| text.parse::<Time>().ok()).flatten()
}

impl Schedule {
    /// Reads the form's texts (days as `YYYY-MM-DD`, hours as `HH:MM`; the end day and the hours may be empty).
    pub fn parse(
        starts_on: &str,
        ends_on: &str,
        start_time: &str,
        end_time: &str,
        zone: &str,
    ) -> Result<Schedule, Vec<ScheduleError>> {
        let mut errors = Vec::new();
        let start = parse_day(starts_on);
        if start.is_none() {
            errors.push(ScheduleError::StartsOn);
        }
        let end = if ends_on.trim().is_empty() { start } else { parse_day(ends_on) };
        if end.is_none() && !ends_on.trim().is_empty() {
            errors.push(ScheduleError::EndsOn);
        }
        let optional_time = |text: &str, error: ScheduleError, errors: &mut Vec<ScheduleError>| {
            if text.trim().is_empty() {
                None
            } else {
                let time = parse_time(text);
                if time.is_none() {
                    errors.push(error);
                }
                time
            }
        };
        let start_time = optional_time(start_time, ScheduleError::StartTime, &mut errors);
        let end_time = optional_time(end_time, ScheduleError::EndTime, &mut errors);
        let zone = Zone::parse(zone);
        if zone.is_none() {
            errors.push(ScheduleError::Zone);
        }
        let (Some(starts_on), Some(ends_on), Some(zone)) = (start, end, zone) else {
            return Err(errors);
        };
        if !errors.is_empty() {
            return Err(errors);
        }
        let schedule = Schedule { starts_on, ends_on, start_time, end_time, zone };
        if ends_on < starts_on || schedule.end().is_some_and(|end| end <= schedule.start()) {
            return Err(vec![ScheduleError::EndsBeforeStart]);
        }
        Ok(schedule)
    }

    /// The moment it starts (midnight of the first day when no hour is given).
    fn start(&self) -> DateTime {
        self.starts_on.to_datetime(self.start_time.unwrap_or(Time::midnight()))
    }

    fn end(&self) -> Option<DateTime> {
        self.end_time.map(|time| self.ends_on.to_datetime(time))
    }
}

/// An event's start and end for a calendar: UTC moments when hours are known, else whole days.
#[derive(Debug, PartialEq)]
pub enum Span {
    /// `YYYYMMDDTHHMMSSZ` texts; the end when known.
    Timed { start: String, end: Option<String> },
    /// `YYYYMMDD` texts; the end is the day after the last one, as RFC 5545 counts.
    AllDay { start: String, end: String },
}

/// The calendar span of stored schedule texts; None when the event has no (valid) first day.
pub fn span(
    starts_on: Option<&str>,
    ends_on: Option<&str>,
    start_time: Option<&str>,
    end_time: Option<&str>,
    zone: &str,
) -> Option<Span> {
    let first = parse_day(starts_on?)?;
    let last = ends_on.and_then(parse_day).unwrap_or(first);
    let zone = Zone::parse(zone).unwrap_or_else(|| Zone { name: "UTC".into(), zone: TimeZone::UTC });
    let utc = |day: Date, time: Time| {
        zone.zone.to_timestamp(day.to_datetime(time)).ok().map(|moment| moment.strftime("%Y%m%dT%H%M%SZ").to_string())
    };
    match start_time.and_then(parse_time) {
        Some(time) => {
            let start = utc(first, time)?;
            let end = end_time.and_then(parse_time).and_then(|time| utc(last, time));
            Some(Span::Timed { start, end })
        }
        None => Some(Span::AllDay {
            start: first.strftime("%Y%m%d").to_string(),
            end: last.tomorrow().ok()?.strftime("%Y%m%d").to_string(),
        }),
    }
}

/// The languages an event is held in, as ISO 639 codes typed apart by commas or spaces (`en, ru, az`).
pub fn parse_languages(text: &str) -> Option<Vec<String>> {
    let mut codes: Vec<String> = Vec::new();
    for code in text.split(|c: char| c == ',' || c.is_whitespace()).filter(|c| !c.is_empty()) {
        let code = code.to_ascii_lowercase();
        if !(2..=3).contains(&code.len()) || !code.bytes().all(|b| b.is_ascii_lowercase()) {
            return None;
        }
        if !codes.contains(&code) {
            codes.push(code);
        }
    }
    (codes.len() <= 12).then_some(codes)
}

/// A web address for an online event: `https://` or `http://`, nothing else.
pub fn parse_url(text: &str) -> Option<String> {
    let text = text.trim();
    let rest = text.strip_prefix("https://").or_else(|| text.strip_prefix("http://"))?;
    let valid = !rest.is_empty() && text.len() <= 500 && !text.chars().any(|c| c.is_whitespace() || c.is_control());
    valid.then(|| text.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_schedule_is_read_in_its_time_zone_and_checked() {
        let schedule = Schedule::parse("2004-11-24", "", "16:30", "18:00", "Asia/Baku").unwrap();
        assert_eq!(schedule.ends_on, schedule.starts_on);
        assert_eq!(schedule.zone.name(), "Asia/Baku");
        assert_eq!(
            Schedule::parse("2004-11-24", "2004-11-23", "", "", "Asia/Baku"),
            Err(vec![ScheduleError::EndsBeforeStart])
        );
        assert_eq!(
            Schedule::parse("2004-11-24", "", "16:30", "09:00", "Asia/Baku"),
            Err(vec![ScheduleError::EndsBeforeStart])
        );
        let errors = Schedule::parse("24.11.2004", "x", "25:00", "9", "Mars/Olympus").unwrap_err();
        assert_eq!(
            errors,
            vec![
                ScheduleError::StartsOn,
                ScheduleError::EndsOn,
                ScheduleError::StartTime,
                ScheduleError::EndTime,
                ScheduleError::Zone
            ]
        );
        assert!(Zone::parse("Europe/Istanbul").is_some());
        assert!(Zone::parse("EST5EDT,M3.2.0,M11.1.0").is_none());
        assert!(Zone::parse("").is_none());
    }

    #[test]
    fn spans_are_utc_moments_or_whole_days() {
        // Baku was four hours ahead of UTC in November 2004.
        assert_eq!(
            span(Some("2004-11-24"), Some("2004-11-24"), Some("16:30"), None, "Asia/Baku"),
            Some(Span::Timed { start: "20041124T123000Z".into(), end: None })
        );
        assert_eq!(
            span(Some("2004-11-25"), Some("2004-11-28"), None, None, "Asia/Baku"),
            Some(Span::AllDay { start: "20041125".into(), end: "20041129".into() })
        );
        assert_eq!(span(None, None, None, None, "UTC"), None);
    }

    #[test]
    fn languages_and_addresses_are_checked() {
        assert_eq!(parse_languages("en, RU az en"), Some(vec!["en".into(), "ru".into(), "az".into()]));
        assert_eq!(parse_languages(""), Some(vec![]));
        assert_eq!(parse_languages("english"), None);
        assert_eq!(parse_url("https://meet.example.org/irene"), Some("https://meet.example.org/irene".into()));
        assert_eq!(parse_url("javascript:alert(1)"), None);
        assert_eq!(parse_url("https://"), None);
    }
}
