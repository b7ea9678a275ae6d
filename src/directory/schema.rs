//! The directory's tables, and the triggers that feed the search outbox.
//!
//! Triggers (rather than application code) write the outbox so that every
//! writer of these tables, present or future, keeps the search indexes current.

use crate::platform::db::Dialect;
use crate::platform::migrate::Migration;

pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 1, name: "directory tables", sql: tables },
    Migration { version: 2, name: "directory search outbox triggers", sql: outbox_triggers },
    Migration { version: 3, name: "organisation versions and verification", sql: versions },
    Migration { version: 4, name: "versions of networks, focal points, themes and people", sql: more_versions },
    Migration { version: 5, name: "work e-mail and phone of people's positions", sql: position_contacts },
    Migration { version: 6, name: "uploaded imports waiting for confirmation", sql: pending_imports },
    Migration { version: 7, name: "versions of positions", sql: position_versions },
    Migration { version: 10, name: "what organisations' profiles say of their work", sql: profile_fields },
    Migration { version: 11, name: "organisations' logos", sql: logos },
    Migration { version: 12, name: "addresses of merged organisations", sql: slug_redirects },
    Migration { version: 13, name: "registrations kept out of the public directory", sql: listed },
    Migration { version: 14, name: "goals organisations choose themselves", sql: goals },
];

/// The goals an organisation chose, beyond its themes' (a JSON list of codes such as `sdg-16`).
fn goals(_: Dialect) -> String {
    "ALTER TABLE organizations ADD COLUMN goals TEXT NOT NULL DEFAULT '[]'".to_string()
}

/// A registration the network it asked to join declined, while no network has taken it in, is not public.
fn listed(_: Dialect) -> String {
    "ALTER TABLE organizations ADD COLUMN listed BIGINT NOT NULL DEFAULT 1".to_string()
}

/// Where and in which languages an organisation works, what it knows, how large it is. Lists are JSON text.
fn profile_fields(_: Dialect) -> String {
    [
        "scope TEXT",
        "countries_of_work TEXT NOT NULL DEFAULT '[]'",
        "languages TEXT NOT NULL DEFAULT '[]'",
        "expertise TEXT NOT NULL DEFAULT '[]'",
        "staff BIGINT",
        "volunteers BIGINT",
        "members BIGINT",
    ]
    .map(|column| format!("ALTER TABLE organizations ADD COLUMN {column}"))
    .join("\n-- statement\n")
}

/// A small image per organisation, base64 TEXT as the dossier's documents are.
fn logos(_: Dialect) -> String {
    "CREATE TABLE organization_logos (
        organization_id BIGINT PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
        content_type TEXT NOT NULL,
        content TEXT NOT NULL,
        updated_at BIGINT NOT NULL
    )"
    .to_string()
}

/// The slug and id of an organisation merged into another, and the organisation its address now leads to
/// (whose history shows the merged one's).
fn slug_redirects(_: Dialect) -> String {
    "CREATE TABLE slug_redirects (
        slug TEXT PRIMARY KEY,
        organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        merged_id BIGINT NOT NULL
    )"
    .to_string()
}

/// A position's title, e-mail and phone are changed at a version, as the person's name is.
fn position_versions(_: Dialect) -> String {
    "ALTER TABLE positions ADD COLUMN version BIGINT NOT NULL DEFAULT 1".to_string()
}

/// An uploaded file between its dry run and its confirmation, in the database so that any instance
/// behind a load balancer can confirm it. The bytes are base64 TEXT: BLOBs do not pass through `Any`
/// on both databases. `owner_id` names a user without a foreign key, as users come in a later migration.
fn pending_imports(_: Dialect) -> String {
    "CREATE TABLE pending_imports (
        id TEXT PRIMARY KEY,
        owner_id BIGINT NOT NULL,
        file_name TEXT NOT NULL,
        format TEXT NOT NULL,
        mapping TEXT NOT NULL,
        created_at BIGINT NOT NULL,
        content TEXT NOT NULL
    )"
    .to_string()
}

/// How to reach a person in their position at an organisation (imports bring them; vCards carry them).
fn position_contacts(_: Dialect) -> String {
    "ALTER TABLE positions ADD COLUMN email TEXT
    -- statement
    ALTER TABLE positions ADD COLUMN phone TEXT"
        .to_string()
}

