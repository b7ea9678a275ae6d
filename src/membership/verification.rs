//! Reminding coordinators to verify their members again before (and when)
//! a verification runs out. Each verification is reminded once, by whichever
//! instance claims it first.

use std::time::Duration;

use axum::extract::State;
use axum::response::Redirect;
use sqlx::Row;

use crate::accounts::{Right, Rights};
use crate::platform::auth::RequireUser;
use crate::platform::db::{Db, Dialect};
use crate::platform::i18n::LocalizedText;
use crate::platform::mail::{Mailer, OutgoingMail};
use crate::platform::migrate::Migration;
use crate::platform::web::{AppError, Found, SlugPath};

pub const MIGRATIONS: &[Migration] = &[Migration { version: 122, name: "verification reminders", sql: column }];

fn column(_: Dialect) -> String {
    "ALTER TABLE organizations ADD COLUMN verification_reminded_at TEXT".to_string()
}

/// How long before a verification runs out its coordinators are reminded.
const NOTICE_DAYS: i64 = 30;
const EVERY: Duration = Duration::from_secs(3600);

/// What the reminder worker needs, and no more of the web state: the database, the
/// mailer, where links point, and how long a verification holds.
pub struct Reminders {
    pub db: Db,
    pub mailer: Mailer,
    pub public_url: String,
    pub verification_days: i64,
}

/// Reminds now, then every hour, until the process ends.
pub fn remind_periodically(reminders: Reminders) {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(EVERY);
        loop {
            ticker.tick().await;
            match remind(&reminders).await {
                Ok(0) => {}
                Ok(sent) => tracing::info!(sent, "verification reminders sent"),
                Err(error) => tracing::warn!(error = format!("{error:#}"), "verification reminders failed"),
            }
        }
    });
}

fn rfc3339(at: time::OffsetDateTime) -> String {
    at.format(&time::format_description::well_known::Rfc3339).unwrap_or_default()
}

/// Sends the reminders that are due; returns how many mails went out.
pub async fn remind(state: &Reminders) -> anyhow::Result<usize> {
    let now = time::OffsetDateTime::now_utc();
    let due_before = rfc3339(now - time::Duration::days(state.verification_days - NOTICE_DAYS));
    // Claiming by update makes one instance, and one reminder per verification.
    let claimed = sqlx::query(
        "UPDATE organizations SET verification_reminded_at = $1 \
         WHERE verified_at IS NOT NULL AND verified_at < $2 \
           AND (verification_reminded_at IS NULL OR verification_reminded_at < verified_at) \
         RETURNING id, slug, name",
    )
    .bind(rfc3339(now))
    .bind(&due_before)
    .fetch_all(&state.db.pool)
    .await?;
    let mut sent = 0;
    for organization in claimed {
        let id: i64 = organization.try_get("id")?;
        let name = LocalizedText::from_json(&organization.try_get::<String, _>("name")?);
        let link = format!("{}/organizations/{}", state.public_url, organization.try_get::<String, _>("slug")?);
        for recipient in crate::accounts::coordinator_recipients(&state.db, None, id).await? {
            let (address, lang) = (recipient.email, recipient.lang);
            let body = lang.t_with(
                "mail-reverify-body",
                &[("organization", name.get(lang).to_string().into()), ("link", link.clone().into())],
            );
            match state.mailer.send(&OutgoingMail::new(address, lang.t("mail-reverify-subject"), body)).await {
                Ok(()) => sent += 1,
                Err(error) => tracing::warn!(error = %error, "verification reminder not sent"),
            }
        }
    }
    Ok(sent)
}

/// A coordinator of one of its networks (or an administrator) verifies an
/// organisation again, restarting its verification period.
pub async fn verify(
    State(db): State<Db>,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Redirect, AppError> {
    let (id, _, _) = crate::directory::load(&db, &slug).await.found()?;
    Rights::of(&db, &user).require(Right::VerifyMember(id)).await?;
    crate::directory::verify(&db, id).await?;
    crate::platform::audit::record(
        &db,
        Some(user.user_id),
        "organization.verify",
        "organization",
        Some(id),
        None,
        None,
    )
    .await?;
    Ok(Redirect::to(&format!("/organizations/{slug}")))
}
