//! Discussion groups: one per network and one per focal point of it, with threads and replies that the people of
//! the network's organisations write; a new member's first posts wait for a coordinator, who may also hide posts
//! and lock threads, each recorded in the history.

pub mod api;
pub mod notify;
pub mod pages;
pub mod replies;

use crate::platform::db::Dialect;
use crate::platform::migrate::Migration;

pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 620, name: "discussion groups", sql: tables },
    Migration { version: 621, name: "discussion mail", sql: mail_tables },
];

/// A thread belongs to its network's general group (no focal point) or to a focal point's, by its number. A post
/// is `held` until a coordinator lets it through, `visible`, or `hidden`; a thread has the status of its first post.
fn tables(_: Dialect) -> String {
    "CREATE TABLE discussion_threads (
        id {pk},
        network_id BIGINT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
        focal_point BIGINT,
        title TEXT NOT NULL,
        status TEXT NOT NULL,
        locked BIGINT NOT NULL DEFAULT 0,
        author_id BIGINT REFERENCES users (id),
        created_at TEXT NOT NULL,
        last_post_at TEXT NOT NULL
    )
    -- statement
    CREATE INDEX discussion_threads_by_network ON discussion_threads (network_id, last_post_at)
    -- statement
    CREATE TABLE discussion_posts (
        id {pk},
        thread_id BIGINT NOT NULL REFERENCES discussion_threads (id) ON DELETE CASCADE,
        author_id BIGINT REFERENCES users (id),
        body TEXT NOT NULL,
        status TEXT NOT NULL,
        created_at TEXT NOT NULL
    )
    -- statement
    CREATE INDEX discussion_posts_by_thread ON discussion_posts (thread_id, id)"
        .to_string()
}

/// Each person's choice of mail per network (`every`, `digest`, `none`) and its language; the mail waiting to go.
fn mail_tables(_: Dialect) -> String {
    "CREATE TABLE discussion_subscriptions (
        network_id BIGINT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
        user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        mode TEXT NOT NULL,
        lang TEXT NOT NULL,
        PRIMARY KEY (network_id, user_id)
    )
    -- statement
    CREATE TABLE discussion_outbox (
        id {pk},
        user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
        post_id BIGINT NOT NULL REFERENCES discussion_posts (id) ON DELETE CASCADE,
        mode TEXT NOT NULL,
        created_at TEXT NOT NULL,
        sent_at TEXT
    )
    -- statement
    CREATE INDEX discussion_outbox_waiting ON discussion_outbox (sent_at, user_id)"
        .to_string()
}
