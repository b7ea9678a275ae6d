//! The plans' domain values, parsed once at the edge: currencies and amounts,
//! the states of activities and commitments with the moves allowed between
//! them, and progress derived from indicators.

use std::fmt;

/// The active ISO 4217 currency codes.
const CURRENCIES: &str = "AED AFN ALL AMD ANG AOA ARS AUD AWG AZN BAM BBD BDT BGN BHD BIF BMD BND BOB BOV BRL BSD BTN \
     BWP BYN BZD CAD CDF CHE CHF CHW CLF CLP CNY COP COU CRC CUC CUP CVE CZK DJF DKK DOP DZD EGP ERN ETB EUR FJD FKP \
     GBP GEL GHS GIP GMD GNF GTQ GYD HKD HNL HTG HUF IDR ILS INR IQD IRR ISK JMD JOD JPY KES KGS KHR KMF KPW KRW KWD \
     KYD KZT LAK LBP LKR LRD LSL LYD MAD MDL MGA MKD MMK MNT MOP MRU MUR MVR MWK MXN MXV MYR MZN NAD NGN NIO NOK NPR \
     NZD OMR PAB PEN PGK PHP PKR PLN PYG QAR RON RSD RUB RWF SAR SBD SCR SDG SEK SGD SHP SLE SLL SOS SRD SSP STN SVC \
     SYP SZL THB TJS TMT TND TOP TRY TTD TWD TZS UAH UGX USD USN UYI UYU UYW UZS VED VES VND VUV WST XAF XCD XCG XOF \
     XPF YER ZAR ZMW ZWG ZWL";

/// An ISO 4217 currency.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Currency([u8; 3]);

impl Currency {
    /// A currency from its code, in any case; None for anything ISO 4217 does not list.
    pub fn parse(text: &str) -> Option<Currency> {
        let code = text.trim().to_ascii_uppercase();
        let bytes: [u8; 3] = code.as_bytes().try_into().ok()?;
        CURRENCIES.split_whitespace().any(|c| c == code).then_some(Currency(bytes))
    }

    pub fn code(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or("XXX")
    }

    /// Digits after the decimal point of the currency's minor unit.
    pub fn exponent(&self) -> u32 {
        match self.code() {
            "BIF" | "CLP" | "DJF" | "GNF" | "ISK" | "JPY" | "KMF" | "KRW" | "PYG" | "RWF" | "UGX" | "UYI" | "VND"
            | "VUV" | "XAF" | "XOF" | "XPF" => 0,
            "BHD" | "IQD" | "JOD" | "KWD" | "LYD" | "OMR" | "TND" => 3,
            "CLF" | "UYW" => 4,
            _ => 2,
        }
    }

    /// An amount written as a decimal (`30000`, `30 000`, `1250.50`) in minor units; None when it is not one,
    /// is negative, has more decimals than the currency has, or is too large.
    pub fn parse_amount(&self, text: &str) -> Option<i64> {
        let compact: String = text.chars().filter(|c| !matches!(c, ' ' | '\u{a0}' | '\u{202f}' | '_')).collect();
        let (whole, fraction) = compact.split_once('.').unwrap_or((&compact, ""));
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        if whole.is_empty() || !digits(whole) || !digits(fraction) || fraction.len() > self.exponent() as usize {
            return None;
        }
        if whole.len() > 15 {
            return None;
        }
        let scale = 10_i64.pow(self.exponent());
        let padded = format!("{fraction:0<width$}", width = self.exponent() as usize);
        let minor = if padded.is_empty() { 0 } else { padded.parse::<i64>().ok()? };
        whole.parse::<i64>().ok()?.checked_mul(scale)?.checked_add(minor)
    }

    /// Minor units written as a decimal with the currency's digits (`1250.50`), for exports and forms.
    pub fn decimal(&self, minor: i64) -> String {
        let exponent = self.exponent();
        if exponent == 0 {
            return minor.to_string();
        }
        let scale = 10_i64.pow(exponent);
        format!("{}.{:0width$}", minor / scale, minor % scale, width = exponent as usize)
    }

