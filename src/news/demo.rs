//! The news the Baku 2004 report gives (the two networks launched, Istanbul's offer to host the Caspian network's
//! follow-up meeting, the Ministry of Finances' word on funding), loaded with the demo under the report's dates.

use anyhow::{Context, anyhow};
use serde::Deserialize;

use super::post::PostKind;
use crate::platform::i18n::LocalizedText;

/// The demo's library items and news, written from the report only.
const BAKU_2004_LIBRARY_AND_NEWS: &str = include_str!("../demo/library-news-2004.json");

#[derive(Deserialize)]
struct DemoFile {
    posts: Vec<DemoPost>,
}

#[derive(Deserialize)]
struct DemoPost {
    /// `None`: for every network.
    network: Option<String>,
    kind: String,
    published_at: String,
    title: LocalizedText,
    body: LocalizedText,
}

/// Writes the demo's posts within the demo loader's transaction.
pub async fn load_demo(tx: &mut sqlx::Transaction<'static, sqlx::Any>) -> anyhow::Result<()> {
    let file: DemoFile = serde_json::from_str(BAKU_2004_LIBRARY_AND_NEWS).context("the demo news file is malformed")?;
    for post in file.posts {
        let network_id: Option<i64> = match &post.network {
            Some(slug) => Some(
                sqlx::query_scalar("SELECT id FROM networks WHERE slug = $1")
                    .bind(slug)
                    .fetch_optional(&mut **tx)
                    .await?
                    .ok_or_else(|| anyhow!("the demo news names an unknown network '{slug}'"))?,
            ),
            None => None,
        };
        let kind = PostKind::parse(&post.kind).ok_or_else(|| anyhow!("unknown news kind '{}'", post.kind))?;
        sqlx::query(
            "INSERT INTO news_posts (network_id, kind, title, body, deadline, published_at, author_id) \
             VALUES ($1, $2, $3, $4, NULL, $5, NULL)",
        )
        .bind(network_id)
        .bind(kind.code())
        .bind(post.title.to_json())
        .bind(post.body.to_json())
        .bind(&post.published_at)
        .execute(&mut **tx)
        .await?;
    }
    Ok(())
}
