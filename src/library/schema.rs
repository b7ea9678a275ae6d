//! The library's tables: items of an organisation, a version of each per language, and their files, kept in the
//! database as base64 text as the dossier's documents are, or in an S3-compatible store under an object key.

use crate::platform::db::Dialect;
use crate::platform::migrate::Migration;

pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 600, name: "knowledge library", sql: tables },
    Migration { version: 630, name: "library files in an object store", sql: object_keys },
];

fn tables(_: Dialect) -> String {
    "CREATE TABLE library_items (
        id {pk},
        organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        kind TEXT NOT NULL,
        theme_id BIGINT REFERENCES themes (id) ON DELETE SET NULL,
        country TEXT,
        goals TEXT NOT NULL DEFAULT '[]',
        tags TEXT NOT NULL DEFAULT '[]',
        search_text TEXT NOT NULL DEFAULT '',
        created_by BIGINT REFERENCES users (id),
        created_at TEXT NOT NULL,
        updated_at TEXT NOT NULL
    )
    -- statement
    CREATE INDEX library_items_by_organization ON library_items (organization_id)
    -- statement
    CREATE TABLE library_versions (
        item_id BIGINT NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
        lang TEXT NOT NULL,
        title TEXT NOT NULL,
        body TEXT NOT NULL,
        problem TEXT NOT NULL,
        approach TEXT NOT NULL,
        results TEXT NOT NULL,
        contacts TEXT NOT NULL,
        PRIMARY KEY (item_id, lang)
    )
    -- statement
    CREATE TABLE library_files (
        id {pk},
        item_id BIGINT NOT NULL REFERENCES library_items (id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size BIGINT NOT NULL,
        sha256 TEXT NOT NULL,
        content TEXT NOT NULL,
        uploaded_at TEXT NOT NULL,
        uploaded_by BIGINT REFERENCES users (id)
    )
    -- statement
    CREATE INDEX library_files_by_item ON library_files (item_id)"
        .to_string()
}

/// A file kept in an S3-compatible store has its key here and an empty `content`.
fn object_keys(_: Dialect) -> String {
    "ALTER TABLE library_files ADD COLUMN object_key TEXT".to_string()
}
