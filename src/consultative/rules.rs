//! The dates of the consultative-status process (ECOSOC resolutions 1996/31
//! and 2008/4), as pure functions of calendar dates, so that every page, the
//! reminders and the board agree on them.
//!
//! Rules that are commonly stated but not found in a primary source (the day
//! quadrennial reports fall due) come from [`DeskRules`], not from constants.

use std::fmt;

use time::{Date, Month};

/// Years an organisation must have been registered when its application is received.
pub const REGISTRATION_YEARS: i32 = 2;
/// Complete applications received by this day are examined by the Committee the following year.
pub const APPLICATION_DEADLINE: MonthDay = MonthDay { month: Month::June, day: 1 };
/// Years of a quadrennial reporting period.
pub const REPORT_PERIOD_YEARS: i32 = 4;
/// How long status stays suspended for a missing report before it is withdrawn (resolution 2008/4).
pub const SUSPENSION_YEARS: i32 = 1;
/// Years after a withdrawal before the organisation may apply again.
pub const REAPPLY_AFTER_YEARS: i32 = 3;
/// Sessions that may pass without an answer before an application is closed without prejudice.
pub const UNANSWERED_SESSIONS: usize = 2;

/// A day of the year, such as 1 June.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct MonthDay {
    pub month: Month,
    pub day: u8,
}

impl MonthDay {
    /// Reads `MM-DD`; 29 February is refused, since it does not come every year.
    pub fn parse(text: &str) -> Option<MonthDay> {
        let (month, day) = text.trim().split_once('-')?;
        let month = Month::try_from(month.parse::<u8>().ok()?).ok()?;
        let day: u8 = day.parse().ok()?;
        Date::from_calendar_date(2001, month, day).ok()?;
        Some(MonthDay { month, day })
    }

    /// This day in `year`.
    pub fn in_year(self, year: i32) -> Date {
        // Parsing refuses days that some years lack, so this holds for every year.
        Date::from_calendar_date(year, self.month, self.day).unwrap_or(Date::MIN)
    }
}

/// The rules an operator may set, with the values most often stated.
#[derive(Clone, Debug, PartialEq)]
pub struct DeskRules {
    /// When a quadrennial report is due in the year after its period *(unconfirmed)*.
    pub report_due: MonthDay,
    /// Days before a due date on which the organisation's editors are reminded, largest first.
    pub reminder_days: Vec<i64>,
    /// How many bytes the documents of one organisation's dossier may take together.
    pub document_quota_bytes: u64,
}

/// The documents of one dossier may take this much unless the operator says otherwise: five documents of the
/// largest size accepted, and room for far more of the usual few hundred kilobytes.
pub const DEFAULT_DOCUMENT_QUOTA_MEGABYTES: u64 = 100;

impl Default for DeskRules {
    fn default() -> Self {
        DeskRules {
            report_due: MonthDay { month: Month::June, day: 1 },
            reminder_days: vec![90, 30, 7],
            document_quota_bytes: DEFAULT_DOCUMENT_QUOTA_MEGABYTES * 1024 * 1024,
        }
    }
}

impl DeskRules {
    /// Reads the reminder intervals, such as `90,30,7`.
    pub fn parse_reminder_days(text: &str) -> Option<Vec<i64>> {
        let mut days = text
            .split(',')
            .map(|part| part.trim().parse::<i64>().ok().filter(|d| (0..=3650).contains(d)))
            .collect::<Option<Vec<i64>>>()?;
        days.sort_unstable_by(|a, b| b.cmp(a));
        days.dedup();
        Some(days)
    }
}

/// The same day `years` later; a 29 February falls on 1 March in a common year,
/// so that a period of whole years is never cut short.
pub fn anniversary(date: Date, years: i32) -> Date {
    let year = date.year() + years;
    Date::from_calendar_date(year, date.month(), date.day())
        .or_else(|_| Date::from_calendar_date(year, Month::March, 1))
        .unwrap_or(Date::MAX)
}

/// The first day an application may be received, two years after registration.
pub fn registration_matures(registered_on: Date) -> Date {
    anniversary(registered_on, REGISTRATION_YEARS)
}

/// The earliest day from `today` on which an organisation registered on
/// `registered_on` could have its application received.
pub fn earliest_application(registered_on: Date, today: Date) -> Date {
    registration_matures(registered_on).max(today)
}

/// The 1 June deadline an application received on `received` is in time for.
pub fn deadline_for(received: Date) -> Date {
    let this_year = APPLICATION_DEADLINE.in_year(received.year());
    if received <= this_year { this_year } else { APPLICATION_DEADLINE.in_year(received.year() + 1) }
}

