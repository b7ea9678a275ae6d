//! Replying to a notification by mail. Each mail about one post carries a Reply-To address with a token signed by
//! the server's key naming the thread and the person it was sent to; a message to such an address from that
//! person's own address becomes their reply, its quoted text and signature left out, held or visible exactly as
//! a reply on the web would be. Messages arrive over SMTP on a port of IRENE's own or from a relay's pipe
//! (`irene receive-mail`); anything else (no token, a forged one, another sender, someone who may not post there,
//! an automatic message) is refused and writes nothing.

use crate::accounts::Rights;
use crate::platform::db::Db;
use crate::platform::signing::Signer;
use crate::platform::smtp_server::{Delivery, Envelope, Verdict};

use super::pages::{MAX_BODY, Standing, write_reply};

/// What a token is signed for, so no other signed link opens a thread.
const PURPOSE: &str = "discussion-reply";
/// The local part of every reply address starts with this.
const PREFIX: &str = "reply+";

/// The key every instance shares for reply addresses, made on first use.
pub async fn signer(db: &Db) -> sqlx::Result<Signer> {
    Signer::load(db, "mail-replies").await
}

/// What makes reply addresses: the key, and the domain they are at.
#[derive(Clone)]
pub struct ReplyAddresses {
    pub signer: Signer,
    pub domain: String,
}

impl ReplyAddresses {
    /// The address at which `user_id` replies to `thread_id`.
    pub fn of(&self, thread_id: i64, user_id: i64) -> String {
        format!("{PREFIX}{}@{}", self.signer.sign(PURPOSE, &format!("{thread_id}.{user_id}")), self.domain)
    }
}

/// The thread and person an address was made for, if it is one of ours and unaltered (at any domain: relays
/// rewrite them).
fn read(signer: &Signer, address: &str) -> Option<(i64, i64)> {
    let address = address.trim().trim_start_matches('<').trim_end_matches('>');
    let local = address.rsplit_once('@').map_or(address, |(local, _)| local);
    let token = local.strip_prefix(PREFIX)?;
    let value = signer.verify(PURPOSE, token)?;
    let (thread, user) = value.split_once('.')?;
    Some((thread.parse().ok()?, user.parse().ok()?))
}

/// Why a message did not become a post.
#[derive(Debug, thiserror::Error)]
pub enum Refusal {
    #[error("not a reply address of this server")]
    Address,
    #[error("the sender is not the person this reply address was made for")]
    Sender,
    #[error("this person may not reply in this thread")]
    NotAllowed,
    #[error("the reply has no text of its own")]
    Empty,
    #[error("automatic mail is not taken")]
    Automatic,
    #[error("not an e-mail message")]
    Unreadable,
}

