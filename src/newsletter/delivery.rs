//! Sending campaigns: every instance runs a few senders that claim one
//! message at a time (on PostgreSQL with `FOR UPDATE SKIP LOCKED`, so each
//! message goes to exactly one of them), send it, and record the outcome in
//! the same transaction as the next claim. A message is marked `sending`
//! only while it is in flight: after a crash, only those few are sent again,
//! once their lease runs out.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use anyhow::Context;
use sqlx::Row;
use tokio::time::Instant;

use super::NewsletterSettings;
use super::campaign_store::{self, now_ms};
use super::layout::{CampaignTexts, Layout, RenderedIssue};
use super::links::Links;
use crate::platform::clock::now_rfc3339;
use crate::platform::db::{Db, Dialect};
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::mail::{Email, MailError, Mailer, OutgoingMail};

/// How long an idle sender waits before looking for work again.
const IDLE: Duration = Duration::from_millis(250);
/// How often scheduled campaigns are started, expired leases released and
/// finished campaigns closed.
const HOUSEKEEPING: Duration = Duration::from_secs(1);

/// What the senders work with, and nothing of the web's state: the
/// database, the mail server, the makings of each recipient's links, and the
/// operator's settings.
#[derive(Clone)]
pub struct Senders {
    pub db: Db,
    pub mailer: Mailer,
    /// The portal's address and the key that signs each recipient's links.
    pub links: Links,
    pub settings: NewsletterSettings,
}

/// Starts this instance's senders and its housekeeping.
pub fn start(senders: Senders) {
    let pace = Arc::new(Pace::new(senders.settings.rate_per_second));
    let issues = Arc::new(IssueCache::default());
    // Names this instance on the messages it claims, for the operator.
    let instance: Arc<str> =
        format!("{}-{}", std::process::id(), &uuid::Uuid::new_v4().simple().to_string()[..8]).into();
    for _ in 0..senders.settings.concurrency.max(1) {
        tokio::spawn(sender(senders.clone(), pace.clone(), issues.clone(), instance.clone()));
    }
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(HOUSEKEEPING);
        loop {
            ticker.tick().await;
            if let Err(error) = housekeeping(&senders.db).await {
                tracing::warn!(error = format!("{error:#}"), "newsletter housekeeping failed");
            }
        }
    });
}

/// Spaces messages evenly to keep an instance under its rate.
struct Pace {
    interval: Option<Duration>,
    next: tokio::sync::Mutex<Instant>,
}

impl Pace {
    fn new(rate_per_second: u32) -> Pace {
        let interval = (rate_per_second > 0).then(|| Duration::from_secs(1) / rate_per_second);
        Pace { interval, next: tokio::sync::Mutex::new(Instant::now()) }
    }

    async fn wait(&self) {
        let Some(interval) = self.interval else { return };
        let slot = {
            let mut next = self.next.lock().await;
            let slot = (*next).max(Instant::now());
            *next = slot + interval;
            slot
        };
        tokio::time::sleep_until(slot).await;
    }
}

/// A campaign's rendered versions, kept while it is being sent; a campaign
/// cannot change once it is queued, so nothing here goes stale.
#[derive(Default)]
struct IssueCache {
    issues: Mutex<HashMap<i64, Arc<CampaignMail>>>,
}

struct CampaignMail {
    per_lang: HashMap<Lang, RenderedIssue>,
    list_id: String,
    /// The portal's host, which names the campaign's messages.
    domain: String,
}

impl IssueCache {
    async fn get(&self, senders: &Senders, campaign_id: i64) -> anyhow::Result<Arc<CampaignMail>> {
        if let Some(found) = self.issues.lock().expect("issue cache").get(&campaign_id) {
            return Ok(found.clone());
        }
        let built = Arc::new(build_campaign_mail(senders, campaign_id).await?);
        let mut issues = self.issues.lock().expect("issue cache");
        // A long-running instance sends many campaigns; only the current few matter.
        if issues.len() > 16 {
            issues.clear();
        }
        issues.insert(campaign_id, built.clone());
        Ok(built)
    }
}

