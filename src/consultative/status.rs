//! Keeping general and special status: the quadrennial report of the current
//! cycle, its due date and what follows when it is missing, and reminders by
//! mail to the organisation's editors at the configured intervals. Each
//! reminder goes out once, from whichever instance claims it first.

use std::time::Duration;

use sqlx::Row;
use time::Date;

use super::rules::{DeskRules, ReportCycle, Standing, standing};
use super::tracking::Application;
use crate::directory::ConsultativeStatus;
use crate::platform::clock::{now_rfc3339, today};
use crate::platform::db::Db;
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::mail::{Mailer, OutgoingMail};

/// Where an organisation's status stands, when it holds one that reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Held {
    pub category: ConsultativeStatus,
    /// The day the cycle counts from: the grant or the last reclassification.
    pub since: Date,
    /// None while the report history is unknown: status taken from the directory or the UN list, with no
    /// report recorded and no year of the last one given. Lacking a record is no sign of a missing report.
    pub standing: Option<Standing>,
    /// Whether the status came from the directory rather than a grant recorded on the desk, so that the
    /// year of the last report filed is asked for.
    pub listed: bool,
}

/// The standing of an organisation's status, from its recorded steps or,
/// when none were recorded, from the directory's category and year (known
/// only to the year, the cycle counts from its last day) and the year its
/// editors say the last report was filed.
pub fn held(
    application: &Application,
    directory_status: ConsultativeStatus,
    status_year: Option<i64>,
    last_report_year: Option<i64>,
    today: Date,
    rules: &DeskRules,
) -> Option<Held> {
    let recorded = application.status_since();
    let listed = recorded.is_none();
    let (category, since) = recorded.or_else(|| {
        let year = i32::try_from(status_year?).ok()?;
        Some((directory_status, Date::from_calendar_date(year, time::Month::December, 31).ok()?))
    })?;
    if !matches!(category, ConsultativeStatus::General | ConsultativeStatus::Special) {
        return None;
    }
    let mut filed = application.reports_filed();
    if listed {
        let settled = last_report_year.and_then(|year| i32::try_from(year).ok());
        filed.extend(settled.map(|year| super::rules::settled_reports(since, year, rules)).unwrap_or_default());
    }
    let known = !listed || last_report_year.is_some() || !filed.is_empty();
    let standing = known.then(|| standing(since, &filed, today, rules));
    Some(Held { category, since, standing, listed })
}

/// The year the organisation's editors say its last quadrennial report was filed, if they said.
pub async fn last_report_year(db: &Db, organization_id: i64) -> sqlx::Result<Option<i64>> {
    let year: Option<Option<i64>> =
        sqlx::query_scalar("SELECT last_report_year FROM ecosoc_desks WHERE organization_id = $1")
            .bind(organization_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(year.flatten())
}

fn period(cycle: &ReportCycle) -> String {
    format!("{}–{}", cycle.first_year, cycle.last_year)
}

/// The standing in plain words, with its consequences.
pub fn explain(held: &Held, today: Date, lang: Lang) -> String {
    let Some(standing) = held.standing else { return lang.t("ecosoc-report-unknown") };
    match standing {
        Standing::Current { cycle, reinstated } => {
            let mut text = lang.t_with(
                "ecosoc-report-due",
                &[
                    ("period", period(&cycle).into()),
                    ("due", cycle.due.to_string().into()),
                    ("days", (cycle.due - today).whole_days().into()),
                    ("suspended", cycle.suspended_from().to_string().into()),
                    ("withdrawn", cycle.withdrawn_on().to_string().into()),
                ],
            );
            if reinstated {
                text.push(' ');
                text.push_str(&lang.t("ecosoc-reinstated"));
            }
            text
        }
        Standing::Suspended { cycle } => lang.t_with(
            "ecosoc-suspended",
            &[
                ("period", period(&cycle).into()),
                ("since", cycle.suspended_from().to_string().into()),
                ("withdrawn", cycle.withdrawn_on().to_string().into()),
            ],
        ),
        Standing::Withdrawn { cycle, reapply_from } => lang.t_with(
            "ecosoc-withdrawn",
            &[
                ("period", period(&cycle).into()),
                ("on", cycle.withdrawn_on().to_string().into()),
                ("reapply", reapply_from.to_string().into()),
            ],
        ),
    }
}

const EVERY: Duration = Duration::from_secs(3600);

/// What the reminders need: the database, a way to send mail, the portal's address for the link to the desk,
/// and the rules that say when reports fall due and when to remind.
pub struct Reminders {
    pub db: Db,
    pub mailer: Mailer,
    pub public_url: String,
    pub rules: DeskRules,
}

/// Reminds now, then every hour, until the process ends.
pub fn remind_periodically(reminders: Reminders) {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(EVERY);
        loop {
            ticker.tick().await;
            match remind(&reminders).await {
                Ok(0) => {}
                Ok(sent) => tracing::info!(sent, "quadrennial report reminders sent"),
                Err(error) => tracing::warn!(error = format!("{error:#}"), "quadrennial report reminders failed"),
            }
        }
    });
}

