//! The library items the Baku 2004 report contains (its recommendations to both networks, the consultative-status
//! material of its presentation, the field visit's project), loaded with the demo.

use std::collections::BTreeMap;

use anyhow::{Context, anyhow};
use serde::Deserialize;

use super::item::{self, Draft, ItemKind, SECTIONS, Version};
use crate::platform::i18n::Lang;
use crate::platform::values::CountryCode;

/// The demo's library items and news, written from the report only.
const BAKU_2004_LIBRARY_AND_NEWS: &str = include_str!("../demo/library-news-2004.json");

#[derive(Deserialize)]
struct DemoFile {
    items: Vec<DemoItem>,
}

#[derive(Deserialize)]
struct DemoItem {
    organization: String,
    kind: String,
    theme: Option<String>,
    country: Option<CountryCode>,
    goals: Vec<u8>,
    tags: Vec<String>,
    /// Per language, the texts of each section by name.
    versions: BTreeMap<Lang, BTreeMap<String, String>>,
}

/// Writes the demo's items within the demo loader's transaction.
pub async fn load_demo(tx: &mut sqlx::Transaction<'static, sqlx::Any>) -> anyhow::Result<()> {
    let file: DemoFile =
        serde_json::from_str(BAKU_2004_LIBRARY_AND_NEWS).context("the demo library file is malformed")?;
    for demo in file.items {
        let organization_id: i64 = sqlx::query_scalar("SELECT id FROM organizations WHERE slug = $1")
            .bind(&demo.organization)
            .fetch_optional(&mut **tx)
            .await?
            .ok_or_else(|| anyhow!("the demo library names an unknown organisation '{}'", demo.organization))?;
        let theme_id: Option<i64> = match &demo.theme {
            Some(theme) => Some(
                sqlx::query_scalar("SELECT id FROM themes WHERE slug = $1")
                    .bind(theme)
                    .fetch_optional(&mut **tx)
                    .await?
                    .ok_or_else(|| anyhow!("the demo library names an unknown theme '{theme}'"))?,
            ),
            None => None,
        };
        let kind = ItemKind::parse(&demo.kind).ok_or_else(|| anyhow!("unknown library kind '{}'", demo.kind))?;
        let versions = demo
            .versions
            .into_iter()
            .map(|(lang, mut texts)| Version { lang, texts: SECTIONS.map(|s| texts.remove(s).unwrap_or_default()) })
            .collect();
        let draft = Draft { kind, theme_id, country: demo.country, goals: demo.goals, tags: demo.tags, versions };
        item::write(tx, None, organization_id, None, &draft).await?;
    }
    Ok(())
}
