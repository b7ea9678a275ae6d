//! Mail about new posts: each person chooses, per network, mail for every post, a daily digest or none. A post
//! that becomes visible queues one row per subscriber in `discussion_outbox`, in the database every instance
//! shares; a worker on each instance claims rows one by one (an update that only one instance wins) and sends
//! them, at once for "every post" and, for a digest, once a subscriber's oldest waiting row is a day old.

use std::time::Duration;

use sqlx::Row;

use crate::platform::clock::now_rfc3339;
use crate::platform::db::Db;
use crate::platform::i18n::Lang;
use crate::platform::mail::{Email, Mailer, OutgoingMail};

/// How a person hears of new posts in a network's groups.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    Every,
    Digest,
    None,
}

impl Mode {
    pub const ALL: [Mode; 3] = [Mode::Every, Mode::Digest, Mode::None];

    pub fn code(self) -> &'static str {
        match self {
            Mode::Every => "every",
            Mode::Digest => "digest",
            Mode::None => "none",
        }
    }

    pub fn parse(code: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.code() == code)
    }
}

/// The person's choice for a network; none until they make one.
pub async fn mode_of(db: &Db, network_id: i64, user_id: i64) -> sqlx::Result<Mode> {
    let code: Option<String> =
        sqlx::query_scalar("SELECT mode FROM discussion_subscriptions WHERE network_id = $1 AND user_id = $2")
            .bind(network_id)
            .bind(user_id)
            .fetch_optional(&db.pool)
            .await?;
    Ok(code.as_deref().and_then(Mode::parse).unwrap_or(Mode::None))
}

/// Records the person's choice, and the language their mail is written in.
pub async fn choose(db: &Db, network_id: i64, user_id: i64, mode: Mode, lang: Lang) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO discussion_subscriptions (network_id, user_id, mode, lang) VALUES ($1, $2, $3, $4) \
         ON CONFLICT (network_id, user_id) DO UPDATE SET mode = $3, lang = $4",
    )
    .bind(network_id)
    .bind(user_id)
    .bind(mode.code())
    .bind(lang.code())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// Queues mail about a post that has just become visible to everyone who wants it but its author.
pub async fn enqueue(db: &Db, post_id: i64) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO discussion_outbox (user_id, post_id, mode, created_at) \
         SELECT s.user_id, p.id, s.mode, $2 FROM discussion_posts p \
         JOIN discussion_threads t ON t.id = p.thread_id \
         JOIN discussion_subscriptions s ON s.network_id = t.network_id \
         WHERE p.id = $1 AND s.mode <> 'none' AND s.user_id <> COALESCE(p.author_id, 0)",
    )
    .bind(post_id)
    .bind(now_rfc3339())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// What a worker needs, apart from the web state.
#[derive(Clone)]
pub struct Notifier {
    pub db: Db,
    pub mailer: Mailer,
    pub public_url: String,
    /// The Reply-To addresses by which a post's mail is answered.
    pub replies: super::replies::ReplyAddresses,
    /// How long a digest gathers posts.
    pub digest_after: Duration,
}

/// How often a worker looks for mail to send.
const EVERY: Duration = Duration::from_secs(2);

/// Sends queued mail until the process ends.
pub fn start(notifier: Notifier) {
    tokio::spawn(async move {
        let mut ticker = tokio::time::interval(EVERY);
        loop {
            ticker.tick().await;
            if let Err(error) = send_due(&notifier).await {
                tracing::warn!(error = format!("{error:#}"), "discussion mail failed");
            }
        }
    });
}

/// A queued post, as a mail tells of it.
struct Queued {
    id: i64,
    user_id: i64,
    email: String,
    lang: Lang,
    network: String,
    thread_id: i64,
    title: String,
    author: String,
    body: String,
}

/// Whether a subscriber's digest is due: their oldest waiting post is at least `digest_after` old.
pub fn digest_due(oldest: &str, now: time::OffsetDateTime, digest_after: Duration) -> bool {
    time::OffsetDateTime::parse(oldest, &time::format_description::well_known::Rfc3339)
        .is_ok_and(|at| now - at >= digest_after)
}

