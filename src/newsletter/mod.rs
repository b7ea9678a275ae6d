//! Each network's e-newsletter: subscriptions with double opt-in and a
//! recorded consent, campaigns composed per language for an audience, their
//! delivery to every recipient exactly once, and the public archive.

pub mod api;
pub mod archive;
pub mod audience;
pub mod campaign;
pub mod campaign_store;
pub mod campaign_views;
pub mod campaigns;
pub mod delivery;
pub mod layout;
pub mod links;
pub mod schema;
pub mod subscriptions;

pub use links::Links;

use std::path::PathBuf;
use std::time::Duration;

use sqlx::Row;

use crate::platform::auth::SignedIn;
use crate::platform::db::Db;
use crate::platform::forms::Choice;
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::values::{CountryCode, Slug};

/// How an instance sends: the operator's settings.
#[derive(Clone, Debug)]
pub struct NewsletterSettings {
    /// Messages per second this instance hands to the SMTP server; 0 for no limit.
    pub rate_per_second: u32,
    /// How many messages this instance has in flight at once.
    pub concurrency: usize,
    /// How long a claimed message belongs to its sender; after that, another
    /// instance takes it over (the sender is presumed dead).
    pub lease: Duration,
    /// Attempts before a temporarily failing message is given up.
    pub max_attempts: i64,
    /// The wait before the first retry; each further retry waits twice as long, at most an hour.
    pub retry_after: Duration,
    /// Permanent failures after which an address is held.
    pub bounce_limit: i64,
    /// A folder holding `layout.html` and `layout.txt` that replace the built-in mail layout.
    pub layout_dir: Option<PathBuf>,
}

impl Default for NewsletterSettings {
    fn default() -> Self {
        NewsletterSettings {
            rate_per_second: 100,
            concurrency: 4,
            lease: Duration::from_secs(120),
            max_attempts: 6,
            retry_after: Duration::from_secs(30),
            bounce_limit: 3,
            layout_dir: None,
        }
    }
}

/// The network a newsletter belongs to.
pub struct NetworkRef {
    pub id: i64,
    pub slug: Slug,
    pub name: LocalizedText,
}

pub async fn network(db: &Db, slug: &Slug) -> sqlx::Result<Option<NetworkRef>> {
    let row = sqlx::query("SELECT id, name FROM networks WHERE slug = $1")
        .bind(slug.as_str())
        .fetch_optional(&db.pool)
        .await?;
    row.map(|row| {
        Ok(NetworkRef {
            id: row.try_get("id")?,
            slug: slug.clone(),
            name: LocalizedText::from_json(&row.try_get::<String, _>("name")?),
        })
    })
    .transpose()
}

/// The language a network's issues are written in first, and which readers of
/// a language without a version get; English until the coordinator says otherwise.
pub async fn default_lang(db: &Db, network_id: i64) -> sqlx::Result<Lang> {
    let code: Option<String> = sqlx::query_scalar("SELECT default_lang FROM newsletter_settings WHERE network_id = $1")
        .bind(network_id)
        .fetch_optional(&db.pool)
        .await?;
    Ok(code.and_then(|code| Lang::parse(&code)).unwrap_or(Lang::En))
}

/// A theme a subscriber may follow and a section may be written for: one
/// with a focal point in the network.
pub struct ThemeChoice {
    pub id: i64,
    pub name: String,
}

pub async fn network_themes(db: &Db, network_id: i64, lang: Lang) -> sqlx::Result<Vec<ThemeChoice>> {
    let rows = sqlx::query(
        "SELECT DISTINCT t.id AS id, t.name AS name, t.position AS position FROM themes t \
         JOIN focal_points fp ON fp.theme_id = t.id WHERE fp.network_id = $1 ORDER BY t.position",
    )
    .bind(network_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            Ok(ThemeChoice {
                id: row.try_get("id")?,
                name: LocalizedText::from_json(&row.try_get::<String, _>("name")?).get(lang).to_string(),
            })
        })
        .collect()
}

/// Country codes as choices named in `lang`, in the order of their names, each once.
pub fn country_choices(codes: &[String], lang: Lang) -> Vec<Choice> {
    let mut choices: Vec<Choice> = codes
        .iter()
        .filter_map(|code| CountryCode::parse(code))
        .map(|code| Choice { value: code.to_string(), label: code.name(lang).to_string() })
        .collect();
    choices.sort_by(|a, b| a.label.cmp(&b.label));
    choices.dedup_by(|a, b| a.value == b.value);
    choices
}

/// What a person may write for a network's newsletter: all of it as its
/// coordinator (or an administrator), or the sections of the themes whose
/// focal points their organisation leads.
pub struct EditorialRights {
    pub coordinator: bool,
    pub themes: Vec<i64>,
}

impl EditorialRights {
    pub async fn of(db: &Db, user: &SignedIn, network_id: i64) -> sqlx::Result<EditorialRights> {
        let rights = crate::accounts::Rights::of(db, user);
        let coordinator = rights.may(crate::accounts::Right::CoordinateNetwork(network_id)).await?;
        let mut themes: Vec<i64> =
            rights.led_focal_points(network_id).await?.into_iter().map(|(_, theme)| theme).collect();
        themes.sort_unstable();
        themes.dedup();
        Ok(EditorialRights { coordinator, themes })
    }

    pub fn any(&self) -> bool {
        self.coordinator || !self.themes.is_empty()
    }

    /// Whether a campaign for `theme` (none: the whole newsletter) is theirs to write.
    pub fn may_write(&self, theme: Option<i64>) -> bool {
        self.coordinator || theme.is_some_and(|theme| self.themes.contains(&theme))
    }
}