    /// Minor units for reading: thousands grouped, decimals only when there are any (`30 000`, `1 250.50`).
    pub fn display(&self, minor: i64) -> String {
        let decimal = self.decimal(minor);
        let (whole, fraction) = decimal.split_once('.').unwrap_or((&decimal, ""));
        let mut grouped = String::new();
        for (i, c) in whole.chars().enumerate() {
            if i > 0 && (whole.len() - i) % 3 == 0 {
                grouped.push('\u{202f}');
            }
            grouped.push(c);
        }
        if fraction.chars().any(|c| c != '0') {
            grouped.push('.');
            grouped.push_str(fraction);
        }
        format!("{grouped} {}", self.code())
    }
}

impl fmt::Display for Currency {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.code())
    }
}

/// Where an activity of a plan stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ActivityStatus {
    Planned,
    InProgress,
    Done,
    Postponed,
    Cancelled,
}

impl ActivityStatus {
    pub const ALL: [ActivityStatus; 5] = [
        ActivityStatus::Planned,
        ActivityStatus::InProgress,
        ActivityStatus::Done,
        ActivityStatus::Postponed,
        ActivityStatus::Cancelled,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ActivityStatus::Planned => "planned",
            ActivityStatus::InProgress => "in_progress",
            ActivityStatus::Done => "done",
            ActivityStatus::Postponed => "postponed",
            ActivityStatus::Cancelled => "cancelled",
        }
    }

    pub fn parse(code: &str) -> Option<ActivityStatus> {
        ActivityStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    /// The interface string naming the status.
    pub fn label_key(self) -> String {
        format!("plans-status-{}", self.code().replace('_', "-"))
    }

    /// Whether an activity may move from `self` to `next`. Staying is always allowed (an update that only adds a
    /// note); done and cancelled activities are closed; a postponed one starts again or is given up.
    pub fn may_become(self, next: ActivityStatus) -> bool {
        use ActivityStatus::*;
        self == next
            || matches!(
                (self, next),
                (Planned, InProgress | Done | Postponed | Cancelled)
                    | (InProgress, Done | Postponed | Cancelled)
                    | (Postponed, Planned | InProgress | Cancelled)
            )
    }

    /// Whether the activity still has work ahead of it (so that it can be overdue).
    pub fn is_open(self) -> bool {
        matches!(self, ActivityStatus::Planned | ActivityStatus::InProgress | ActivityStatus::Postponed)
    }

    /// The IATI activity status code (codelist ActivityStatus): pipeline, implementation, completion, cancelled.
    pub fn iati_code(self) -> u8 {
        match self {
            ActivityStatus::Planned | ActivityStatus::Postponed => 1,
            ActivityStatus::InProgress => 2,
            ActivityStatus::Done => 3,
            ActivityStatus::Cancelled => 5,
        }
    }
}

/// Where a partner's commitment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CommitmentStatus {
    /// Offered or to be considered: not yet a promise.
    Proposed,
    Agreed,
    InProgress,
    Honoured,
    Lapsed,
}

impl CommitmentStatus {
    pub const ALL: [CommitmentStatus; 5] = [
        CommitmentStatus::Proposed,
        CommitmentStatus::Agreed,
        CommitmentStatus::InProgress,
        CommitmentStatus::Honoured,
        CommitmentStatus::Lapsed,
    ];

    pub fn code(self) -> &'static str {
        match self {
            CommitmentStatus::Proposed => "proposed",
            CommitmentStatus::Agreed => "agreed",
            CommitmentStatus::InProgress => "in_progress",
            CommitmentStatus::Honoured => "honoured",
            CommitmentStatus::Lapsed => "lapsed",
        }
    }

    pub fn parse(code: &str) -> Option<CommitmentStatus> {
        CommitmentStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_key(self) -> String {
        format!("plans-commitment-{}", self.code().replace('_', "-"))
    }

    /// Whether follow-ups of a commitment in this state still call for reminders.
    pub fn is_open(self) -> bool {
        !matches!(self, CommitmentStatus::Honoured | CommitmentStatus::Lapsed)
    }
}

