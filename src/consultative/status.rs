//! Keeping general and special status: the quadrennial report of the current
//! cycle, its due date and what follows when it is missing, and reminders by
//! mail to the organisation's editors at the configured intervals. Each
//! reminder goes out once, from whichever instance claims it first.

use std::time::Duration;

use sqlx::Row;
use time::Date;

use super::rules::{DeskRules, ReportCycle, Standing, standing};
use super::tracking::Application;
use crate::app::AppState;
use crate::directory::model::ConsultativeStatus;
use crate::platform::clock::{now_rfc3339, today};
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::mail::{Email, OutgoingMail};

/// Where an organisation's status stands, when it holds one that reports.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Held {
    pub category: ConsultativeStatus,
    /// The day the cycle counts from: the grant or the last reclassification.
    pub since: Date,
    pub standing: Standing,
}

/// The standing of an organisation's status, from its recorded steps or,
/// when none were recorded, from the directory's category and year (known
/// only to the year, the cycle counts from its last day).
pub fn held(
    application: &Application,
    directory_status: ConsultativeStatus,
    status_year: Option<i64>,
    today: Date,
    rules: &DeskRules,
) -> Option<Held> {
    let (category, since) = application.status_since().or_else(|| {
        let year = i32::try_from(status_year?).ok()?;
        Some((directory_status, Date::from_calendar_date(year, time::Month::December, 31).ok()?))
    })?;
    if !matches!(category, ConsultativeStatus::General | ConsultativeStatus::Special) {
        return None;
    }
    Some(Held { category, since, standing: standing(since, &application.reports_filed(), today, rules) })
}

fn period(cycle: &ReportCycle) -> String {
    format!("{}–{}", cycle.first_year, cycle.last_year)
}

/// The standing in plain words, with its consequences.
pub fn explain(held: &Held, today: Date, lang: Lang) -> String {
    match held.standing {
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

/// Reminds now, then every hour, until the process ends.
pub fn remind_periodically(state: AppState) {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(EVERY);
        loop {
            ticker.tick().await;
            match remind(&state).await {
                Ok(0) => {}
                Ok(sent) => tracing::info!(sent, "quadrennial report reminders sent"),
                Err(error) => tracing::warn!(error = format!("{error:#}"), "quadrennial report reminders failed"),
            }
        }
    });
}

/// Sends the reminders that are due today; returns how many mails went out.
pub async fn remind(state: &AppState) -> anyhow::Result<usize> {
    let today = today();
    let holders = sqlx::query(
        "SELECT id, slug, name, consultative_status, status_year FROM organizations \
         WHERE consultative_status IN ('general', 'special') \
            OR id IN (SELECT organization_id FROM ecosoc_events WHERE step IN ('granted', 'reclassified'))",
    )
    .fetch_all(&state.db.pool)
    .await?;
    let mut sent = 0;
    for holder in holders {
        let id: i64 = holder.try_get("id")?;
        let application = Application::load(&state.db, id).await?;
        let directory_status = ConsultativeStatus::parse(&holder.try_get::<String, _>("consultative_status")?)
            .unwrap_or(ConsultativeStatus::None);
        let Some(held) = held(&application, directory_status, holder.try_get("status_year")?, today, &state.desk_rules)
        else {
            continue;
        };
        let Standing::Current { cycle, .. } = held.standing else { continue };
        let Some(days_before) = super::rules::reminder_due(cycle.due, today, &state.desk_rules) else { continue };
        // Claiming by insert makes one instance, and one reminder per interval.
        let claimed: Option<i64> = sqlx::query_scalar(
            "INSERT INTO ecosoc_reminders (organization_id, due_on, days_before, sent_at) VALUES ($1, $2, $3, $4) \
             ON CONFLICT DO NOTHING RETURNING organization_id",
        )
        .bind(id)
        .bind(cycle.due.to_string())
        .bind(days_before)
        .bind(now_rfc3339())
        .fetch_optional(&state.db.pool)
        .await?;
        if claimed.is_none() {
            continue;
        }
        let name = LocalizedText::from_json(&holder.try_get::<String, _>("name")?);
        let link = format!("{}/organizations/{}/ecosoc", state.public_url, holder.try_get::<String, _>("slug")?);
        let editors: Vec<String> = sqlx::query_scalar(
            "SELECT u.email FROM users u JOIN organization_editors e ON e.user_id = u.id \
             WHERE e.organization_id = $1 AND u.deleted_at IS NULL",
        )
        .bind(id)
        .fetch_all(&state.db.pool)
        .await?;
        for address in editors.iter().filter_map(|a| Email::parse(a)) {
            let lang = Lang::En;
            let subject = lang.t_with(
                "mail-ecosoc-report-subject",
                &[("organization", name.get(lang).to_string().into()), ("due", cycle.due.to_string().into())],
            );
            let body = lang.t_with(
                "mail-ecosoc-report-body",
                &[("standing", explain(&held, today, lang).into()), ("link", link.clone().into())],
            );
            match state.mailer.send(&OutgoingMail::new(address, subject, body)).await {
                Ok(()) => sent += 1,
                Err(error) => tracing::warn!(error = %error, "quadrennial report reminder not sent"),
            }
        }
    }
    Ok(sent)
}