/// Whether the Committee meets in its regular (January–February) or resumed (May–June) session.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum SessionKind {
    Regular,
    Resumed,
}

/// One session of the Committee on NGOs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Session {
    pub year: i32,
    pub kind: SessionKind,
}

impl Session {
    pub fn regular(year: i32) -> Session {
        Session { year, kind: SessionKind::Regular }
    }

    pub fn resumed(year: i32) -> Session {
        Session { year, kind: SessionKind::Resumed }
    }

    /// The session that examines an application received on `received`: the
    /// regular session of the year after its deadline.
    pub fn examining(received: Date) -> Session {
        Session::regular(deadline_for(received).year() + 1)
    }

    /// The session under way on `day`, or the next one to meet.
    pub fn current_or_next(day: Date) -> Session {
        [Session::regular(day.year()), Session::resumed(day.year())]
            .into_iter()
            .find(|session| day <= session.last_day())
            .unwrap_or(Session::regular(day.year() + 1))
    }

    pub fn next(self) -> Session {
        match self.kind {
            SessionKind::Regular => Session::resumed(self.year),
            SessionKind::Resumed => Session::regular(self.year + 1),
        }
    }

    /// The first day of the months the session is held in.
    pub fn first_day(self) -> Date {
        let month = match self.kind {
            SessionKind::Regular => Month::January,
            SessionKind::Resumed => Month::May,
        };
        Date::from_calendar_date(self.year, month, 1).unwrap_or(Date::MIN)
    }

    /// The last day of the months the session is held in (29 February in a leap year).
    pub fn last_day(self) -> Date {
        let next_month = match self.kind {
            SessionKind::Regular => Month::March,
            SessionKind::Resumed => Month::July,
        };
        Date::from_calendar_date(self.year, next_month, 1).ok().and_then(Date::previous_day).unwrap_or(Date::MAX)
    }

    /// A stable code for storage and addresses, such as `2027-regular`.
    pub fn code(self) -> String {
        let kind = match self.kind {
            SessionKind::Regular => "regular",
            SessionKind::Resumed => "resumed",
        };
        format!("{}-{kind}", self.year)
    }

    pub fn parse(code: &str) -> Option<Session> {
        let (year, kind) = code.trim().split_once('-')?;
        let year: i32 = year.parse().ok().filter(|y| (1946..=9999).contains(y))?;
        match kind {
            "regular" => Some(Session::regular(year)),
            "resumed" => Some(Session::resumed(year)),
            _ => None,
        }
    }
}

impl fmt::Display for Session {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.code())
    }
}

/// The day an application whose questions were put at `asked_at` is closed
/// without prejudice, if they are still unanswered: the day after the second
/// following session ends.
pub fn closes_without_prejudice(asked_at: Session) -> Date {
    let last_waited = (0..UNANSWERED_SESSIONS).fold(asked_at, |session, _| session.next());
    last_waited.last_day().next_day().unwrap_or(Date::MAX)
}

/// One quadrennial reporting period and the day its report is due.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ReportCycle {
    pub first_year: i32,
    pub last_year: i32,
    pub due: Date,
}

impl ReportCycle {
    /// The `index`th period (from 0) of status granted, or last reclassified, in `start_year`:
    /// periods begin the year after.
    pub fn nth(start_year: i32, index: i32, rules: &DeskRules) -> ReportCycle {
        let first_year = start_year + 1 + REPORT_PERIOD_YEARS * index;
        let last_year = first_year + REPORT_PERIOD_YEARS - 1;
        ReportCycle { first_year, last_year, due: rules.report_due.in_year(last_year + 1) }
    }

    /// The first day status is suspended when the report is missing.
    pub fn suspended_from(self) -> Date {
        self.due.next_day().unwrap_or(Date::MAX)
    }

    /// The day status is withdrawn when the report is still missing after a year's suspension.
    pub fn withdrawn_on(self) -> Date {
        anniversary(self.suspended_from(), SUSPENSION_YEARS)
    }
}

/// Where a general or special status stands with its quadrennial reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Standing {
    /// The report of `cycle` is not due yet; `reinstated` when the previous one came during a suspension.
    Current { cycle: ReportCycle, reinstated: bool },
    /// The report of `cycle` is missing: suspended until it comes, or withdrawn on `cycle.withdrawn_on()`.
    Suspended { cycle: ReportCycle },
    /// The report of `cycle` never came within the suspension.
    Withdrawn { cycle: ReportCycle, reapply_from: Date },
}