/// Where a joint funding proposal stands in its funder's pipeline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProposalStatus {
    Draft,
    Submitted,
    UnderReview,
    /// Granted an amount, which the plan counts as secured.
    Funded,
    /// Turned down, with the funder's reason.
    Declined,
}

impl ProposalStatus {
    pub const ALL: [ProposalStatus; 5] = [
        ProposalStatus::Draft,
        ProposalStatus::Submitted,
        ProposalStatus::UnderReview,
        ProposalStatus::Funded,
        ProposalStatus::Declined,
    ];

    pub fn code(self) -> &'static str {
        match self {
            ProposalStatus::Draft => "draft",
            ProposalStatus::Submitted => "submitted",
            ProposalStatus::UnderReview => "under_review",
            ProposalStatus::Funded => "funded",
            ProposalStatus::Declined => "declined",
        }
    }

    pub fn parse(code: &str) -> Option<ProposalStatus> {
        ProposalStatus::ALL.into_iter().find(|s| s.code() == code)
    }

    pub fn label_key(self) -> String {
        format!("proposals-status-{}", self.code().replace('_', "-"))
    }

    /// Whether the proposal may move from `self` to `next`: a draft is submitted (and a submitted one taken back
    /// to be reworked), the funder reviews it and decides, or decides without a review; a decision is final.
    pub fn may_become(self, next: ProposalStatus) -> bool {
        use ProposalStatus::*;
        matches!(
            (self, next),
            (Draft, Submitted)
                | (Submitted, Draft | UnderReview | Funded | Declined)
                | (UnderReview, Funded | Declined)
        )
    }

    /// Whether the public may read it: once it has left its authors.
    pub fn is_public(self) -> bool {
        self != ProposalStatus::Draft
    }

    /// Whether its text may still change: only while it is a draft, so that what was submitted stays as sent.
    pub fn is_editable(self) -> bool {
        self == ProposalStatus::Draft
    }
}

/// Why a proposal cannot make a move.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoveRefused {
    /// The pipeline does not lead there from where it stands.
    NotAllowed,
    /// A co-applicant has not confirmed the current version.
    Unconfirmed,
    /// Funded needs the amount granted.
    GrantMissing,
    /// Declined needs the funder's reason.
    ReasonMissing,
}

/// Checks a move of a proposal: where it may go, that every co-applicant confirmed before it is submitted, that a
/// funded one says what was granted and a declined one why.
pub fn check_move(
    from: ProposalStatus,
    to: ProposalStatus,
    all_confirmed: bool,
    granted: Option<i64>,
    reason: &str,
) -> Result<(), MoveRefused> {
    if !from.may_become(to) {
        return Err(MoveRefused::NotAllowed);
    }
    match to {
        ProposalStatus::Submitted if !all_confirmed => Err(MoveRefused::Unconfirmed),
        ProposalStatus::Funded if granted.is_none_or(|g| g <= 0) => Err(MoveRefused::GrantMissing),
        ProposalStatus::Declined if reason.trim().is_empty() => Err(MoveRefused::ReasonMissing),
        _ => Ok(()),
    }
}

/// Shares a granted amount among the activities it funds, in proportion to their budgets (equally when none has
/// one), each share in whole minor units, the shares adding up to the grant exactly (the remainders go to the
/// largest fractions, then to the earlier activities).
pub fn share_grant(granted: i64, budgets: &[(i64, Option<i64>)]) -> Vec<(i64, i64)> {
    if budgets.is_empty() || granted <= 0 {
        return Vec::new();
    }
    let weights: Vec<i128> = if budgets.iter().any(|(_, b)| b.unwrap_or(0) > 0) {
        budgets.iter().map(|(_, b)| i128::from(b.unwrap_or(0).max(0))).collect()
    } else {
        vec![1; budgets.len()]
    };
    let total: i128 = weights.iter().sum();
    let grant = i128::from(granted);
    let mut shares: Vec<(usize, i128, i128)> =
        weights.iter().enumerate().map(|(i, w)| (i, grant * w / total, grant * w % total)).collect();
    let mut left = grant - shares.iter().map(|(_, share, _)| share).sum::<i128>();
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|a, b| shares[*b].2.cmp(&shares[*a].2).then(a.cmp(b)));
    for index in order {
        if left == 0 {
            break;
        }
        shares[index].1 += 1;
        left -= 1;
    }
    shares.into_iter().map(|(i, share, _)| (budgets[i].0, share as i64)).collect()
}

