//! Campaigns in the database: saving drafts, applying the moves of
//! `campaign.rs` (queuing one delivery per recipient in the transaction that
//! starts a send), and what the writers' pages count and list.

use sqlx::Row;
use sqlx::any::AnyArguments;
use sqlx::query::Query;

use super::audience::{self, Audience};
use super::campaign::{Campaign, Draft, EDITABLE, Move, Status};
use crate::platform::clock::now_rfc3339;
use crate::platform::db::Db;
use crate::platform::i18n::{Lang, LocalizedText};

pub fn now_ms() -> i64 {
    (time::OffsetDateTime::now_utc().unix_timestamp_nanos() / 1_000_000) as i64
}

pub async fn load(db: &Db, network_id: i64, id: i64) -> sqlx::Result<Option<Campaign>> {
    let row = sqlx::query(
        "SELECT id, network_id, theme_id, main_lang, subject, body, audience, status, scheduled_at \
         FROM newsletter_campaigns WHERE id = $1 AND network_id = $2",
    )
    .bind(id)
    .bind(network_id)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|row| {
        Ok(Campaign {
            id: row.try_get("id")?,
            network_id: row.try_get("network_id")?,
            theme_id: row.try_get("theme_id")?,
            main_lang: Lang::parse(&row.try_get::<String, _>("main_lang")?).unwrap_or_default(),
            subject: LocalizedText::from_json(&row.try_get::<String, _>("subject")?),
            body: LocalizedText::from_json(&row.try_get::<String, _>("body")?),
            audience: Audience::from_json(&row.try_get::<String, _>("audience")?),
            status: Status::parse(&row.try_get::<String, _>("status")?),
            scheduled_at: row.try_get("scheduled_at")?,
        })
    })
    .transpose()
}

/// Saves a new draft; returns its id.
pub async fn create(db: &Db, network_id: i64, draft: &Draft, created_by: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO newsletter_campaigns (network_id, theme_id, main_lang, subject, body, audience, status, created_by, \
         created_at) VALUES ($1, $2, $3, $4, $5, $6, 'draft', $7, $8) RETURNING id",
    )
    .bind(network_id)
    .bind(draft.theme_id)
    .bind(draft.main_lang.code())
    .bind(draft.subject.to_json())
    .bind(draft.body.to_json())
    .bind(draft.audience.to_json())
    .bind(created_by)
    .bind(now_rfc3339())
    .fetch_one(&db.pool)
    .await
}

/// Replaces the text and audience of a campaign not yet queued, which goes
/// (back) to draft; false when it was queued in the meantime.
pub async fn rewrite(db: &Db, id: i64, draft: &Draft) -> sqlx::Result<bool> {
    let sql = format!(
        "UPDATE newsletter_campaigns SET theme_id = $1, main_lang = $2, subject = $3, body = $4, audience = $5, \
         status = 'draft', scheduled_at = NULL, version = version + 1 WHERE id = $6 AND status IN ({})",
        Db::placeholders(7, EDITABLE.len())
    );
    let query = sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(draft.theme_id)
        .bind(draft.main_lang.code())
        .bind(draft.subject.to_json())
        .bind(draft.body.to_json())
        .bind(draft.audience.to_json())
        .bind(id);
    Ok(bind_statuses(query, EDITABLE).execute(&db.pool).await?.rows_affected() == 1)
}

fn bind_statuses<'q>(
    mut query: Query<'q, sqlx::Any, AnyArguments>,
    statuses: &[Status],
) -> Query<'q, sqlx::Any, AnyArguments> {
    for status in statuses {
        query = query.bind(status.code());
    }
    query
}

