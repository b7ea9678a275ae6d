//! The links a subscriber follows without an account: confirming, managing
//! every subscription of the address, and leaving one in a click.
//!
//! The manage and unsubscribe links carry a subscription's number and its
//! HMAC, never the address: a link ends up in logs, referrers and forwarded
//! mail, and must not tell anyone whose it is. The key is shared through the
//! database, so a link mailed by one instance opens on every other.

use crate::platform::db::Db;
use crate::platform::i18n::Lang;
use crate::platform::signing::Signer;

/// The purposes the signer keeps apart, so an unsubscribe link cannot open the manage page.
const MANAGE: &str = "newsletter-manage";
const UNSUBSCRIBE: &str = "newsletter-unsubscribe";

/// Where the portal is reached from outside, and the key that proves links.
#[derive(Clone)]
pub struct Links {
    public_url: String,
    signer: Signer,
}

/// The links a test send carries in place of a subscriber's own.
pub struct TestLinks {
    pub unsubscribe: String,
    pub manage: String,
}

impl Links {
    pub fn new(public_url: &str, signer: Signer) -> Links {
        Links { public_url: public_url.to_string(), signer }
    }

    /// The portal's address, for links that prove nothing (an issue's web version, the feed).
    pub fn public_url(&self) -> &str {
        &self.public_url
    }

    /// The page from which the address of `subscription` manages all its subscriptions.
    pub fn manage(&self, subscription: i64) -> String {
        format!("{}/newsletter/manage/{}", self.public_url, self.signer.sign(MANAGE, &subscription.to_string()))
    }

    /// Ends `subscription`: the page with its button, and the target of RFC 8058's one-click POST.
    pub fn unsubscribe(&self, subscription: i64) -> String {
        format!(
            "{}/newsletter/unsubscribe/{}",
            self.public_url,
            self.signer.sign(UNSUBSCRIBE, &subscription.to_string())
        )
    }

    /// The link of a confirmation mail; the database keeps only the secret's hash.
    pub fn confirm(&self, secret: &str, lang: Lang) -> String {
        format!("{}/newsletter/confirm?token={secret}&lang={}", self.public_url, lang.code())
    }

    /// The subscription a manage link was made for.
    pub fn managed(&self, token: &str) -> Option<i64> {
        self.signer.verify(MANAGE, token)?.parse().ok()
    }

    /// The subscription an unsubscribe link was made for.
    pub fn unsubscribed(&self, token: &str) -> Option<i64> {
        self.signer.verify(UNSUBSCRIBE, token)?.parse().ok()
    }

    /// A test recipient's own links when it subscribes to the network's
    /// newsletter; else the newsletter's page, as there is nothing of its to manage.
    pub async fn for_test_send(&self, db: &Db, network_id: i64, slug: &str, email: &str) -> sqlx::Result<TestLinks> {
        let subscription: Option<i64> = sqlx::query_scalar(
            "SELECT id FROM newsletter_subscriptions WHERE network_id = $1 AND lower(email) = lower($2)",
        )
        .bind(network_id)
        .bind(email)
        .fetch_optional(&db.pool)
        .await?;
        Ok(match subscription {
            Some(id) => TestLinks { unsubscribe: self.unsubscribe(id), manage: self.manage(id) },
            None => {
                let page = format!("{}/networks/{slug}/newsletter", self.public_url);
                TestLinks { unsubscribe: page.clone(), manage: page }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(link: &str) -> &str {
        link.rsplit('/').next().unwrap()
    }

    #[test]
    fn each_link_opens_only_for_its_purpose_and_key() {
        let links = Links::new("https://irene.test", Signer::with_key(b"key"));
        let manage = links.manage(42);
        assert_eq!(links.managed(token(&manage)), Some(42));
        assert_eq!(links.unsubscribed(token(&manage)), None);
        let unsubscribe = links.unsubscribe(42);
        assert_eq!(links.unsubscribed(token(&unsubscribe)), Some(42));
        assert_eq!(links.managed(token(&unsubscribe)), None);
        assert_eq!(
            Links::new("https://irene.test", Signer::with_key(b"other")).unsubscribed(token(&unsubscribe)),
            None
        );
    }
}