/// How far an indicator has come from its baseline towards its target, 0–100 %. A decreasing indicator (target
/// below baseline) progresses as its value falls; one whose target is its baseline has reached it when its value
/// is at (or beyond) the target.
pub fn indicator_progress(baseline: f64, target: f64, current: f64) -> u8 {
    let span = target - baseline;
    if span == 0.0 {
        return 100;
    }
    let share = ((current - baseline) / span).clamp(0.0, 1.0);
    (share * 100.0).round() as u8
}

/// An activity's progress: 100 % once done, otherwise the mean of its indicators' progress (0 % without any).
pub fn activity_progress(status: ActivityStatus, indicators: &[(f64, f64, f64)]) -> u8 {
    if status == ActivityStatus::Done {
        return 100;
    }
    mean(indicators.iter().map(|&(baseline, target, current)| indicator_progress(baseline, target, current)))
        .unwrap_or(0)
}

/// The rounded mean of progress values; None for none.
pub fn mean(values: impl IntoIterator<Item = u8>) -> Option<u8> {
    let (sum, count) = values.into_iter().fold((0u32, 0u32), |(s, c), v| (s + u32::from(v), c + 1));
    (count > 0).then(|| ((f64::from(sum) / f64::from(count)).round()) as u8)
}

/// Whether an activity is overdue on `today`: still open after its end day.
pub fn is_overdue(status: ActivityStatus, ends_on: time::Date, today: time::Date) -> bool {
    status.is_open() && ends_on < today
}

