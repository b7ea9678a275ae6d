//! News, calls for proposals and deadlines that coordinators post for their networks and administrators for
//! all: each network's page of them and its Atom feed, and what is new on the home page.

pub mod api;
pub mod demo;
pub mod pages;
pub mod post;

pub use demo::load_demo;
pub use post::{NewsLink, latest};

use crate::platform::db::Dialect;
use crate::platform::migrate::Migration;

pub const MIGRATIONS: &[Migration] = &[Migration { version: 610, name: "news and calls", sql: tables }];

/// Titles and bodies are localized texts (JSON); a post without a network is for every network.
fn tables(_: Dialect) -> String {
    "CREATE TABLE news_posts (
        id {pk},
        network_id BIGINT REFERENCES networks (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        deadline TEXT,
        published_at TEXT NOT NULL,
        author_id BIGINT REFERENCES users (id)
    )
    -- statement
    CREATE INDEX news_posts_by_network ON news_posts (network_id, published_at)"
        .to_string()
}
