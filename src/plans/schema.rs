//! The plans' tables. Days are ISO `YYYY-MM-DD` text, moments RFC 3339 text;
//! amounts are integers in the currency's minor units.

use crate::platform::db::Dialect;
use crate::platform::migrate::Migration;

pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 400, name: "strategic action plans", sql: plan_tables },
    Migration { version: 401, name: "commitments followed up", sql: commitment_tables },
    Migration { version: 402, name: "progress recorded with each activity update", sql: update_progress },
    Migration { version: 403, name: "joint funding proposals", sql: proposal_tables },
    Migration { version: 406, name: "an activity update's event and files", sql: update_evidence },
    Migration { version: 407, name: "the parts a plan's history follows", sql: history_parts },
];

/// Every objective, activity and indicator a plan has had, so that its history finds the deleted ones too; those
/// of today are the first.
fn history_parts(_: Dialect) -> String {
    "CREATE TABLE plan_history_parts (
        plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        entity TEXT NOT NULL,
        entity_id BIGINT NOT NULL,
        PRIMARY KEY (plan_id, entity, entity_id)
    )
    -- statement
    INSERT INTO plan_history_parts (plan_id, entity, entity_id) SELECT plan_id, 'plan_objective', id FROM plan_objectives
    -- statement
    INSERT INTO plan_history_parts (plan_id, entity, entity_id) SELECT plan_id, 'plan_activity', id FROM plan_activities
    -- statement
    INSERT INTO plan_history_parts (plan_id, entity, entity_id)
        SELECT a.plan_id, 'plan_indicator', i.id FROM plan_indicators i JOIN plan_activities a ON a.id = i.activity_id"
        .to_string()
}

fn update_evidence(_: Dialect) -> String {
    "ALTER TABLE plan_updates ADD COLUMN event_id BIGINT REFERENCES events (id) ON DELETE SET NULL
    -- statement
    CREATE TABLE plan_update_files (
        id {pk},
        update_id BIGINT NOT NULL REFERENCES plan_updates (id) ON DELETE CASCADE,
        file_name TEXT NOT NULL,
        content_type TEXT NOT NULL,
        size BIGINT NOT NULL,
        sha256 TEXT NOT NULL,
        content TEXT NOT NULL,
        object_key TEXT,
        uploaded_at TEXT NOT NULL
    )
    -- statement
    CREATE INDEX plan_update_files_by_update ON plan_update_files (update_id)"
        .to_string()
}

fn proposal_tables(_: Dialect) -> String {
    "CREATE TABLE plan_proposals (
        id {pk},
        plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        funder_id BIGINT NOT NULL REFERENCES organizations (id),
        title TEXT NOT NULL,
        summary TEXT NOT NULL,
        currency TEXT NOT NULL,
        requested BIGINT NOT NULL,
        status TEXT NOT NULL DEFAULT 'draft',
        granted BIGINT,
        decline_reason TEXT,
        version BIGINT NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        created_by BIGINT REFERENCES users (id)
    )
    -- statement
    CREATE INDEX plan_proposals_by_plan ON plan_proposals (plan_id)
    -- statement
    CREATE TABLE plan_proposal_activities (
        proposal_id BIGINT NOT NULL REFERENCES plan_proposals (id) ON DELETE CASCADE,
        activity_id BIGINT NOT NULL REFERENCES plan_activities (id) ON DELETE CASCADE,
        PRIMARY KEY (proposal_id, activity_id)
    )
    -- statement
    CREATE TABLE plan_proposal_applicants (
        proposal_id BIGINT NOT NULL REFERENCES plan_proposals (id) ON DELETE CASCADE,
        organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        confirmed_version BIGINT,
        confirmed_by BIGINT REFERENCES users (id),
        confirmed_at TEXT,
        PRIMARY KEY (proposal_id, organization_id)
    )
    -- statement
    CREATE TABLE plan_proposal_versions (
        proposal_id BIGINT NOT NULL REFERENCES plan_proposals (id) ON DELETE CASCADE,
        version BIGINT NOT NULL,
        content TEXT NOT NULL,
        saved_by BIGINT REFERENCES users (id),
        saved_at TEXT NOT NULL,
        PRIMARY KEY (proposal_id, version)
    )"
    .to_string()
}