/// The standing on `today` of status granted (or last reclassified) on
/// `start`, with reports filed on the days `filed` (those before `start`
/// belong to an earlier cycle and are ignored).
pub fn standing(start: Date, filed: &[Date], today: Date, rules: &DeskRules) -> Standing {
    let mut filed: Vec<Date> = filed.iter().copied().filter(|day| *day > start && *day <= today).collect();
    filed.sort_unstable();
    let mut reinstated = false;
    let mut reports = filed.into_iter();
    for index in 0.. {
        let cycle = ReportCycle::nth(start.year(), index, rules);
        match reports.next() {
            Some(day) if day < cycle.withdrawn_on() => reinstated = day > cycle.due,
            _ if today <= cycle.due => return Standing::Current { cycle, reinstated },
            _ if today < cycle.withdrawn_on() => return Standing::Suspended { cycle },
            _ => {
                let reapply_from = anniversary(cycle.withdrawn_on(), REAPPLY_AFTER_YEARS);
                return Standing::Withdrawn { cycle, reapply_from };
            }
        }
    }
    unreachable!("the loop returns once the reports run out")
}

/// For status taken from a list, whose reports were never recorded here: the days to count as reports filed
/// when the last one was filed in `last_report_year`. Each report due by the end of that year is taken as
/// filed on its due day, since the status is still held; a report due later is outstanding.
pub fn settled_reports(start: Date, last_report_year: i32, rules: &DeskRules) -> Vec<Date> {
    (0..)
        .map(|index| ReportCycle::nth(start.year(), index, rules).due)
        .take_while(|due| due.year() <= last_report_year)
        .collect()
}