async fn build_campaign_mail(senders: &Senders, campaign_id: i64) -> anyhow::Result<CampaignMail> {
    let row = sqlx::query(
        "SELECT c.subject AS subject, c.body AS body, c.main_lang AS main_lang, n.slug AS slug, n.name AS name \
         FROM newsletter_campaigns c JOIN networks n ON n.id = c.network_id WHERE c.id = $1",
    )
    .bind(campaign_id)
    .fetch_one(&senders.db.pool)
    .await?;
    let subject = LocalizedText::from_json(&row.try_get::<String, _>("subject")?);
    let body = LocalizedText::from_json(&row.try_get::<String, _>("body")?);
    let main = Lang::parse(&row.try_get::<String, _>("main_lang")?).unwrap_or_default();
    let slug: String = row.try_get("slug")?;
    let network = LocalizedText::from_json(&row.try_get::<String, _>("name")?);
    let layout = Layout::load(senders.settings.layout_dir.as_deref())?;
    let texts =
        CampaignTexts { id: campaign_id, network_slug: &slug, network: &network, subject: &subject, body: &body, main };
    let mut per_lang = HashMap::new();
    for lang in Lang::ALL {
        per_lang.insert(lang, texts.render(&layout, senders.links.public_url(), lang, false)?);
    }
    let domain = mail_domain(senders.links.public_url());
    Ok(CampaignMail { per_lang, list_id: format!("<{slug}.newsletter.{domain}>"), domain })
}

fn mail_domain(public_url: &str) -> String {
    let host = public_url.split("://").nth(1).unwrap_or(public_url);
    let host = host.split(['/', ':']).next().unwrap_or("irene");
    if host.is_empty() { "irene".into() } else { host.to_string() }
}

/// One message claimed for sending.
struct Claimed {
    id: i64,
    campaign_id: i64,
    subscription_id: i64,
    email: String,
    lang: String,
    attempts: i64,
}

/// How the last message went, recorded with the next claim.
struct Outcome {
    delivery_id: i64,
    email: String,
    attempts: i64,
    result: Result<(), MailError>,
}

async fn sender(senders: Senders, pace: Arc<Pace>, issues: Arc<IssueCache>, instance: Arc<str>) {
    let mut previous: Option<Outcome> = None;
    let mut session = senders.mailer.session();
    loop {
        pace.wait().await;
        let claimed = match record_and_claim(&senders, &instance, previous.take()).await {
            Ok(claimed) => claimed,
            Err((error, unrecorded)) => {
                tracing::warn!(error = format!("{error:#}"), "newsletter sender could not reach the database");
                previous = unrecorded;
                tokio::time::sleep(Duration::from_secs(1)).await;
                continue;
            }
        };
        let Some(message) = claimed else {
            tokio::time::sleep(IDLE).await;
            continue;
        };
        let result = match compose(&senders, &issues, &message).await {
            Ok(mail) => session.send(&mail).await,
            Err(error) => Err(MailError::Temporary(format!("{error:#}"))),
        };
        previous = Some(Outcome { delivery_id: message.id, email: message.email, attempts: message.attempts, result });
    }
}

async fn compose(senders: &Senders, issues: &IssueCache, message: &Claimed) -> anyhow::Result<OutgoingMail> {
    let campaign = issues.get(senders, message.campaign_id).await?;
    let lang = Lang::parse(&message.lang).unwrap_or_default();
    let issue = campaign.per_lang.get(&lang).context("no version for the language")?;
    // The pages these lead to open in the language of the issue, whatever the browser asks for.
    let unsubscribe = format!("{}?lang={}", senders.links.unsubscribe(message.subscription_id), lang.code());
    let manage = format!("{}?lang={}", senders.links.manage(message.subscription_id), lang.code());
    let (html, text) = issue.personalised(&unsubscribe, &manage);
    let to = Email::parse(&message.email).context("a stored address no longer parses")?;
    Ok(OutgoingMail::new(to, issue.subject.clone(), text)
        .with_html(html)
        .header("List-Unsubscribe", format!("<{unsubscribe}>"))
        .header("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")
        .header("List-Id", campaign.list_id.clone())
        .header("Precedence", "bulk")
        // One identity per message, kept on a resend, so a reader's mail
        // program can tell a duplicate after a crash from a new message.
        .header("Message-ID", format!("<newsletter.{}.{}@{}>", message.campaign_id, message.id, campaign.domain)))
}

