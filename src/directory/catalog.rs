//! The themes and networks a search can be narrowed to, with their names in every language. A search reads
//! them for its filters and facet labels; they are kept in memory, read again by the index's follow loop and
//! at once when a search names a theme or network not known yet, so that each search costs no SQL.

use std::sync::{Arc, RwLock};

use sqlx::Row;

use super::model::{ConsultativeStatus, OrganizationKind};
use super::queries::NamedLink;
use super::search::Facet;
use crate::platform::db::Db;
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::values::CountryCode;

/// Theme and network slugs with their names: the values their facets accept.
#[derive(PartialEq)]
pub struct Catalog {
    pub themes: Vec<NamedLink>,
    pub networks: Vec<NamedLink>,
}

impl Catalog {
    pub async fn load(db: &Db) -> sqlx::Result<Catalog> {
        let named = |rows: Vec<sqlx::any::AnyRow>| -> sqlx::Result<Vec<NamedLink>> {
            rows.iter()
                .map(|row| {
                    Ok(NamedLink {
                        slug: row.try_get("slug")?,
                        name: LocalizedText::from_json(&row.try_get::<String, _>("name")?),
                    })
                })
                .collect()
        };
        let themes = named(sqlx::query("SELECT slug, name FROM themes ORDER BY position").fetch_all(&db.pool).await?)?;
        let networks = named(sqlx::query("SELECT slug, name FROM networks ORDER BY id").fetch_all(&db.pool).await?)?;
        Ok(Catalog { themes, networks })
    }

    pub fn slugs(links: &[NamedLink]) -> Vec<String> {
        links.iter().map(|l| l.slug.clone()).collect()
    }

    /// Whether every theme and network among a search's parameters is one this catalog holds.
    fn knows_all(&self, pairs: &[(String, String)]) -> bool {
        let holds = |links: &[NamedLink], value: &str| links.iter().any(|l| l.slug == value.trim());
        pairs.iter().all(|(name, value)| match name.as_str() {
            "theme" => value.trim().is_empty() || holds(&self.themes, value),
            "network" => value.trim().is_empty() || holds(&self.networks, value),
            _ => true,
        })
    }

    /// The label of a facet value in a language.
    pub fn label(&self, facet: Facet, value: &str, lang: Lang) -> String {
        let find = |links: &[NamedLink]| {
            links.iter().find(|l| l.slug == value).map(|l| l.name.get(lang).to_string()).unwrap_or_else(|| value.into())
        };
        match facet {
            Facet::Country => {
                CountryCode::parse(value).map(|c| c.name(lang).to_string()).unwrap_or_else(|| value.into())
            }
            Facet::Kind => OrganizationKind::parse(value).map(|k| k.label(lang)).unwrap_or_else(|| value.into()),
            Facet::Status => ConsultativeStatus::parse(value).map(|s| s.label(lang)).unwrap_or_else(|| value.into()),
            Facet::Theme => find(&self.themes),
            Facet::Network => find(&self.networks),
        }
    }
}

/// The catalog as last read from the database.
pub struct KeptCatalog {
    db: Db,
    current: RwLock<Arc<Catalog>>,
}

impl KeptCatalog {
    pub async fn load(db: Db) -> sqlx::Result<KeptCatalog> {
        let current = RwLock::new(Arc::new(Catalog::load(&db).await?));
        Ok(KeptCatalog { db, current })
    }

    /// Reads the catalog again, for names changed and themes or networks added or removed meanwhile; says
    /// whether anything changed.
    pub async fn refresh(&self) -> sqlx::Result<bool> {
        let fresh = Arc::new(Catalog::load(&self.db).await?);
        let mut current = self.current.write().unwrap_or_else(|poisoned| poisoned.into_inner());
        let changed = **current != *fresh;
        *current = fresh;
        Ok(changed)
    }

    /// The catalog for a search with these parameters: the one kept, unless the search names a theme or
    /// network it does not hold, which may have been added since on this instance or another.
    pub async fn for_search(&self, pairs: &[(String, String)]) -> sqlx::Result<Arc<Catalog>> {
        let kept = Arc::clone(&self.current.read().unwrap_or_else(|poisoned| poisoned.into_inner()));
        if kept.knows_all(pairs) {
            return Ok(kept);
        }
        self.refresh().await?;
        Ok(Arc::clone(&self.current.read().unwrap_or_else(|poisoned| poisoned.into_inner())))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn link(slug: &str) -> NamedLink {
        NamedLink { slug: slug.into(), name: LocalizedText::from_json(r#"{"en":"x"}"#) }
    }

    #[test]
    fn a_search_naming_an_unknown_theme_or_network_asks_for_a_fresh_catalog() {
        let catalog = Catalog { themes: vec![link("health")], networks: vec![link("caspian")] };
        let pairs = |list: &[(&str, &str)]| -> Vec<(String, String)> {
            list.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect()
        };
        assert!(catalog.knows_all(&pairs(&[("q", "edalet"), ("theme", " health "), ("network", "caspian")])));
        assert!(catalog.knows_all(&pairs(&[("theme", ""), ("country", "AZ")])));
        assert!(!catalog.knows_all(&pairs(&[("theme", "health"), ("theme", "water")])));
        assert!(!catalog.knows_all(&pairs(&[("network", "new-network")])));
    }
}
