//! A campaign and its life: written, perhaps scheduled, sending (or paused),
//! and at last sent or cancelled. Which move is allowed from where is decided
//! here, without a database; the store applies a move only to a campaign
//! still in one of the statuses it starts from.

use super::audience::Audience;
use crate::platform::i18n::{Lang, LocalizedText};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Draft,
    Scheduled,
    Sending,
    Paused,
    Sent,
    Cancelled,
}

impl Status {
    pub fn parse(code: &str) -> Status {
        match code {
            "scheduled" => Status::Scheduled,
            "sending" => Status::Sending,
            "paused" => Status::Paused,
            "sent" => Status::Sent,
            "cancelled" => Status::Cancelled,
            _ => Status::Draft,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Scheduled => "scheduled",
            Status::Sending => "sending",
            Status::Paused => "paused",
            Status::Sent => "sent",
            Status::Cancelled => "cancelled",
        }
    }

    pub fn label(&self, lang: impl std::borrow::Borrow<Lang>) -> String {
        lang.borrow().t(&format!("campaign-status-{}", self.code()))
    }

    /// Whether its text and audience may still change: nothing was queued yet.
    pub fn editable(&self) -> bool {
        EDITABLE.contains(self)
    }
}

/// The statuses in which a campaign's text may change; saving one sends a
/// scheduled campaign back to draft.
pub const EDITABLE: &[Status] = &[Status::Draft, Status::Scheduled];

/// A move of a campaign: the writer's (send, schedule, …) or the clock's
/// (a scheduled campaign whose time has come starts).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    Send,
    Schedule,
    Unschedule,
    Pause,
    Resume,
    Cancel,
    /// A scheduled campaign's time has come.
    Start,
}

impl Move {
    /// The moves a writer asks for by name in the address of a form.
    pub fn parse(code: &str) -> Option<Move> {
        Some(match code {
            "send" => Move::Send,
            "schedule" => Move::Schedule,
            "unschedule" => Move::Unschedule,
            "pause" => Move::Pause,
            "resume" => Move::Resume,
            "cancel" => Move::Cancel,
            _ => return None,
        })
    }

    pub fn code(self) -> &'static str {
        match self {
            Move::Send => "send",
            Move::Schedule => "schedule",
            Move::Unschedule => "unschedule",
            Move::Pause => "pause",
            Move::Resume => "resume",
            Move::Cancel => "cancel",
            Move::Start => "start",
        }
    }

    /// The statuses the move starts from.
    pub fn from(self) -> &'static [Status] {
        match self {
            Move::Send | Move::Schedule => EDITABLE,
            Move::Unschedule | Move::Start => &[Status::Scheduled],
            Move::Pause => &[Status::Sending],
            Move::Resume => &[Status::Paused],
            Move::Cancel => &[Status::Draft, Status::Scheduled, Status::Sending, Status::Paused],
        }
    }

    /// The status it leads to.
    pub fn to(self) -> Status {
        match self {
            Move::Send | Move::Resume | Move::Start => Status::Sending,
            Move::Schedule => Status::Scheduled,
            Move::Unschedule => Status::Draft,
            Move::Pause => Status::Paused,
            Move::Cancel => Status::Cancelled,
        }
    }

    /// Whether the move writes one delivery per recipient: the campaign
    /// starts sending for the first time.
    pub fn queues(self) -> bool {
        matches!(self, Move::Send | Move::Start)
    }
}

/// What a writer composed: the text per language and who it goes to.
pub struct Draft {
    pub theme_id: Option<i64>,
    pub main_lang: Lang,
    pub subject: LocalizedText,
    pub body: LocalizedText,
    pub audience: Audience,
}

pub struct Campaign {
    pub id: i64,
    pub network_id: i64,
    pub theme_id: Option<i64>,
    pub main_lang: Lang,
    pub subject: LocalizedText,
    pub body: LocalizedText,
    pub audience: Audience,
    pub status: Status,
    pub scheduled_at: Option<i64>,
}

/// The text of a campaign in one language, falling back to its main one.
pub fn in_lang(text: &LocalizedText, lang: Lang, main: Lang) -> &str {
    text.0.get(&lang).filter(|s| !s.trim().is_empty()).or_else(|| text.0.get(&main)).map_or("", String::as_str)
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Status; 6] =
        [Status::Draft, Status::Scheduled, Status::Sending, Status::Paused, Status::Sent, Status::Cancelled];
    const MOVES: [Move; 7] =
        [Move::Send, Move::Schedule, Move::Unschedule, Move::Pause, Move::Resume, Move::Cancel, Move::Start];

    #[test]
    fn statuses_and_writers_moves_read_back_from_their_codes() {
        for status in ALL {
            assert_eq!(Status::parse(status.code()), status);
        }
        for found in MOVES.into_iter().filter(|found| *found != Move::Start) {
            assert_eq!(Move::parse(found.code()), Some(found));
        }
        assert_eq!(Move::parse("start"), None, "only the clock starts a scheduled campaign");
        assert_eq!(Move::parse("delete"), None);
    }

    #[test]
    fn a_finished_campaign_moves_no_more() {
        for finished in [Status::Sent, Status::Cancelled] {
            assert!(MOVES.iter().all(|found| !found.from().contains(&finished)), "{finished:?}");
            assert!(!finished.editable());
        }
    }

    #[test]
    fn only_a_campaign_not_yet_queued_is_queued() {
        for found in MOVES.into_iter().filter(|found| found.queues()) {
            assert!(found.from().iter().all(Status::editable), "{found:?}");
            assert_eq!(found.to(), Status::Sending);
        }
        assert!(!Move::Resume.queues(), "a resumed campaign keeps the deliveries it has");
        assert_eq!(Move::Pause.from(), [Status::Sending]);
        assert_eq!(Move::Resume.from(), [Status::Paused]);
    }

    #[test]
    fn a_language_without_a_version_reads_the_main_one() {
        let text = LocalizedText([(Lang::En, "Hello".to_string()), (Lang::Ru, " ".to_string())].into());
        assert_eq!(in_lang(&text, Lang::Ru, Lang::En), "Hello");
        assert_eq!(in_lang(&text, Lang::Az, Lang::En), "Hello");
        assert_eq!(in_lang(&text, Lang::En, Lang::Ru), "Hello");
    }
}