fn update_progress(_: Dialect) -> String {
    "ALTER TABLE plan_updates ADD COLUMN progress BIGINT".to_string()
}

fn plan_tables(_: Dialect) -> String {
    "CREATE TABLE plans (
        id {pk},
        network_id BIGINT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        starts_on TEXT NOT NULL,
        ends_on TEXT NOT NULL,
        budgets_public BIGINT NOT NULL DEFAULT 1,
        created_at TEXT NOT NULL,
        created_by BIGINT REFERENCES users (id)
    )
    -- statement
    CREATE INDEX plans_by_network ON plans (network_id)
    -- statement
    CREATE TABLE plan_objectives (
        id {pk},
        plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        position BIGINT NOT NULL,
        title TEXT NOT NULL
    )
    -- statement
    CREATE TABLE plan_activities (
        id {pk},
        plan_id BIGINT NOT NULL REFERENCES plans (id) ON DELETE CASCADE,
        objective_id BIGINT NOT NULL REFERENCES plan_objectives (id) ON DELETE CASCADE,
        title TEXT NOT NULL,
        focal_point_id BIGINT NOT NULL REFERENCES focal_points (id),
        responsible_id BIGINT REFERENCES organizations (id),
        starts_on TEXT NOT NULL,
        ends_on TEXT NOT NULL,
        currency TEXT,
        budget BIGINT,
        secured BIGINT,
        funding_source TEXT,
        status TEXT NOT NULL DEFAULT 'planned'
    )
    -- statement
    CREATE INDEX plan_activities_by_plan ON plan_activities (plan_id)
    -- statement
    CREATE TABLE plan_activity_partners (
        activity_id BIGINT NOT NULL REFERENCES plan_activities (id) ON DELETE CASCADE,
        organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
        PRIMARY KEY (activity_id, organization_id)
    )
    -- statement
    CREATE TABLE plan_indicators (
        id {pk},
        activity_id BIGINT NOT NULL REFERENCES plan_activities (id) ON DELETE CASCADE,
        name TEXT NOT NULL,
        baseline DOUBLE PRECISION NOT NULL,
        target DOUBLE PRECISION NOT NULL,
        current_value DOUBLE PRECISION NOT NULL
    )
    -- statement
    CREATE TABLE plan_updates (
        id {pk},
        activity_id BIGINT NOT NULL REFERENCES plan_activities (id) ON DELETE CASCADE,
        noted_on TEXT NOT NULL,
        note TEXT NOT NULL,
        evidence TEXT NOT NULL DEFAULT '[]',
        status_from TEXT NOT NULL,
        status_to TEXT NOT NULL,
        author_id BIGINT REFERENCES users (id),
        created_at TEXT NOT NULL
    )"
    .to_string()
}

fn commitment_tables(_: Dialect) -> String {
    "ALTER TABLE commitments ADD COLUMN network_id BIGINT REFERENCES networks (id)
    -- statement
    ALTER TABLE commitments ADD COLUMN status TEXT NOT NULL DEFAULT 'proposed'
    -- statement
    ALTER TABLE commitments ADD COLUMN pledged_on TEXT
    -- statement
    CREATE TABLE commitment_follow_ups (
        id {pk},
        commitment_id BIGINT NOT NULL REFERENCES commitments (id) ON DELETE CASCADE,
        action TEXT NOT NULL,
        owner TEXT NOT NULL,
        due_on TEXT NOT NULL,
        reminded_at TEXT,
        created_at TEXT NOT NULL
    )"
    .to_string()
}