async fn send_due(notifier: &Notifier) -> anyhow::Result<()> {
    let rows = sqlx::query(
        "SELECT o.id, o.user_id, o.mode, o.created_at, u.email, s.lang, n.slug, t.id AS thread_id, t.title, a.display_name, p.body \
         FROM discussion_outbox o JOIN users u ON u.id = o.user_id \
         JOIN discussion_posts p ON p.id = o.post_id JOIN discussion_threads t ON t.id = p.thread_id \
         JOIN networks n ON n.id = t.network_id \
         JOIN discussion_subscriptions s ON s.network_id = t.network_id AND s.user_id = o.user_id \
         LEFT JOIN users a ON a.id = p.author_id \
         WHERE o.sent_at IS NULL AND u.deleted_at IS NULL ORDER BY o.user_id, o.id",
    )
    .fetch_all(&notifier.db.pool)
    .await?;
    let now = time::OffsetDateTime::now_utc();
    // Per subscriber and mode, the posts that go out now; a subscriber's digest is due by their oldest row (rows
    // come oldest first per subscriber).
    let mut batches: Vec<(String, Vec<Queued>)> = Vec::new();
    let mut digest_is_due: std::collections::BTreeMap<String, bool> = std::collections::BTreeMap::new();
    for row in &rows {
        let mode: String = row.try_get("mode")?;
        let email: String = row.try_get("email")?;
        if mode == "digest" {
            let created_at: String = row.try_get("created_at")?;
            let due = *digest_is_due
                .entry(email.clone())
                .or_insert_with(|| digest_due(&created_at, now, notifier.digest_after));
            if !due {
                continue;
            }
        }
        let queued = Queued {
            id: row.try_get("id")?,
            user_id: row.try_get("user_id")?,
            lang: Lang::parse(&row.try_get::<String, _>("lang")?).unwrap_or_default(),
            network: row.try_get("slug")?,
            thread_id: row.try_get("thread_id")?,
            title: row.try_get("title")?,
            author: row.try_get::<Option<String>, _>("display_name")?.unwrap_or_default(),
            body: row.try_get("body")?,
            email: email.clone(),
        };
        let key = if mode == "digest" { format!("digest:{email}") } else { format!("every:{}", queued.id) };
        match batches.iter_mut().find(|(k, _)| *k == key) {
            Some((_, posts)) => posts.push(queued),
            None => batches.push((key, vec![queued])),
        }
    }
    for (_, posts) in batches {
        send_batch(notifier, posts).await?;
    }
    Ok(())
}

/// Claims a batch's rows (only one instance wins each) and sends one mail for those it won.
async fn send_batch(notifier: &Notifier, posts: Vec<Queued>) -> anyhow::Result<()> {
    let now = now_rfc3339();
    let mut claimed = Vec::new();
    for post in posts {
        let won = sqlx::query("UPDATE discussion_outbox SET sent_at = $1 WHERE id = $2 AND sent_at IS NULL")
            .bind(&now)
            .bind(post.id)
            .execute(&notifier.db.pool)
            .await?
            .rows_affected();
        if won == 1 {
            claimed.push(post);
        }
    }
    let Some(first) = claimed.first() else { return Ok(()) };
    let Some(to) = Email::parse(&first.email) else { return Ok(()) };
    let lang = first.lang;
    let subject = if claimed.len() == 1 {
        format!("[{}] {}", first.network, first.title)
    } else {
        lang.t_with(
            "discussion-mail-digest-subject",
            &[("network", first.network.clone().into()), ("count", (claimed.len() as i64).into())],
        )
    };
    let mut text = String::new();
    for post in &claimed {
        let address = format!("{}/networks/{}/discussion/{}", notifier.public_url, post.network, post.thread_id);
        text.push_str(&format!(
            "{}\n{}\n\n{}\n\n{}\n\n",
            post.title,
            lang.t_with("discussion-mail-wrote", &[("author", post.author.clone().into())]),
            crate::platform::markdown::to_plain_text(&post.body),
            address
        ));
    }
    // One post's mail is answered by mail; a digest's, about several threads, on the web.
    let reply_to = (claimed.len() == 1).then(|| notifier.replies.of(first.thread_id, first.user_id));
    if reply_to.is_some() {
        text.push_str(&lang.t("discussion-mail-reply"));
        text.push_str("\n\n");
    }
    text.push_str(&lang.t_with(
        "discussion-mail-settings",
        &[("address", format!("{}/networks/{}/discussion", notifier.public_url, first.network).into())],
    ));
    let mut mail = OutgoingMail::new(to, subject, text).header("Auto-Submitted", "auto-generated");
    if let Some(address) = reply_to {
        mail = mail.header("Reply-To", address);
    }
    if let Err(error) = notifier.mailer.send(&mail).await {
        // Sent again on a later round unless the failure is permanent.
        if !error.is_permanent() {
            for post in &claimed {
                sqlx::query("UPDATE discussion_outbox SET sent_at = NULL WHERE id = $1")
                    .bind(post.id)
                    .execute(&notifier.db.pool)
                    .await?;
            }
        }
        return Err(error.into());
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_digest_waits_for_its_oldest_post_to_age() {
        let now = time::macros::datetime!(2026-11-30 12:00 UTC);
        let day = Duration::from_secs(24 * 3600);
        assert!(digest_due("2026-11-29T11:59:00Z", now, day));
        assert!(!digest_due("2026-11-29T12:01:00Z", now, day));
        assert!(!digest_due("not a time", now, day));
    }
}
