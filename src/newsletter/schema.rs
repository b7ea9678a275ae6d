//! The newsletter's tables. Deliveries are the heart: one row per recipient
//! of a campaign, written with the campaign's move to "sending", and claimed
//! one at a time by whichever instance sends it.

use crate::platform::db::Dialect;
use crate::platform::migrate::Migration;

pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 200, name: "newsletter", sql: tables },
    Migration { version: 201, name: "newsletter default language", sql: settings },
    Migration { version: 202, name: "newsletter deliveries by campaign and status", sql: deliveries_by_campaign },
    Migration { version: 203, name: "newsletter addresses in any case", sql: subscriptions_by_folded_email },
];

/// An address is one mailbox whatever the case of its letters: subscribing,
/// the manage page and the organisation's page look subscriptions up by
/// `lower(email)`, which this index serves (the column's own indexes cannot).
fn subscriptions_by_folded_email(_: Dialect) -> String {
    "CREATE INDEX newsletter_subscriptions_by_folded_email ON newsletter_subscriptions (lower(email), network_id)"
        .to_string()
}

/// Each instance asks every second whether a sending campaign has anything
/// left, and a campaign's page counts its deliveries by status: both read
/// this index instead of every delivery of the campaign.
fn deliveries_by_campaign(_: Dialect) -> String {
    "CREATE INDEX newsletter_deliveries_by_campaign ON newsletter_deliveries (campaign_id, status)".to_string()
}

fn settings(_: Dialect) -> String {
    "CREATE TABLE newsletter_settings (
        network_id BIGINT PRIMARY KEY REFERENCES networks (id) ON DELETE CASCADE,
        default_lang TEXT NOT NULL
    )"
    .to_string()
}

fn tables(_: Dialect) -> String {
    "CREATE TABLE newsletter_addresses (
        email TEXT PRIMARY KEY,
        bounces BIGINT NOT NULL DEFAULT 0,
        last_bounce TEXT,
        last_bounce_at TEXT,
        held_at TEXT
    )
-- statement
CREATE TABLE newsletter_subscriptions (
        id {pk},
        network_id BIGINT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
        email TEXT NOT NULL REFERENCES newsletter_addresses (email),
        lang TEXT NOT NULL,
        country TEXT,
        status TEXT NOT NULL,
        confirm_token_hash TEXT UNIQUE,
        confirm_sent_at BIGINT,
        created_at TEXT NOT NULL,
        confirmed_at TEXT,
        unsubscribed_at TEXT,
        UNIQUE (network_id, email)
    )
-- statement
CREATE INDEX newsletter_subscriptions_by_email ON newsletter_subscriptions (email)
-- statement
CREATE TABLE newsletter_subscription_themes (
        subscription_id BIGINT NOT NULL REFERENCES newsletter_subscriptions (id) ON DELETE CASCADE,
        theme_id BIGINT NOT NULL REFERENCES themes (id) ON DELETE CASCADE,
        PRIMARY KEY (subscription_id, theme_id)
    )
-- statement
CREATE TABLE newsletter_consents (
        id {pk},
        subscription_id BIGINT NOT NULL REFERENCES newsletter_subscriptions (id) ON DELETE CASCADE,
        event TEXT NOT NULL,
        at TEXT NOT NULL,
        source TEXT NOT NULL,
        lang TEXT NOT NULL,
        wording TEXT NOT NULL
    )
-- statement
CREATE TABLE newsletter_campaigns (
        id {pk},
        network_id BIGINT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
        theme_id BIGINT REFERENCES themes (id),
        main_lang TEXT NOT NULL,
        subject TEXT NOT NULL,
        body TEXT NOT NULL,
        audience TEXT NOT NULL,
        status TEXT NOT NULL,
        scheduled_at BIGINT,
        queued_at TEXT,
        finished_at TEXT,
        created_by BIGINT REFERENCES users (id),
        created_at TEXT NOT NULL,
        version BIGINT NOT NULL DEFAULT 1
    )
-- statement
CREATE INDEX newsletter_campaigns_by_network ON newsletter_campaigns (network_id, status)
-- statement
CREATE TABLE newsletter_deliveries (
        id {pk},
        campaign_id BIGINT NOT NULL REFERENCES newsletter_campaigns (id) ON DELETE CASCADE,
        subscription_id BIGINT NOT NULL REFERENCES newsletter_subscriptions (id) ON DELETE CASCADE,
        email TEXT NOT NULL,
        lang TEXT NOT NULL,
        status TEXT NOT NULL,
        attempts BIGINT NOT NULL DEFAULT 0,
        next_attempt_at BIGINT NOT NULL,
        lease_until BIGINT,
        sender TEXT,
        sent_at TEXT,
        error TEXT,
        UNIQUE (campaign_id, subscription_id)
    )
-- statement
CREATE INDEX newsletter_deliveries_due ON newsletter_deliveries (status, next_attempt_at, id)
-- statement
CREATE INDEX newsletter_deliveries_by_subscription ON newsletter_deliveries (subscription_id, status)"
        .to_string()
}