/// Applies a move to a campaign, `scheduled_at` being the time a scheduled
/// one waits for. False when the campaign was not in a status the move starts
/// from (another instance, or another click, got there first).
pub async fn apply(db: &Db, id: i64, to_apply: Move, scheduled_at: Option<i64>) -> sqlx::Result<bool> {
    if to_apply.queues() {
        return queue(db, id, to_apply).await;
    }
    let mut tx = db.begin().await?;
    let finished_at = (to_apply.to() == Status::Cancelled).then(now_rfc3339);
    let sql = format!(
        "UPDATE newsletter_campaigns SET status = $1, scheduled_at = $2, finished_at = COALESCE($3, finished_at) \
         WHERE id = $4 AND status IN ({})",
        Db::placeholders(5, to_apply.from().len())
    );
    let query =
        sqlx::query(sqlx::AssertSqlSafe(sql)).bind(to_apply.to().code()).bind(scheduled_at).bind(finished_at).bind(id);
    let moved = bind_statuses(query, to_apply.from()).execute(&mut *tx).await?.rows_affected() == 1;
    if moved && to_apply == Move::Cancel {
        // What was not yet sent is skipped for good.
        sqlx::query(
            "UPDATE newsletter_deliveries SET status = 'skipped', error = 'cancelled' \
             WHERE campaign_id = $1 AND status = 'queued'",
        )
        .bind(id)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(moved)
}

/// Moves a campaign to sending and writes one delivery per recipient, in one
/// transaction: either both happen or neither.
async fn queue(db: &Db, campaign_id: i64, to_apply: Move) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    let sql = format!(
        "UPDATE newsletter_campaigns SET status = $1, queued_at = $2 WHERE id = $3 AND status IN ({}) \
         RETURNING network_id, audience",
        Db::placeholders(4, to_apply.from().len())
    );
    let claim = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(to_apply.to().code()).bind(now_rfc3339()).bind(campaign_id);
    let Some(row) = bind_statuses(claim, to_apply.from()).fetch_optional(&mut *tx).await? else {
        return Ok(false);
    };
    let network_id: i64 = row.try_get("network_id")?;
    let audience = Audience::from_json(&row.try_get::<String, _>("audience")?);
    let (select, mut params) = audience.select(network_id);
    let insert = format!(
        "INSERT INTO newsletter_deliveries (campaign_id, subscription_id, email, lang, status, next_attempt_at) \
         SELECT ${}, q.id, q.email, q.lang, 'queued', ${} FROM ({select}) q",
        params.len() + 1,
        params.len() + 2
    );
    params.push(audience::Param::Int(campaign_id));
    params.push(audience::Param::Int(now_ms()));
    audience::bind(sqlx::query(sqlx::AssertSqlSafe(insert)), params).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(true)
}

/// Starts the scheduled campaigns whose time has come.
pub async fn start_due(db: &Db) -> sqlx::Result<()> {
    let due: Vec<i64> = sqlx::query_scalar(
        "SELECT id FROM newsletter_campaigns WHERE status = 'scheduled' AND scheduled_at <= $1 ORDER BY id",
    )
    .bind(now_ms())
    .fetch_all(&db.pool)
    .await?;
    for campaign_id in due {
        apply(db, campaign_id, Move::Start, None).await?;
    }
    Ok(())
}

/// How many confirmed subscribers an audience reaches now.
pub async fn audience_size(db: &Db, network_id: i64, audience: &Audience) -> sqlx::Result<i64> {
    let (select, params) = audience.select(network_id);
    let sql = format!("SELECT COUNT(*) FROM ({select}) q");
    let row = audience::bind(sqlx::query(sqlx::AssertSqlSafe(sql)), params).fetch_one(&db.pool).await?;
    row.try_get(0)
}

/// A campaign's deliveries by status.
#[derive(Default)]
pub struct Counts {
    pub total: i64,
    pub queued: i64,
    pub sending: i64,
    pub sent: i64,
    pub failed: i64,
    pub skipped: i64,
}

/// The statuses of a delivery, as the counts and the filter of the recipients' list name them.
pub const DELIVERY_STATUSES: &[&str] = &["queued", "sending", "sent", "failed", "skipped"];

impl Counts {
    /// Messages with a final status: sent, failed or skipped.
    pub fn done(&self) -> i64 {
        self.sent + self.failed + self.skipped
    }

    /// The count of one of [`DELIVERY_STATUSES`].
    pub fn of(&self, status: &str) -> i64 {
        match status {
            "queued" => self.queued,
            "sending" => self.sending,
            "sent" => self.sent,
            "failed" => self.failed,
            _ => self.skipped,
        }
    }

    fn add(&mut self, status: &str, n: i64) {
        self.total += n;
        match status {
            "queued" => self.queued += n,
            "sending" => self.sending += n,
            "sent" => self.sent += n,
            "failed" => self.failed += n,
            _ => self.skipped += n,
        }
    }
}

pub async fn counts(db: &Db, campaign_id: i64) -> sqlx::Result<Counts> {
    let rows =
        sqlx::query("SELECT status, COUNT(*) AS n FROM newsletter_deliveries WHERE campaign_id = $1 GROUP BY status")
            .bind(campaign_id)
            .fetch_all(&db.pool)
            .await?;
    let mut counts = Counts::default();
    for row in rows {
        counts.add(&row.try_get::<String, _>("status")?, row.try_get("n")?);
    }
    Ok(counts)
}

/// One recipient of a campaign and how their message went.
pub struct Recipient {
    pub email: String,
    pub lang: String,
    pub status: String,
    pub attempts: i64,
    pub when: String,
    pub error: String,
}

/// A page of a campaign's recipients in queue order; `status` empty for all of them.
pub async fn recipients(
    db: &Db,
    campaign_id: i64,
    status: &str,
    limit: i64,
    offset: i64,
) -> sqlx::Result<Vec<Recipient>> {
    let rows = sqlx::query(
        "SELECT email, lang, status, attempts, sent_at, error FROM newsletter_deliveries \
         WHERE campaign_id = $1 AND ($2 = '' OR status = $2) ORDER BY id LIMIT $3 OFFSET $4",
    )
    .bind(campaign_id)
    .bind(status)
    .bind(limit)
    .bind(offset)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Recipient {
                email: row.try_get("email")?,
                lang: row.try_get("lang")?,
                status: row.try_get("status")?,
                attempts: row.try_get("attempts")?,
                when: row
                    .try_get::<Option<String>, _>("sent_at")?
                    .map(|at| at.chars().take(19).collect())
                    .unwrap_or_default(),
                error: row.try_get::<Option<String>, _>("error")?.unwrap_or_default(),
            })
        })
        .collect()
}

