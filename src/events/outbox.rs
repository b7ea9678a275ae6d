//! Mailing what registrations owe (a confirmation, a waiting-list place, a promotion) from the outbox their
//! transactions wrote to. An instance claims one message at a time under a lease, sends it and marks it sent; a
//! message whose instance stopped mid-way goes again once its lease runs out, under the same `Message-ID`, so
//! a reader's mail program shows it once.

use std::time::Duration;

use super::calendar;
use super::registration::{self, Registration};
use super::store;
use crate::platform::db::Db;
use crate::platform::i18n::Lang;
use crate::platform::mail::{Attachment, Email, Mailer, OutgoingMail};
use crate::platform::signing::Signer;

/// How long a claimed message is left to its instance before another sends it.
const LEASE_MS: i64 = 120_000;

/// What the sender needs, and nothing of the web state.
#[derive(Clone)]
pub struct Confirmations {
    pub db: Db,
    pub mailer: Mailer,
    pub public_url: String,
    pub signer: Signer,
}

/// The signed address that cancels a registration.
pub fn cancel_link(signer: &Signer, public_url: &str, registration_id: i64) -> String {
    format!("{public_url}/events/cancel/{}", signer.sign("event-cancel", &registration_id.to_string()))
}

/// Starts the sender; it looks for due messages twice a second.
pub fn start(confirmations: Confirmations) {
    tokio::spawn(async move {
        loop {
            match confirmations.send_one().await {
                Ok(true) => continue,
                Ok(false) => tokio::time::sleep(Duration::from_millis(500)).await,
                Err(error) => {
                    tracing::warn!(error = format!("{error:#}"), "event mail not sent");
                    tokio::time::sleep(Duration::from_secs(2)).await;
                }
            }
        }
    });
}

fn now_ms() -> i64 {
    jiff::Timestamp::now().as_millisecond()
}

impl Confirmations {
    /// Claims and sends the oldest due message; false when none is due.
    async fn send_one(&self) -> anyhow::Result<bool> {
        let now = now_ms();
        let Some(id): Option<i64> = sqlx::query_scalar(
            "SELECT id FROM event_mail_outbox WHERE sent_at IS NULL AND lease_until < $1 ORDER BY id LIMIT 1",
        )
        .bind(now)
        .fetch_optional(&self.db.pool)
        .await?
        else {
            return Ok(false);
        };
        // Another instance may have claimed it in the meantime: the lease decides.
        let claimed: Option<(i64, String, i64)> = sqlx::query_as(
            "UPDATE event_mail_outbox SET lease_until = $2, attempts = attempts + 1 \
             WHERE id = $1 AND sent_at IS NULL AND lease_until < $3 RETURNING registration_id, kind, attempts",
        )
        .bind(id)
        .bind(now + LEASE_MS)
        .bind(now)
        .fetch_optional(&self.db.pool)
        .await?;
        let Some((registration_id, kind, attempts)) = claimed else {
            return Ok(true);
        };
        let outcome = match registration::by_id(&self.db, registration_id).await? {
            Some(registration) => match self.mail(id, &kind, &registration).await? {
                Some(mail) => self.mailer.send(&mail).await.map_err(|error| (error.is_permanent(), error.to_string())),
                None => Err((true, "the event is gone".to_string())),
            },
            None => Err((true, "the registration is gone".to_string())),
        };
        match outcome {
            Ok(()) => {
                sqlx::query("UPDATE event_mail_outbox SET sent_at = $2 WHERE id = $1")
                    .bind(id)
                    .bind(crate::platform::clock::now_rfc3339())
                    .execute(&self.db.pool)
                    .await?;
            }
            Err((permanent, failure)) if permanent || attempts >= 8 => {
                sqlx::query("UPDATE event_mail_outbox SET sent_at = $2, failure = $3 WHERE id = $1")
                    .bind(id)
                    .bind(crate::platform::clock::now_rfc3339())
                    .bind(&failure)
                    .execute(&self.db.pool)
                    .await?;
            }
            Err((_, failure)) => {
                // Tried again after a pause that doubles each time.
                sqlx::query("UPDATE event_mail_outbox SET lease_until = $2, failure = $3 WHERE id = $1")
                    .bind(id)
                    .bind(now_ms() + 5_000 * (1 << attempts.clamp(0, 8)))
                    .bind(&failure)
                    .execute(&self.db.pool)
                    .await?;
            }
        }
        Ok(true)
    }

    /// The message for an outbox row, in the registrant's language, with the event as `.ics`.
    async fn mail(&self, id: i64, kind: &str, registration: &Registration) -> anyhow::Result<Option<OutgoingMail>> {
        let Some(slug) = store::slug_of(&self.db, registration.event_id).await? else {
            return Ok(None);
        };
        let Some(event) = store::by_slug(&self.db, &slug).await? else {
            return Ok(None);
        };
        let Some(to) = Email::parse(&registration.email) else {
            return Ok(None);
        };
        let lang: Lang = registration.lang;
        let title = event.title.get(lang).to_string();
        let page = format!("{}/events/{}", self.public_url, event.slug);
        let args = [
            ("event", title.clone().into()),
            ("name", registration.name.clone().into()),
            ("page", page.into()),
            ("cancel", cancel_link(&self.signer, &self.public_url, registration.id).into()),
        ];
        let mut mail = OutgoingMail::new(
            to,
            lang.t_with(&format!("events-mail-{kind}-subject"), &[("event", title.into())]),
            lang.t_with(&format!("events-mail-{kind}-body"), &args),
        )
        .header("Message-ID", format!("<event-mail-{id}.{}@irene>", registration.id))
        .header("Auto-Submitted", "auto-generated");
        if let Some(entry) = calendar::entry(&event, &self.public_url, lang, &calendar::stamp()) {
            mail = mail.attach(Attachment {
                filename: format!("{}.ics", event.slug),
                content_type: "text/calendar; charset=utf-8; method=PUBLISH".into(),
                body: calendar::calendar(event.title.get(lang), &[entry]),
            });
        }
        Ok(Some(mail))
    }
}
