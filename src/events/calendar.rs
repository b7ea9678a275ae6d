//! iCalendar (RFC 5545) for one event, mailed with a confirmation, and for the feeds of a network or a theme.
//! Times are written in UTC, which needs no VTIMEZONE; events without hours are whole days.

use super::model::{Span, span};
use super::store::Event;
use crate::platform::i18n::Lang;

/// One VEVENT.
pub struct CalendarEvent {
    /// Unique and stable: the event's address.
    pub uid: String,
    pub summary: String,
    pub description: String,
    pub location: String,
    pub url: String,
    pub span: Span,
    /// `YYYYMMDDTHHMMSSZ`: when this calendar was written.
    pub stamp: String,
}

/// An event as a calendar entry in `lang`, its address under `base`; None when it has no day yet.
pub fn entry(event: &Event, base: &str, lang: Lang, stamp: &str) -> Option<CalendarEvent> {
    let span = span(
        event.starts_on.as_deref(),
        event.ends_on.as_deref(),
        event.start_time.as_deref(),
        event.end_time.as_deref(),
        &event.time_zone,
    )?;
    let url = format!("{base}/events/{}", event.slug);
    let place = event.location.as_ref().map(|l| l.get(lang).to_string());
    let location = [place, event.online_url.clone()].into_iter().flatten().collect::<Vec<_>>().join(", ");
    Some(CalendarEvent {
        uid: url.clone(),
        summary: event.title.get(lang).to_string(),
        description: event
            .description
            .as_ref()
            .map(|d| crate::platform::markdown::to_plain_text(d.get(lang)))
            .unwrap_or_default(),
        location,
        url,
        span,
        stamp: stamp.to_string(),
    })
}

/// Now, as a calendar's DTSTAMP.
pub fn stamp() -> String {
    jiff::Timestamp::now().strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// A whole calendar (`text/calendar`), lines ending in CRLF and folded at 75 octets.
pub fn calendar(name: &str, events: &[CalendarEvent]) -> String {
    let mut lines = vec![
        "BEGIN:VCALENDAR".to_string(),
        "VERSION:2.0".to_string(),
        "PRODID:-//IRENE//Events//EN".to_string(),
        "CALSCALE:GREGORIAN".to_string(),
        "METHOD:PUBLISH".to_string(),
        format!("X-WR-CALNAME:{}", escape(name)),
    ];
    for event in events {
        lines.push("BEGIN:VEVENT".into());
        lines.push(format!("UID:{}", escape(&event.uid)));
        lines.push(format!("DTSTAMP:{}", event.stamp));
        match &event.span {
            Span::Timed { start, end } => {
                lines.push(format!("DTSTART:{start}"));
                if let Some(end) = end {
                    lines.push(format!("DTEND:{end}"));
                }
            }
            Span::AllDay { start, end } => {
                lines.push(format!("DTSTART;VALUE=DATE:{start}"));
                lines.push(format!("DTEND;VALUE=DATE:{end}"));
            }
        }
        lines.push(format!("SUMMARY:{}", escape(&event.summary)));
        if !event.description.is_empty() {
            lines.push(format!("DESCRIPTION:{}", escape(&event.description)));
        }
        if !event.location.is_empty() {
            lines.push(format!("LOCATION:{}", escape(&event.location)));
        }
        lines.push(format!("URL:{}", event.url));
        lines.push("END:VEVENT".into());
    }
    lines.push("END:VCALENDAR".into());
    lines.iter().map(|line| fold(line)).collect()
}

/// A TEXT value with its backslashes, semicolons, commas and line breaks escaped.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\n' => out.push_str("\\n"),
            '\r' => {}
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// A content line folded so that no line exceeds 75 octets, never inside a character, with its CRLF.
fn fold(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut width = 0;
    for c in line.chars() {
        if width + c.len_utf8() > 75 {
            out.push_str("\r\n ");
            width = 1;
        }
        out.push(c);
        width += c.len_utf8();
    }
    out.push_str("\r\n");
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_are_escaped_and_folded_within_75_octets() {
        let event = CalendarEvent {
            uid: "http://irene.example/events/launch".into(),
            summary: "Семинар, по наращиванию; потенциала".repeat(3),
            description: "line one\nline two".into(),
            location: String::new(),
            url: "http://irene.example/events/launch".into(),
            span: Span::AllDay { start: "20041126".into(), end: "20041127".into() },
            stamp: "20260101T000000Z".into(),
        };
        let text = calendar("UN-NGO-IRENE", &[event]);
        assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
        assert!(text.lines().all(|line| line.trim_end_matches('\r').len() <= 75));
        assert!(text.contains("DTSTART;VALUE=DATE:20041126\r\n"));
        assert!(text.contains("DESCRIPTION:line one\\nline two\r\n"));
        let unfolded = text.replace("\r\n ", "");
        assert!(unfolded.contains("SUMMARY:Семинар\\, по наращиванию\\; потенциала"));
        assert!(!text.contains("LOCATION"));
    }
}