/// Sends the reminders that are due today; returns how many mails went out.
pub async fn remind(reminders: &Reminders) -> anyhow::Result<usize> {
    let today = today();
    let holders = sqlx::query(
        "SELECT o.id AS id, o.slug AS slug, o.name AS name, o.consultative_status AS consultative_status, \
                o.status_year AS status_year, d.last_report_year AS last_report_year \
         FROM organizations o LEFT JOIN ecosoc_desks d ON d.organization_id = o.id \
         WHERE o.consultative_status IN ('general', 'special') \
            OR o.id IN (SELECT organization_id FROM ecosoc_events WHERE step IN ('granted', 'reclassified'))",
    )
    .fetch_all(&reminders.db.pool)
    .await?;
    let ids: Vec<i64> = holders.iter().map(|holder| holder.try_get("id")).collect::<Result<_, _>>()?;
    let mut applications = Application::load_many(&reminders.db, &ids).await?;
    let mut sent = 0;
    for (holder, id) in holders.into_iter().zip(ids) {
        let application = applications.remove(&id).unwrap_or_default();
        let directory_status = ConsultativeStatus::parse(&holder.try_get::<String, _>("consultative_status")?)
            .unwrap_or(ConsultativeStatus::None);
        let status_year = holder.try_get("status_year")?;
        let last_report_year = holder.try_get("last_report_year")?;
        let Some(held) = held(&application, directory_status, status_year, last_report_year, today, &reminders.rules)
        else {
            continue;
        };
        let Some(Standing::Current { cycle, .. }) = held.standing else { continue };
        let Some(days_before) = super::rules::reminder_due(cycle.due, today, &reminders.rules) else { continue };
        // Claiming by insert makes one instance, and one reminder per interval.
        let claimed: Option<i64> = sqlx::query_scalar(
            "INSERT INTO ecosoc_reminders (organization_id, due_on, days_before, sent_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT DO NOTHING RETURNING organization_id",
        )
        .bind(id)
        .bind(cycle.due.to_string())
        .bind(days_before)
        .bind(now_rfc3339())
        .fetch_optional(&reminders.db.pool)
        .await?;
        if claimed.is_none() {
            continue;
        }
        let name = LocalizedText::from_json(&holder.try_get::<String, _>("name")?);
        let link = format!("{}/organizations/{}/ecosoc", reminders.public_url, holder.try_get::<String, _>("slug")?);
        for recipient in crate::accounts::editor_recipients(&reminders.db, id).await? {
            let (address, lang) = (recipient.email, recipient.lang);
            let subject = lang.t_with(
                "mail-ecosoc-report-subject",
                &[("organization", name.get(lang).to_string().into()), ("due", cycle.due.to_string().into())],
            );
            let body = lang.t_with(
                "mail-ecosoc-report-body",
                &[("standing", explain(&held, today, lang).into()), ("link", link.clone().into())],
            );
            match reminders.mailer.send(&OutgoingMail::new(address, subject, body)).await {
                Ok(()) => sent += 1,
                Err(error) => tracing::warn!(error = %error, "quadrennial report reminder not sent"),
            }
        }
    }
    Ok(sent)
}

#[cfg(test)]
mod tests {
    use time::macros::date;

    use super::*;
    use crate::consultative::rules::ReportCycle;
    use crate::consultative::tracking::{Event, Step};

    fn event(step: Step, on: Date, category: Option<ConsultativeStatus>) -> Event {
        Event { step, on, session: None, category, note: None }
    }

    #[test]
    fn listed_status_without_reports_has_an_unknown_history_not_a_missing_report() {
        let rules = DeskRules::default();
        let today = date!(2026 - 01 - 10);
        let special = Some(ConsultativeStatus::Special);
        let granted =
            Application { events: vec![event(Step::Granted, date!(2010 - 07 - 20), special)], questions: vec![] };
        let reported =
            Application { events: vec![event(Step::ReportFiled, date!(2024 - 05 - 01), None)], questions: vec![] };
        let none = Application::default();
        let cycle = |start, index| ReportCycle::nth(start, index, &rules);
        let cases = [
            // Listed in 2000 and nothing recorded: unknown, whatever the years since.
            (&none, ConsultativeStatus::Special, Some(2000), None, Some(None), true),
            // The year of the last report settles the reports due by then: due 2025 met, 2029 to come.
            (
                &none,
                ConsultativeStatus::Special,
                Some(2000),
                Some(2025),
                Some(Some(Standing::Current { cycle: cycle(2000, 6), reinstated: false })),
                true,
            ),
            // Last report in 2017: the one due 2021 is missing, suspended then withdrawn.
            (
                &none,
                ConsultativeStatus::General,
                Some(2000),
                Some(2017),
                Some(Some(Standing::Withdrawn { cycle: cycle(2000, 4), reapply_from: date!(2025 - 06 - 02) })),
                true,
            ),
            // A report recorded makes the history known.
            (
                &reported,
                ConsultativeStatus::Special,
                Some(2019),
                None,
                Some(Some(Standing::Current { cycle: cycle(2019, 1), reinstated: false })),
                true,
            ),
            // A grant recorded on the desk: its reports are recorded there, a missing one counts.
            (
                &granted,
                ConsultativeStatus::Special,
                Some(2010),
                None,
                Some(Some(Standing::Withdrawn { cycle: cycle(2010, 0), reapply_from: date!(2019 - 06 - 02) })),
                false,
            ),
            // Roster status does not report; no year, no cycle.
            (&none, ConsultativeStatus::Roster, Some(2000), None, None, true),
            (&none, ConsultativeStatus::Special, None, None, None, true),
        ];
        for (application, status, status_year, last_report_year, expected, listed) in cases {
            let held = held(application, status, status_year, last_report_year, today, &rules);
            assert_eq!(
                held.map(|h| h.standing),
                expected,
                "{status:?} {status_year:?}, last report {last_report_year:?}"
            );
            if let Some(held) = held {
                assert_eq!(held.listed, listed);
            }
        }
    }
}