/// A campaign as the writers' desk lists it.
pub struct Summary {
    pub id: i64,
    pub theme_id: Option<i64>,
    pub main_lang: Lang,
    pub subject: LocalizedText,
    pub status: Status,
    pub sent: i64,
    pub total: i64,
}

/// A network's campaigns, newest first.
pub async fn summaries(db: &Db, network_id: i64) -> sqlx::Result<Vec<Summary>> {
    let rows = sqlx::query(
        "SELECT c.id AS id, c.subject AS subject, c.main_lang AS main_lang, c.status AS status, c.theme_id AS theme_id, \
         (SELECT COUNT(*) FROM newsletter_deliveries d WHERE d.campaign_id = c.id AND d.status = 'sent') AS sent, \
         (SELECT COUNT(*) FROM newsletter_deliveries d WHERE d.campaign_id = c.id) AS total \
         FROM newsletter_campaigns c WHERE c.network_id = $1 ORDER BY c.id DESC",
    )
    .bind(network_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(Summary {
                id: row.try_get("id")?,
                theme_id: row.try_get("theme_id")?,
                main_lang: Lang::parse(&row.try_get::<String, _>("main_lang")?).unwrap_or_default(),
                subject: LocalizedText::from_json(&row.try_get::<String, _>("subject")?),
                status: Status::parse(&row.try_get::<String, _>("status")?),
                sent: row.try_get("sent")?,
                total: row.try_get("total")?,
            })
        })
        .collect()
}

/// A network's subscriptions counted by status code.
pub async fn subscriber_counts(db: &Db, network_id: i64) -> sqlx::Result<Vec<(String, i64)>> {
    sqlx::query_as(
        "SELECT status, COUNT(*) AS n FROM newsletter_subscriptions WHERE network_id = $1 GROUP BY status ORDER BY status",
    )
    .bind(network_id)
    .fetch_all(&db.pool)
    .await
}

/// An address the newsletter no longer mails, and the mail server's last word on it.
pub struct HeldAddress {
    pub email: String,
    pub bounces: i64,
    pub reason: String,
    pub at: String,
}

/// The held addresses among a network's subscribers, most recently held first.
pub async fn held_addresses(db: &Db, network_id: i64) -> sqlx::Result<Vec<HeldAddress>> {
    let rows = sqlx::query(
        "SELECT a.email AS email, a.bounces AS bounces, a.last_bounce AS reason, a.held_at AS held_at \
         FROM newsletter_addresses a JOIN newsletter_subscriptions s ON s.email = a.email \
         WHERE s.network_id = $1 AND a.held_at IS NOT NULL ORDER BY a.held_at DESC",
    )
    .bind(network_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(HeldAddress {
                email: row.try_get("email")?,
                bounces: row.try_get("bounces")?,
                reason: row.try_get::<Option<String>, _>("reason")?.unwrap_or_default(),
                at: row.try_get::<String, _>("held_at")?.chars().take(16).collect(),
            })
        })
        .collect()
}

/// Lets a held address subscribed to the network receive the newsletter
/// again, its count of failures starting afresh; false when no such address is held.
pub async fn release(db: &Db, network_id: i64, email: &str) -> sqlx::Result<bool> {
    let released = sqlx::query(
        "UPDATE newsletter_addresses SET held_at = NULL, bounces = 0 WHERE email = $1 AND held_at IS NOT NULL \
         AND EXISTS (SELECT 1 FROM newsletter_subscriptions s WHERE s.email = $1 AND s.network_id = $2)",
    )
    .bind(email)
    .bind(network_id)
    .execute(&db.pool)
    .await?
    .rows_affected();
    Ok(released > 0)
}

pub async fn set_default_lang(db: &Db, network_id: i64, lang: Lang) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO newsletter_settings (network_id, default_lang) VALUES ($1, $2) \
         ON CONFLICT (network_id) DO UPDATE SET default_lang = excluded.default_lang",
    )
    .bind(network_id)
    .bind(lang.code())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The countries an audience may be narrowed to: its subscribers' and its members'.
pub async fn audience_countries(db: &Db, network_id: i64) -> sqlx::Result<Vec<String>> {
    sqlx::query_scalar(
        "SELECT DISTINCT country FROM newsletter_subscriptions WHERE network_id = $1 AND country IS NOT NULL \
         UNION SELECT DISTINCT o.country FROM organizations o JOIN network_members m ON m.organization_id = o.id \
         WHERE m.network_id = $1 AND o.country IS NOT NULL",
    )
    .bind(network_id)
    .fetch_all(&db.pool)
    .await
}