/// `version` detects edits made at the same time; `verified_at` is when a
/// coordinator last approved the organisation.
fn versions(_: Dialect) -> String {
    "ALTER TABLE organizations ADD COLUMN version BIGINT NOT NULL DEFAULT 1
    -- statement
    ALTER TABLE organizations ADD COLUMN verified_at TEXT"
        .to_string()
}

fn more_versions(_: Dialect) -> String {
    ["networks", "focal_points", "themes", "persons"]
        .map(|table| format!("ALTER TABLE {table} ADD COLUMN version BIGINT NOT NULL DEFAULT 1"))
        .join("\n-- statement\n")
}

fn tables(_: Dialect) -> String {
    include_str!("schema.sql").to_string()
}

/// Tables whose rows name the organisation whose search document they change.
const ORGANIZATION_COLUMNS: &[(&str, &str)] = &[
    ("organizations", "id"),
    ("organization_themes", "organization_id"),
    ("network_members", "organization_id"),
    ("focal_point_organizations", "organization_id"),
    ("positions", "organization_id"),
];

fn outbox_triggers(dialect: Dialect) -> String {
    let mut statements = Vec::new();
    match dialect {
        Dialect::Sqlite => {
            for (table, column) in ORGANIZATION_COLUMNS {
                for (event, rows) in [("INSERT", &["NEW"][..]), ("UPDATE", &["OLD", "NEW"]), ("DELETE", &["OLD"])] {
                    let inserts: String = rows
                        .iter()
                        .map(|row| {
                            format!(
                                "INSERT INTO search_outbox (organization_id, created_at) VALUES ({row}.{column}, {{now_ms}}); "
                            )
                        })
                        .collect();
                    statements.push(format!(
                        "CREATE TRIGGER {table}_search_outbox_{event} AFTER {event} ON {table} BEGIN {inserts}END",
                        event = event.to_lowercase()
                    ));
                }
            }
            statements.push(
                "CREATE TRIGGER persons_search_outbox_update AFTER UPDATE ON persons BEGIN \
                 INSERT INTO search_outbox (organization_id, created_at) \
                 SELECT organization_id, {now_ms} FROM positions WHERE person_id = NEW.id; END"
                    .to_string(),
            );
        }
        Dialect::Postgres => {
            statements.push(
                "CREATE FUNCTION search_outbox_enqueue() RETURNS trigger LANGUAGE plpgsql AS $$
                 BEGIN
                     IF TG_OP <> 'INSERT' THEN
                         INSERT INTO search_outbox (organization_id, created_at)
                         VALUES (CAST(to_jsonb(OLD) ->> TG_ARGV[0] AS BIGINT), {now_ms});
                     END IF;
                     IF TG_OP <> 'DELETE' THEN
                         INSERT INTO search_outbox (organization_id, created_at)
                         VALUES (CAST(to_jsonb(NEW) ->> TG_ARGV[0] AS BIGINT), {now_ms});
                     END IF;
                     RETURN NULL;
                 END $$"
                    .to_string(),
            );
            statements.push(
                "CREATE FUNCTION search_outbox_enqueue_person() RETURNS trigger LANGUAGE plpgsql AS $$
                 BEGIN
                     INSERT INTO search_outbox (organization_id, created_at)
                     SELECT organization_id, {now_ms} FROM positions WHERE person_id = NEW.id;
                     RETURN NULL;
                 END $$"
                    .to_string(),
            );
            for (table, column) in ORGANIZATION_COLUMNS {
                statements.push(format!(
                    "CREATE TRIGGER {table}_search_outbox AFTER INSERT OR UPDATE OR DELETE ON {table} \
                     FOR EACH ROW EXECUTE FUNCTION search_outbox_enqueue('{column}')"
                ));
            }
            statements.push(
                "CREATE TRIGGER persons_search_outbox AFTER UPDATE ON persons \
                 FOR EACH ROW EXECUTE FUNCTION search_outbox_enqueue_person()"
                    .to_string(),
            );
        }
    }
    statements.join("\n-- statement\n")
}
