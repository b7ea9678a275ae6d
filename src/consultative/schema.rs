//! The desk's tables. Dates of the process are ISO `YYYY-MM-DD` text; the
//! moments something was recorded are RFC 3339 text, as elsewhere.

use crate::platform::db::Dialect;
use crate::platform::migrate::Migration;

pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 300, name: "consultative-status desk", sql: tables },
    Migration { version: 301, name: "consultative-status dossier", sql: dossier_tables },
    Migration { version: 302, name: "representatives and grounds passes", sql: representative_tables },
    Migration { version: 303, name: "consultative-status list imports", sql: import_tables },
    Migration { version: 304, name: "dossier documents kept in the database", sql: document_contents },
    Migration { version: 305, name: "year of the last quadrennial report of listed status", sql: last_report_year },
    Migration { version: 306, name: "dossier versions and sharing", sql: dossier_versions_and_sharing },
    Migration { version: 632, name: "dossier documents in an object store", sql: document_object_keys },
];

fn tables(_: Dialect) -> String {
    "CREATE TABLE ecosoc_desks (
        organization_id BIGINT PRIMARY KEY REFERENCES organizations (id) ON DELETE CASCADE,
        registered_on TEXT,
        answers TEXT NOT NULL DEFAULT '{}',
        dossier_language TEXT NOT NULL DEFAULT 'en',
        updated_at TEXT NOT NULL
    )
    -- statement
    CREATE TABLE ecosoc_events (
        id {pk},
        organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        step TEXT NOT NULL,
        on_date TEXT NOT NULL,
        session TEXT,
        category TEXT,
        note TEXT,
        recorded_at TEXT NOT NULL,
        recorded_by BIGINT REFERENCES users (id)
    )
    -- statement
    CREATE INDEX ecosoc_events_by_organization ON ecosoc_events (organization_id, on_date)
    -- statement
    CREATE TABLE ecosoc_questions (
        id {pk},
        organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        session TEXT NOT NULL,
        received_on TEXT NOT NULL,
        question TEXT NOT NULL,
        answer TEXT,
        answer_sent_on TEXT
    )
    -- statement
    CREATE INDEX ecosoc_questions_by_organization ON ecosoc_questions (organization_id)
    -- statement
    CREATE TABLE ecosoc_reminders (
        organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        due_on TEXT NOT NULL,
        days_before BIGINT NOT NULL,
        sent_at TEXT NOT NULL,
        PRIMARY KEY (organization_id, due_on, days_before)
    )"
    .to_string()
}

fn dossier_tables(_: Dialect) -> String {
    "CREATE TABLE ecosoc_dossier_parts (
        organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        part TEXT NOT NULL,
        body TEXT NOT NULL,
        updated_at TEXT NOT NULL,
        PRIMARY KEY (organization_id, part)
    )
    -- statement
    CREATE TABLE ecosoc_documents (
        id {pk},
        organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        file_name TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size BIGINT NOT NULL,
        sha256 TEXT NOT NULL,
        uploaded_at TEXT NOT NULL,
        uploaded_by BIGINT REFERENCES users (id)
    )
    -- statement
    CREATE INDEX ecosoc_documents_by_organization ON ecosoc_documents (organization_id)"
        .to_string()
}

/// Every instance serves every document: the bytes live beside their metadata, as base64 text, the one column
/// type for large values that the `Any` driver reads alike on both databases. Empty only for documents
/// uploaded before, until the instance holding their file adopts it (see `dossier::adopt_stored_files`).
fn document_contents(_: Dialect) -> String {
    "ALTER TABLE ecosoc_documents ADD COLUMN content TEXT".to_string()
}

/// A document kept in an S3-compatible store has its key here and an empty `content`.
fn document_object_keys(_: Dialect) -> String {
    "ALTER TABLE ecosoc_documents ADD COLUMN object_key TEXT".to_string()
}

/// Status taken from a list comes without its reports: its editors give the year the last one was filed.
fn last_report_year(_: Dialect) -> String {
    "ALTER TABLE ecosoc_desks ADD COLUMN last_report_year BIGINT".to_string()
}

/// The questionnaire is saved whole, each save a new version, so that a save from an older page is caught; the
/// dossier is its organisation's own unless it shares it with the coordinators of its networks.
fn dossier_versions_and_sharing(_: Dialect) -> String {
    "ALTER TABLE ecosoc_desks ADD COLUMN dossier_version BIGINT NOT NULL DEFAULT 0
    -- statement
    ALTER TABLE ecosoc_desks ADD COLUMN dossier_shared BIGINT NOT NULL DEFAULT 0"
        .to_string()
}

fn representative_tables(_: Dialect) -> String {
    "CREATE TABLE ecosoc_representatives (
        id {pk},
        organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        year BIGINT NOT NULL,
        station TEXT NOT NULL,
        role TEXT NOT NULL,
        name TEXT NOT NULL,
        born_on TEXT NOT NULL,
        approved_on TEXT,
        designated_at TEXT NOT NULL
    )
    -- statement
    CREATE INDEX ecosoc_representatives_by_organization ON ecosoc_representatives (organization_id, year)"
        .to_string()
}

fn import_tables(_: Dialect) -> String {
    "CREATE TABLE ecosoc_import_rows (
        id {pk},
        batch TEXT NOT NULL,
        line BIGINT NOT NULL,
        name TEXT NOT NULL,
        country TEXT,
        category TEXT NOT NULL,
        year_granted BIGINT NOT NULL,
        organization_id BIGINT REFERENCES organizations (id) ON DELETE SET NULL,
        certainty TEXT NOT NULL,
        created_at TEXT NOT NULL,
        applied_at TEXT
    )
    -- statement
    CREATE INDEX ecosoc_import_rows_by_batch ON ecosoc_import_rows (batch, line)"
        .to_string()
}
