//! Links that prove themselves: a value and its HMAC under a key every
//! instance shares (kept in the database), so a link mailed by one instance
//! opens on any other, and no one can forge one for another value.

use base64::Engine as _;
use hmac::{Hmac, KeyInit, Mac};
use sha2::Sha256;

use super::db::{Db, Dialect};
use super::migrate::Migration;

pub const MIGRATIONS: &[Migration] = &[Migration { version: 53, name: "shared secrets", sql: table }];

fn table(_: Dialect) -> String {
    "CREATE TABLE platform_secrets (name TEXT PRIMARY KEY, secret TEXT NOT NULL)".to_string()
}

const B64: base64::engine::GeneralPurpose = base64::engine::general_purpose::URL_SAFE_NO_PAD;

#[derive(Clone)]
pub struct Signer {
    key: Vec<u8>,
}

impl Signer {
    /// The key named `name`, made on first use; instances racing to make it
    /// all end up with the one that was stored first.
    pub async fn load(db: &Db, name: &str) -> sqlx::Result<Signer> {
        sqlx::query("INSERT INTO platform_secrets (name, secret) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING")
            .bind(name)
            .bind(super::auth::new_secret())
            .execute(&db.pool)
            .await?;
        let secret: String = sqlx::query_scalar("SELECT secret FROM platform_secrets WHERE name = $1")
            .bind(name)
            .fetch_one(&db.pool)
            .await?;
        Ok(Signer { key: secret.into_bytes() })
    }

    #[cfg(test)]
    pub fn with_key(key: &[u8]) -> Signer {
        Signer { key: key.to_vec() }
    }

    fn mac(&self, purpose: &str, value: &str) -> Hmac<Sha256> {
        let mut mac = Hmac::<Sha256>::new_from_slice(&self.key).expect("HMAC accepts keys of any length");
        // The purpose keeps a token made for one use from opening another.
        mac.update(purpose.as_bytes());
        mac.update(&[0]);
        mac.update(value.as_bytes());
        mac
    }

    /// A URL-safe token carrying `value`, valid only for `purpose`.
    pub fn sign(&self, purpose: &str, value: &str) -> String {
        let tag = self.mac(purpose, value).finalize().into_bytes();
        format!("{}.{}", B64.encode(value), B64.encode(tag))
    }

    /// The value a token carries, if it was signed for `purpose` with this key.
    pub fn verify(&self, purpose: &str, token: &str) -> Option<String> {
        let (value, tag) = token.split_once('.')?;
        let value = String::from_utf8(B64.decode(value).ok()?).ok()?;
        let tag = B64.decode(tag).ok()?;
        self.mac(purpose, &value).verify_slice(&tag).ok()?;
        Some(value)
    }
}

#[cfg(test)]
mod tests {
    use super::Signer;

    #[test]
    fn tokens_open_only_for_their_purpose_and_key() {
        let signer = Signer::with_key(b"key one");
        let token = signer.sign("manage", "lala@example.az");
        assert_eq!(signer.verify("manage", &token).as_deref(), Some("lala@example.az"));
        assert_eq!(signer.verify("unsubscribe", &token), None);
        assert_eq!(Signer::with_key(b"key two").verify("manage", &token), None);
        let (value, tag) = token.split_once('.').unwrap();
        let forged = format!("{}.{tag}", base64::Engine::encode(&super::B64, "someone@example.org"));
        assert_eq!(signer.verify("manage", &forged), None);
        assert_eq!(signer.verify("manage", value), None);
        assert_eq!(signer.verify("manage", "not a token"), None);
        assert_eq!(signer.verify("manage", ""), None);
    }
}