/// A plan's progress day by day: on each day an update was noted, the mean over `activities` of the progress
/// each had reached by then (as its latest update on or before that day recorded it; 0 % before any).
pub fn progress_over_time(activities: &[i64], history: &[(i64, time::Date, u8)]) -> Vec<(time::Date, u8)> {
    let mut days: Vec<time::Date> = history.iter().map(|(_, day, _)| *day).collect();
    days.sort();
    days.dedup();
    days.into_iter()
        .filter_map(|day| {
            let reached = activities.iter().map(|activity| {
                history
                    .iter()
                    .filter(|(id, noted, _)| id == activity && *noted <= day)
                    .max_by_key(|(_, noted, _)| *noted)
                    .map_or(0, |(_, _, progress)| *progress)
            });
            mean(reached).map(|progress| (day, progress))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn currencies_are_iso_4217_codes() {
        assert_eq!(Currency::parse("usd").map(|c| c.to_string()), Some("USD".into()));
        assert_eq!(Currency::parse(" AZN ").map(|c| c.exponent()), Some(2));
        assert_eq!(Currency::parse("JPY").map(|c| c.exponent()), Some(0));
        assert_eq!(Currency::parse("KWD").map(|c| c.exponent()), Some(3));
        for bad in ["", "US", "USDX", "XYZ", "ДОЛ", "U$D"] {
            assert_eq!(Currency::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn amounts_are_read_in_minor_units_and_written_back() {
        let usd = Currency::parse("USD").unwrap();
        assert_eq!(usd.parse_amount("30000"), Some(3_000_000));
        assert_eq!(usd.parse_amount("30 000"), Some(3_000_000));
        assert_eq!(usd.parse_amount("1250.5"), Some(125_050));
        assert_eq!(usd.parse_amount("0.05"), Some(5));
        for bad in ["", "-5", "1.234", "1,5", "abc", "1e3", ".5", "9999999999999999"] {
            assert_eq!(usd.parse_amount(bad), None, "{bad}");
        }
        let jpy = Currency::parse("JPY").unwrap();
        assert_eq!(jpy.parse_amount("500"), Some(500));
        assert_eq!(jpy.parse_amount("500.5"), None);
        assert_eq!(usd.decimal(125_050), "1250.50");
        assert_eq!(jpy.decimal(500), "500");
        assert_eq!(usd.display(3_000_000), "30\u{202f}000 USD");
        assert_eq!(usd.display(125_050), "1\u{202f}250.50 USD");
        assert_eq!(usd.display(5), "0.05 USD");
    }

    #[test]
    fn activities_move_only_along_allowed_transitions() {
        use ActivityStatus::*;
        assert!(Planned.may_become(InProgress) && InProgress.may_become(Done));
        assert!(Planned.may_become(Postponed) && Postponed.may_become(InProgress));
        assert!(Postponed.may_become(Planned) && InProgress.may_become(Cancelled));
        assert!(Done.may_become(Done), "a note without a change of status");
        for closed in [Done, Cancelled] {
            for next in ActivityStatus::ALL.into_iter().filter(|n| *n != closed) {
                assert!(!closed.may_become(next), "{closed:?} → {next:?}");
            }
        }
        assert!(!InProgress.may_become(Planned) && !Postponed.may_become(Done));
        for status in ActivityStatus::ALL {
            assert_eq!(ActivityStatus::parse(status.code()), Some(status));
        }
        assert_eq!(ActivityStatus::parse("finished"), None);
    }

    #[test]
    fn progress_is_derived_from_indicators() {
        assert_eq!(indicator_progress(5.0, 15.0, 10.0), 50);
        assert_eq!(indicator_progress(5.0, 15.0, 20.0), 100, "beyond the target is 100 %");
        assert_eq!(indicator_progress(5.0, 15.0, 0.0), 0, "below the baseline is 0 %");
        assert_eq!(indicator_progress(100.0, 20.0, 60.0), 50, "a decreasing indicator");
        assert_eq!(indicator_progress(100.0, 20.0, 120.0), 0);
        assert_eq!(indicator_progress(100.0, 20.0, 10.0), 100);
        assert_eq!(indicator_progress(7.0, 7.0, 7.0), 100, "target equal to the baseline is reached");
        assert_eq!(indicator_progress(0.0, 3.0, 1.0), 33);
        use ActivityStatus::*;
        assert_eq!(activity_progress(InProgress, &[(0.0, 10.0, 5.0), (0.0, 4.0, 4.0)]), 75);
        assert_eq!(activity_progress(InProgress, &[]), 0);
        assert_eq!(activity_progress(Done, &[(0.0, 10.0, 0.0)]), 100, "done is done");
        assert_eq!(mean([]), None);
        assert_eq!(mean([0, 100, 50]), Some(50));
        assert_eq!(mean([33, 34]), Some(34));
    }

    #[test]
    fn progress_over_time_follows_each_activitys_latest_update() {
        let history = [
            (1, date!(2005 - 03 - 01), 20),
            (2, date!(2005 - 04 - 01), 50),
            (1, date!(2005 - 05 - 01), 60),
            (3, date!(2005 - 05 - 01), 100),
        ];
        let series = progress_over_time(&[1, 2], &history);
        assert_eq!(
            series,
            vec![(date!(2005 - 03 - 01), 10), (date!(2005 - 04 - 01), 35), (date!(2005 - 05 - 01), 55)],
            "activity 3 (cancelled, so not counted) leaves the mean alone"
        );
        assert_eq!(progress_over_time(&[], &history), Vec::new());
        assert_eq!(progress_over_time(&[1], &[]), Vec::new());
    }

    #[test]
    fn only_open_activities_are_overdue() {
        let today = date!(2026 - 03 - 01);
        assert!(is_overdue(ActivityStatus::InProgress, date!(2026 - 02 - 28), today));
        assert!(!is_overdue(ActivityStatus::InProgress, today, today), "the end day itself is not late");
        assert!(!is_overdue(ActivityStatus::Done, date!(2020 - 01 - 01), today));
        assert!(!is_overdue(ActivityStatus::Cancelled, date!(2020 - 01 - 01), today));
    }

    #[test]
    fn commitment_states_are_codes() {
        for status in CommitmentStatus::ALL {
            assert_eq!(CommitmentStatus::parse(status.code()), Some(status));
        }
        assert!(CommitmentStatus::Proposed.is_open() && !CommitmentStatus::Honoured.is_open());
    }

    #[test]
    fn proposals_move_along_the_pipeline() {
        use ProposalStatus::*;
        assert_eq!(check_move(Draft, Submitted, true, None, ""), Ok(()));
        assert_eq!(check_move(Draft, Submitted, false, None, ""), Err(MoveRefused::Unconfirmed));
        assert_eq!(check_move(Submitted, UnderReview, true, None, ""), Ok(()));
        assert_eq!(check_move(Submitted, Draft, true, None, ""), Ok(()), "taken back to rework");
        assert_eq!(check_move(UnderReview, Funded, true, Some(1), ""), Ok(()));
        assert_eq!(check_move(UnderReview, Funded, true, None, ""), Err(MoveRefused::GrantMissing));
        assert_eq!(check_move(UnderReview, Funded, true, Some(0), ""), Err(MoveRefused::GrantMissing));
        assert_eq!(check_move(Submitted, Declined, true, None, "  "), Err(MoveRefused::ReasonMissing));
        assert_eq!(check_move(Submitted, Declined, true, None, "Out of scope"), Ok(()));
        assert_eq!(check_move(Draft, Funded, true, Some(5), ""), Err(MoveRefused::NotAllowed), "never unsent");
        assert_eq!(check_move(UnderReview, Draft, true, None, ""), Err(MoveRefused::NotAllowed));
        for closed in [Funded, Declined] {
            for next in ProposalStatus::ALL {
                assert!(!closed.may_become(next), "{closed:?} → {next:?}");
            }
        }
        assert!(!Draft.may_become(Draft), "staying is no move");
        assert!(Draft.is_editable() && !Submitted.is_editable());
        assert!(!Draft.is_public() && UnderReview.is_public() && Declined.is_public());
        for status in ProposalStatus::ALL {
            assert_eq!(ProposalStatus::parse(status.code()), Some(status));
        }
        assert_eq!(ProposalStatus::parse("granted"), None);
    }

    #[test]
    fn a_grant_is_shared_by_budget_and_adds_up() {
        assert_eq!(share_grant(1000, &[(1, Some(300)), (2, Some(100))]), vec![(1, 750), (2, 250)]);
        assert_eq!(share_grant(100, &[(1, Some(1)), (2, Some(1)), (3, Some(1))]), vec![(1, 34), (2, 33), (3, 33)]);
        assert_eq!(share_grant(100, &[(1, None), (2, None)]), vec![(1, 50), (2, 50)], "equal without budgets");
        assert_eq!(share_grant(10, &[(1, Some(5)), (2, None)]), vec![(1, 10), (2, 0)], "no budget, no share");
        assert_eq!(share_grant(10, &[]), Vec::new());
        assert_eq!(share_grant(0, &[(1, Some(5))]), Vec::new());
        let shares = share_grant(999_999_999_999, &[(1, Some(7)), (2, Some(13)), (3, Some(i64::MAX / 2))]);
        assert_eq!(shares.iter().map(|(_, s)| s).sum::<i64>(), 999_999_999_999);
        let shares = share_grant(7, &[(1, Some(2)), (2, Some(1)), (3, Some(1))]);
        assert_eq!(
            shares,
            vec![(1, 3), (2, 2), (3, 2)],
            "3.5, 1.75, 1.75: the remainder goes to the largest fractions"
        );
    }
}