/// The wait before the `attempt`-th retry: `first`, doubling, at most an hour.
pub fn backoff(first: Duration, attempt: i64) -> Duration {
    let exponent = attempt.clamp(1, 16) as u32 - 1;
    first.saturating_mul(1 << exponent).min(Duration::from_secs(3600))
}

/// Records the previous outcome and claims the next message in one
/// transaction. On failure, hands back the outcome so it is not lost.
async fn record_and_claim(
    senders: &Senders,
    instance: &str,
    previous: Option<Outcome>,
) -> Result<Option<Claimed>, (anyhow::Error, Option<Outcome>)> {
    let attempt = async {
        let mut tx = senders.db.begin().await?;
        if let Some(outcome) = &previous {
            record(&mut tx, &senders.settings, outcome).await?;
        }
        let claimed = claim(&mut tx, &senders.db, senders.settings.lease, instance).await?;
        tx.commit().await?;
        anyhow::Ok(claimed)
    };
    match attempt.await {
        Ok(claimed) => Ok(claimed),
        Err(error) => Err((error, previous)),
    }
}

async fn claim(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    db: &Db,
    lease: Duration,
    instance: &str,
) -> sqlx::Result<Option<Claimed>> {
    let lock = match db.dialect {
        Dialect::Postgres => " FOR UPDATE OF d SKIP LOCKED",
        // SQLite has one writer at a time: the statement is atomic as it is.
        Dialect::Sqlite => "",
    };
    let now = now_ms();
    let sql = format!(
        "UPDATE newsletter_deliveries SET status = 'sending', attempts = attempts + 1, lease_until = $1, sender = $3 \
         WHERE id = (SELECT d.id FROM newsletter_deliveries d JOIN newsletter_campaigns c ON c.id = d.campaign_id \
           WHERE d.status = 'queued' AND d.next_attempt_at <= $2 AND c.status = 'sending' \
           ORDER BY d.next_attempt_at, d.id LIMIT 1{lock}) \
         RETURNING id, campaign_id, subscription_id, email, lang, attempts"
    );
    let row = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(now + lease.as_millis() as i64)
        .bind(now)
        .bind(instance)
        .fetch_optional(&mut **tx)
        .await?;
    row.map(|row| {
        Ok(Claimed {
            id: row.try_get("id")?,
            campaign_id: row.try_get("campaign_id")?,
            subscription_id: row.try_get("subscription_id")?,
            email: row.try_get("email")?,
            lang: row.try_get("lang")?,
            attempts: row.try_get("attempts")?,
        })
    })
    .transpose()
}

async fn record(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    settings: &NewsletterSettings,
    outcome: &Outcome,
) -> sqlx::Result<()> {
    match &outcome.result {
        Ok(()) => {
            sqlx::query(
                "UPDATE newsletter_deliveries SET status = 'sent', sent_at = $1, lease_until = NULL, error = NULL \
                 WHERE id = $2",
            )
            .bind(now_rfc3339())
            .bind(outcome.delivery_id)
            .execute(&mut **tx)
            .await?;
        }
        Err(MailError::Temporary(error)) if outcome.attempts < settings.max_attempts => {
            let retry_at = now_ms() + backoff(settings.retry_after, outcome.attempts).as_millis() as i64;
            sqlx::query(
                "UPDATE newsletter_deliveries SET status = 'queued', next_attempt_at = $1, lease_until = NULL, \
                 error = $2 WHERE id = $3",
            )
            .bind(retry_at)
            .bind(error)
            .bind(outcome.delivery_id)
            .execute(&mut **tx)
            .await?;
        }
        Err(error) => {
            let reason = match error {
                MailError::Permanent(reason) | MailError::Temporary(reason) => reason,
            };
            sqlx::query(
                "UPDATE newsletter_deliveries SET status = 'failed', lease_until = NULL, error = $1 WHERE id = $2",
            )
            .bind(reason)
            .bind(outcome.delivery_id)
            .execute(&mut **tx)
            .await?;
            if error.is_permanent() {
                bounce(tx, &outcome.email, reason, settings.bounce_limit).await?;
            }
        }
    }
    Ok(())
}