#[derive(Debug, thiserror::Error)]
pub enum ReceiveError {
    #[error("refused: {0}")]
    Refused(#[from] Refusal),
    #[error(transparent)]
    Failed(#[from] sqlx::Error),
}

/// Where replies arrive, over SMTP or from a pipe.
#[derive(Clone)]
pub struct Inbox {
    pub db: Db,
    pub signer: Signer,
}

impl Delivery for Inbox {
    async fn deliver(&self, envelope: Envelope) -> Verdict {
        match self.receive(&envelope.recipients, &envelope.data).await {
            Ok(post) => {
                tracing::info!(post, "a reply by mail was posted");
                Verdict::Accepted
            }
            Err(ReceiveError::Refused(refusal)) => Verdict::Refused(refusal.to_string()),
            Err(ReceiveError::Failed(error)) => {
                tracing::warn!(%error, "a reply by mail could not be stored");
                Verdict::Deferred("Try again later".into())
            }
        }
    }
}

impl Inbox {
    /// Posts a message (RFC 5322) sent to one of `recipients` (or, when none is given, to an address in its
    /// headers) as its sender's reply. Returns the post's id.
    pub async fn receive(&self, recipients: &[String], raw: &[u8]) -> Result<i64, ReceiveError> {
        let message = mail_parser::MessageParser::default().parse(raw).ok_or(Refusal::Unreadable)?;
        if message.header("Auto-Submitted").and_then(|v| v.as_text()).is_some_and(|v| !v.eq_ignore_ascii_case("no")) {
            return Err(Refusal::Automatic.into());
        }
        let mut candidates: Vec<String> = recipients.to_vec();
        if candidates.is_empty() {
            for name in ["Delivered-To", "X-Original-To"] {
                candidates.extend(message.header_raw(name).map(|v| v.trim().to_string()));
            }
            for list in [message.to(), message.cc()].into_iter().flatten() {
                candidates.extend(list.iter().filter_map(|a| a.address()).map(str::to_string));
            }
        }
        let (thread_id, user_id) = candidates.iter().find_map(|c| read(&self.signer, c)).ok_or(Refusal::Address)?;
        let sender = message.from().and_then(|f| f.first()).and_then(|a| a.address()).ok_or(Refusal::Sender)?;
        let email: Option<String> =
            sqlx::query_scalar("SELECT email FROM users WHERE id = $1 AND deleted_at IS NULL AND disabled_at IS NULL")
                .bind(user_id)
                .fetch_optional(&self.db.pool)
                .await?;
        if !email.is_some_and(|email| email.eq_ignore_ascii_case(sender.trim())) {
            return Err(Refusal::Sender.into());
        }
        let rights = Rights::of_account(&self.db, user_id).await?.ok_or(Refusal::Sender)?;
        let thread: Option<(i64, String, i64)> =
            sqlx::query_as("SELECT network_id, status, locked FROM discussion_threads WHERE id = $1")
                .bind(thread_id)
                .fetch_optional(&self.db.pool)
                .await?;
        let (network_id, status, locked) = thread.ok_or(Refusal::NotAllowed)?;
        let standing = Standing::of(&self.db, Some(rights.user().clone()), network_id).await?;
        if !standing.may_post || locked != 0 || status == "hidden" {
            return Err(Refusal::NotAllowed.into());
        }
        let body = own_text(&message.body_text(0).unwrap_or_default());
        if body.is_empty() {
            return Err(Refusal::Empty.into());
        }
        let body: String = body.chars().take(MAX_BODY).collect();
        Ok(write_reply(&self.db, &standing, network_id, thread_id, &body).await?.0)
    }
}

/// Whether a line introduces the quoted message ("On … wrote:", "… пишет:", "… yazdı:").
fn introduces_quote(line: &str) -> bool {
    let line = line.trim().to_lowercase();
    line.ends_with(':') && ["wrote", "пишет", "написал", "yazdı", "yazıb"].iter().any(|word| line.contains(word))
}

/// What the sender wrote themselves: the text above the quoted message and the signature, without quoted lines.
pub fn own_text(text: &str) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for line in text.lines() {
        let trimmed = line.trim_end();
        if trimmed == "--"
            || trimmed.starts_with("-----Original Message-----")
            || trimmed.starts_with("________________")
            || introduces_quote(trimmed)
        {
            break;
        }
        if !trimmed.trim_start().starts_with('>') {
            kept.push(trimmed);
        }
    }
    kept.join("\n").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn quoted_text_and_signatures_are_left_out() {
        let mail =
            "Yes, we join.\r\n\r\nTen volunteers.\r\n> earlier\r\nOn Mon, 30 Nov 2026, IRENE wrote:\r\n> Who joins?";
        assert_eq!(own_text(mail), "Yes, we join.\n\nTen volunteers.");
        assert_eq!(own_text("Da.\n-- \nAygün\nGreen Steppe"), "Da.");
        assert_eq!(own_text("Bəli.\n\n30 noy 2026, IRENE yazdı:\n> Kim?"), "Bəli.");
        assert_eq!(own_text("Ok\n-----Original Message-----\nFrom: x"), "Ok");
        assert_eq!(own_text("> all quoted\n"), "");
    }

    #[test]
    fn reply_addresses_open_only_unaltered() {
        let addresses = ReplyAddresses { signer: Signer::with_key(b"k"), domain: "irene.example".into() };
        let address = addresses.of(12, 34);
        assert!(address.starts_with("reply+") && address.ends_with("@irene.example"), "{address}");
        assert_eq!(read(&addresses.signer, &address), Some((12, 34)));
        assert_eq!(read(&addresses.signer, &address.replace("irene.example", "relay.example")), Some((12, 34)));
        assert_eq!(read(&Signer::with_key(b"other"), &address), None);
        // Another thread's tag on this value, as someone who altered the address would try.
        let value = address.trim_start_matches(PREFIX).split_once('.').unwrap().0;
        let other_tag = addresses.signer.sign(PURPOSE, "13.34").split_once('.').unwrap().1.to_string();
        assert_eq!(read(&addresses.signer, &format!("{PREFIX}{value}.{other_tag}@irene.example")), None);
        assert_eq!(read(&addresses.signer, "someone@irene.example"), None);
    }
}