/// The reminder interval (days before `due`) that `today` falls in, if any:
/// the smallest interval not yet reached. One reminder per interval is sent.
pub fn reminder_due(due: Date, today: Date, rules: &DeskRules) -> Option<i64> {
    let days_left = (due - today).whole_days();
    if days_left < 0 {
        return None;
    }
    rules.reminder_days.iter().copied().filter(|days| days_left <= *days).min()
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;

    #[test]
    fn registration_matures_two_years_later_and_leap_days_move_to_march() {
        let cases = [
            (date!(2023 - 05 - 31), date!(2025 - 05 - 31)),
            (date!(2024 - 02 - 29), date!(2026 - 03 - 01)),
            (date!(2022 - 02 - 28), date!(2024 - 02 - 28)),
            (date!(2022 - 03 - 01), date!(2024 - 03 - 01)),
        ];
        for (registered, matures) in cases {
            assert_eq!(registration_matures(registered), matures, "registered {registered}");
        }
    }

    #[test]
    fn earliest_application_is_today_once_registration_has_matured() {
        let cases = [
            (date!(2020 - 01 - 10), date!(2025 - 11 - 27), date!(2025 - 11 - 27)),
            (date!(2024 - 06 - 02), date!(2025 - 11 - 27), date!(2026 - 06 - 02)),
            (date!(2023 - 11 - 27), date!(2025 - 11 - 27), date!(2025 - 11 - 27)),
            (date!(2023 - 11 - 28), date!(2025 - 11 - 27), date!(2025 - 11 - 28)),
        ];
        for (registered, today, earliest) in cases {
            assert_eq!(earliest_application(registered, today), earliest, "registered {registered}, today {today}");
        }
    }

    #[test]
    fn the_first_of_june_decides_the_examining_session() {
        let cases = [
            (date!(2025 - 05 - 31), Session::regular(2026)),
            (date!(2025 - 06 - 01), Session::regular(2026)),
            (date!(2025 - 06 - 02), Session::regular(2027)),
            (date!(2025 - 01 - 01), Session::regular(2026)),
            (date!(2025 - 12 - 31), Session::regular(2027)),
            (date!(2024 - 02 - 29), Session::regular(2025)),
        ];
        for (received, session) in cases {
            assert_eq!(Session::examining(received), session, "received {received}");
        }
    }

    #[test]
    fn registration_two_years_old_on_the_second_of_june_misses_that_years_deadline() {
        // Registered 2 June 2024: matures 2 June 2026, a day after the 2026 deadline.
        let earliest = earliest_application(date!(2024 - 06 - 02), date!(2025 - 01 - 01));
        assert_eq!(deadline_for(earliest), date!(2027 - 06 - 01));
        assert_eq!(Session::examining(earliest), Session::regular(2028));
        // Registered 31 May 2024: matures in time for the 2026 deadline.
        let earliest = earliest_application(date!(2024 - 05 - 31), date!(2025 - 01 - 01));
        assert_eq!(deadline_for(earliest), date!(2026 - 06 - 01));
        assert_eq!(Session::examining(earliest), Session::regular(2027));
    }

    #[test]
    fn sessions_follow_each_other_and_end_with_their_months() {
        let cases = [
            (date!(2027 - 01 - 01), Session::regular(2027)),
            (date!(2027 - 02 - 28), Session::regular(2027)),
            (date!(2027 - 03 - 01), Session::resumed(2027)),
            (date!(2028 - 02 - 29), Session::regular(2028)),
            (date!(2027 - 06 - 30), Session::resumed(2027)),
            (date!(2027 - 07 - 01), Session::regular(2028)),
        ];
        for (day, session) in cases {
            assert_eq!(Session::current_or_next(day), session, "on {day}");
        }
        assert_eq!(Session::regular(2028).last_day(), date!(2028 - 02 - 29));
        assert_eq!(Session::resumed(2027).next(), Session::regular(2028));
        assert!(Session::regular(2027) < Session::resumed(2027) && Session::resumed(2027) < Session::regular(2028));
        for session in [Session::regular(2027), Session::resumed(2030)] {
            assert_eq!(Session::parse(&session.code()), Some(session));
        }
        assert_eq!(Session::parse("2027-extra"), None);
        assert_eq!(Session::parse("27-regular"), None);
    }

    #[test]
    fn unanswered_questions_close_the_application_after_two_more_sessions() {
        let cases = [
            (Session::regular(2025), date!(2026 - 03 - 01)),
            (Session::resumed(2025), date!(2026 - 07 - 01)),
            // The second session waited for ends on 29 February of a leap year.
            (Session::regular(2027), date!(2028 - 03 - 01)),
            (Session::resumed(2027), date!(2028 - 07 - 01)),
        ];
        for (asked, closes) in cases {
            assert_eq!(closes_without_prejudice(asked), closes, "asked at {asked}");
        }
    }

    #[test]
    fn quadrennial_periods_start_the_year_after_the_grant() {
        let rules = DeskRules::default();
        let cases = [
            (2010, 0, 2011, 2014, date!(2015 - 06 - 01)),
            (2010, 1, 2015, 2018, date!(2019 - 06 - 01)),
            (2023, 0, 2024, 2027, date!(2028 - 06 - 01)),
        ];
        for (granted, index, first, last, due) in cases {
            let cycle = ReportCycle::nth(granted, index, &rules);
            assert_eq!((cycle.first_year, cycle.last_year, cycle.due), (first, last, due), "{granted} #{index}");
        }
        let january = DeskRules { report_due: MonthDay::parse("01-15").unwrap(), ..DeskRules::default() };
        assert_eq!(ReportCycle::nth(2010, 0, &january).due, date!(2015 - 01 - 15));
    }

    #[test]
    fn a_missing_report_suspends_for_a_year_then_withdraws() {
        let rules = DeskRules::default();
        let granted = date!(2010 - 07 - 20);
        let first = ReportCycle::nth(2010, 0, &rules);
        let second = ReportCycle::nth(2010, 1, &rules);
        let cases: [(&[Date], Date, Standing); 9] = [
            (&[], date!(2015 - 06 - 01), Standing::Current { cycle: first, reinstated: false }),
            (&[], date!(2015 - 06 - 02), Standing::Suspended { cycle: first }),
            (&[], date!(2016 - 06 - 01), Standing::Suspended { cycle: first }),
            (&[], date!(2016 - 06 - 02), Standing::Withdrawn { cycle: first, reapply_from: date!(2019 - 06 - 02) }),
            (&[date!(2015 - 05 - 30)], date!(2015 - 06 - 02), Standing::Current { cycle: second, reinstated: false }),
            (&[date!(2016 - 06 - 01)], date!(2016 - 06 - 02), Standing::Current { cycle: second, reinstated: true }),
            (
                &[date!(2016 - 06 - 02)],
                date!(2016 - 06 - 03),
                Standing::Withdrawn { cycle: first, reapply_from: date!(2019 - 06 - 02) },
            ),
            // A report filed in the future of `today` does not count yet.
            (&[date!(2015 - 05 - 30)], date!(2015 - 05 - 01), Standing::Current { cycle: first, reinstated: false }),
            (
                &[date!(2015 - 05 - 30), date!(2019 - 01 - 10)],
                date!(2020 - 01 - 01),
                Standing::Current { cycle: ReportCycle::nth(2010, 2, &rules), reinstated: false },
            ),
        ];
        for (filed, today, expected) in cases {
            assert_eq!(standing(granted, filed, today, &rules), expected, "filed {filed:?}, today {today}");
        }
    }

    #[test]
    fn a_last_report_year_settles_every_report_due_by_then() {
        let rules = DeskRules::default();
        // Status listed as granted in 2000, counted from its last day: reports due 2005, 2009, …, 2025, 2029.
        let listed = date!(2000 - 12 - 31);
        let cycle = |index| ReportCycle::nth(2000, index, &rules);
        let cases = [
            (2004, date!(2005 - 05 - 01), vec![], Standing::Current { cycle: cycle(0), reinstated: false }),
            (
                2005,
                date!(2005 - 07 - 01),
                vec![date!(2005 - 06 - 01)],
                Standing::Current { cycle: cycle(1), reinstated: false },
            ),
            // Filed in a year between two due days: the report due after it is still to come.
            (
                2019,
                date!(2021 - 06 - 02),
                vec![date!(2005 - 06 - 01), date!(2009 - 06 - 01), date!(2013 - 06 - 01), date!(2017 - 06 - 01)],
                Standing::Suspended { cycle: cycle(4) },
            ),
            (
                2021,
                date!(2025 - 03 - 01),
                vec![
                    date!(2005 - 06 - 01),
                    date!(2009 - 06 - 01),
                    date!(2013 - 06 - 01),
                    date!(2017 - 06 - 01),
                    date!(2021 - 06 - 01),
                ],
                Standing::Current { cycle: cycle(5), reinstated: false },
            ),
            (
                2021,
                date!(2026 - 06 - 02),
                settled_reports(listed, 2021, &rules),
                Standing::Withdrawn { cycle: cycle(5), reapply_from: date!(2029 - 06 - 02) },
            ),
        ];
        for (last_report_year, today, settled, expected) in cases {
            assert_eq!(settled_reports(listed, last_report_year, &rules), settled, "last report in {last_report_year}");
            assert_eq!(
                standing(listed, &settled, today, &rules),
                expected,
                "last report in {last_report_year}, today {today}"
            );
        }
    }

    #[test]
    fn suspension_over_a_leap_day_lasts_a_whole_year() {
        let rules = DeskRules { report_due: MonthDay::parse("02-28").unwrap(), ..DeskRules::default() };
        // Period 2024–2027 is due 28 February 2028: suspended from 29 February 2028, withdrawn 1 March 2029.
        let cycle = ReportCycle::nth(2023, 0, &rules);
        assert_eq!(cycle.suspended_from(), date!(2028 - 02 - 29));
        assert_eq!(cycle.withdrawn_on(), date!(2029 - 03 - 01));
        let standing = standing(date!(2023 - 07 - 01), &[], date!(2029 - 03 - 01), &rules);
        assert_eq!(standing, Standing::Withdrawn { cycle, reapply_from: date!(2032 - 03 - 01) });
    }

    #[test]
    fn reclassification_restarts_the_cycle() {
        let rules = DeskRules::default();
        // Granted special status in 2010, reported in 2015, reclassified to general in 2016.
        let reclassified = date!(2016 - 07 - 25);
        let filed = [date!(2015 - 05 - 01)];
        let expected = Standing::Current { cycle: ReportCycle::nth(2016, 0, &rules), reinstated: false };
        assert_eq!(standing(reclassified, &filed, date!(2019 - 03 - 01), &rules), expected);
        assert_eq!(ReportCycle::nth(2016, 0, &rules).due, date!(2021 - 06 - 01));
    }

    #[test]
    fn reminders_fall_in_the_nearest_interval_before_the_due_date() {
        let rules = DeskRules::default();
        let due = date!(2027 - 06 - 01);
        let cases = [
            (date!(2027 - 01 - 01), None),
            (date!(2027 - 03 - 03), Some(90)),
            (date!(2027 - 05 - 02), Some(30)),
            (date!(2027 - 05 - 25), Some(7)),
            (date!(2027 - 06 - 01), Some(7)),
            (date!(2027 - 06 - 02), None),
        ];
        for (today, interval) in cases {
            assert_eq!(reminder_due(due, today, &rules), interval, "on {today}");
        }
    }

    #[test]
    fn settings_are_read_strictly() {
        assert_eq!(DeskRules::parse_reminder_days("7, 90,30"), Some(vec![90, 30, 7]));
        assert_eq!(DeskRules::parse_reminder_days("soon"), None);
        assert_eq!(DeskRules::parse_reminder_days("-1"), None);
        assert_eq!(MonthDay::parse("06-01"), Some(MonthDay { month: Month::June, day: 1 }));
        assert_eq!(MonthDay::parse("02-29"), None);
        assert_eq!(MonthDay::parse("13-01"), None);
    }
}