/// Counts a permanent failure against the address; at the limit the address
/// is held, and whatever was queued for it is skipped.
async fn bounce(tx: &mut sqlx::Transaction<'_, sqlx::Any>, email: &str, reason: &str, limit: i64) -> sqlx::Result<()> {
    let now = now_rfc3339();
    let bounces: i64 = sqlx::query_scalar(
        "UPDATE newsletter_addresses SET bounces = bounces + 1, last_bounce = $1, last_bounce_at = $2 \
         WHERE email = $3 RETURNING bounces",
    )
    .bind(reason)
    .bind(&now)
    .bind(email)
    .fetch_optional(&mut **tx)
    .await?
    .unwrap_or(0);
    if bounces >= limit {
        sqlx::query("UPDATE newsletter_addresses SET held_at = $1 WHERE email = $2 AND held_at IS NULL")
            .bind(&now)
            .bind(email)
            .execute(&mut **tx)
            .await?;
        sqlx::query(
            "UPDATE newsletter_deliveries SET status = 'skipped', error = 'held' WHERE email = $1 AND status = 'queued'",
        )
        .bind(email)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}

/// Starts campaigns whose time has come, gives messages of a dead sender
/// back to the queue, and closes campaigns with nothing left to send.
async fn housekeeping(db: &Db) -> anyhow::Result<()> {
    campaign_store::start_due(db).await?;
    sqlx::query(
        "UPDATE newsletter_deliveries SET status = 'queued', lease_until = NULL \
         WHERE status = 'sending' AND lease_until < $1",
    )
    .bind(now_ms())
    .execute(&db.pool)
    .await?;
    sqlx::query(
        "UPDATE newsletter_campaigns SET status = 'sent', finished_at = $1 WHERE status = 'sending' AND NOT EXISTS \
         (SELECT 1 FROM newsletter_deliveries d WHERE d.campaign_id = newsletter_campaigns.id \
          AND d.status IN ('queued', 'sending'))",
    )
    .bind(now_rfc3339())
    .execute(&db.pool)
    .await?;
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_to_an_hour() {
        let first = Duration::from_secs(30);
        let waits: Vec<u64> = (1..=9).map(|n| backoff(first, n).as_secs()).collect();
        assert_eq!(waits, [30, 60, 120, 240, 480, 960, 1920, 3600, 3600]);
        assert_eq!(backoff(first, 0).as_secs(), 30);
        assert_eq!(backoff(Duration::from_secs(1), 40).as_secs(), 3600);
    }

    #[test]
    fn list_ids_use_the_portal_host() {
        assert_eq!(mail_domain("https://irene.example.org/"), "irene.example.org");
        assert_eq!(mail_domain("http://127.0.0.1:8080"), "127.0.0.1");
    }

    #[tokio::test(start_paused = true)]
    async fn pace_spaces_messages_evenly() {
        let pace = Pace::new(10);
        let start = Instant::now();
        for _ in 0..5 {
            pace.wait().await;
        }
        assert_eq!(start.elapsed(), Duration::from_millis(400));
        let unlimited = Pace::new(0);
        let start = Instant::now();
        unlimited.wait().await;
        assert_eq!(start.elapsed(), Duration::ZERO);
    }
}
