//! The events' tables: the directory's first `events` and `event_organizers` grow a schedule with a time zone,
//! a venue or an online link, languages, a theme, a capacity and an outcome; sessions make the programme;
//! registrations, with their waiting list, and the outbox their confirmations are mailed from; the call for
//! contributions and the session proposals it receives; the questions of the registration form and their answers; the sessions' documents; the persons met;
//! the outputs an event, or one of its working groups, brought to activities of the network's action plans.

use crate::platform::migrate::Migration;

pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 500, name: "events: schedule, venue, capacity", sql: |_| EVENTS.to_string() },
    Migration { version: 501, name: "events: programme", sql: |_| PROGRAMME.to_string() },
    Migration { version: 502, name: "events: registration and its mail", sql: |_| REGISTRATION.to_string() },
    Migration { version: 503, name: "events: call for contributions", sql: |_| CALL.to_string() },
    Migration { version: 504, name: "events: registration questions", sql: |_| QUESTIONS.to_string() },
    Migration { version: 505, name: "events: session documents", sql: |_| DOCUMENTS.to_string() },
    Migration { version: 506, name: "events: persons met", sql: |_| PERSONS_MET.to_string() },
    Migration { version: 507, name: "events: outputs linked to plan activities", sql: |_| OUTPUTS.to_string() },
    // A document kept in an S3-compatible store has its key here and an empty `content`.
    Migration {
        version: 631,
        name: "events: session documents in an object store",
        sql: |_| "ALTER TABLE event_session_files ADD COLUMN object_key TEXT".to_string(),
    },
];

const EVENTS: &str = "ALTER TABLE events ADD COLUMN end_time TEXT
-- statement
ALTER TABLE events ADD COLUMN time_zone TEXT NOT NULL DEFAULT 'UTC'
-- statement
ALTER TABLE events ADD COLUMN online_url TEXT
-- statement
ALTER TABLE events ADD COLUMN languages TEXT NOT NULL DEFAULT '[]'
-- statement
ALTER TABLE events ADD COLUMN theme_id BIGINT REFERENCES themes (id)
-- statement
ALTER TABLE events ADD COLUMN capacity BIGINT
-- statement
ALTER TABLE events ADD COLUMN seats_taken BIGINT NOT NULL DEFAULT 0
-- statement
ALTER TABLE events ADD COLUMN registration_open BIGINT NOT NULL DEFAULT 0
-- statement
ALTER TABLE events ADD COLUMN outcome TEXT
-- statement
ALTER TABLE event_organizers ADD COLUMN role TEXT NOT NULL DEFAULT 'organizer'
-- statement
CREATE INDEX events_by_network ON events (network_id)
-- statement
CREATE INDEX events_by_theme ON events (theme_id)";

const PROGRAMME: &str = "CREATE TABLE event_sessions (
    id {pk},
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    day TEXT,
    starts_at TEXT,
    ends_at TEXT,
    room TEXT,
    theme_id BIGINT REFERENCES themes (id),
    outcome TEXT
)
-- statement
CREATE INDEX event_sessions_by_event ON event_sessions (event_id, position)
-- statement
CREATE TABLE event_session_people (
    session_id BIGINT NOT NULL REFERENCES event_sessions (id) ON DELETE CASCADE,
    person_id BIGINT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (session_id, person_id, role)
)";

const REGISTRATION: &str = "CREATE TABLE event_registrations (
    id {pk},
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    email TEXT NOT NULL,
    organization TEXT,
    country TEXT,
    lang TEXT NOT NULL,
    listed BIGINT NOT NULL DEFAULT 0,
    status TEXT NOT NULL,
    created_at TEXT NOT NULL,
    cancelled_at TEXT,
    checked_in_at TEXT
)
-- statement
CREATE INDEX event_registrations_by_event ON event_registrations (event_id, status, id)
-- statement
CREATE TABLE event_mail_outbox (
    id {pk},
    registration_id BIGINT NOT NULL REFERENCES event_registrations (id) ON DELETE CASCADE,
    kind TEXT NOT NULL,
    created_ms BIGINT NOT NULL DEFAULT ({now_ms}),
    lease_until BIGINT NOT NULL DEFAULT 0,
    attempts BIGINT NOT NULL DEFAULT 0,
    sent_at TEXT,
    failure TEXT
)
-- statement
CREATE INDEX event_mail_outbox_due ON event_mail_outbox (sent_at, lease_until)";

const CALL: &str = "CREATE TABLE event_calls (
    event_id BIGINT PRIMARY KEY REFERENCES events (id) ON DELETE CASCADE,
    opens_on TEXT NOT NULL,
    closes_on TEXT NOT NULL,
    theme_ids TEXT NOT NULL DEFAULT '[]',
    guidance TEXT
)
-- statement
CREATE TABLE event_proposals (
    id {pk},
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
    lang TEXT NOT NULL,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    summary TEXT NOT NULL,
    person_ids TEXT NOT NULL DEFAULT '[]',
    guest_speakers TEXT NOT NULL DEFAULT '[]',
    theme_id BIGINT REFERENCES themes (id),
    status TEXT NOT NULL,
    reason TEXT,
    session_id BIGINT REFERENCES event_sessions (id) ON DELETE SET NULL,
    created_at TEXT NOT NULL,
    decided_at TEXT
)
-- statement
CREATE INDEX event_proposals_by_event ON event_proposals (event_id, status, id)
-- statement
ALTER TABLE event_sessions ADD COLUMN guest_speakers TEXT NOT NULL DEFAULT '[]'";

const QUESTIONS: &str = "CREATE TABLE event_questions (
    id {pk},
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    kind TEXT NOT NULL,
    label TEXT NOT NULL,
    options TEXT NOT NULL DEFAULT '[]',
    required BIGINT NOT NULL DEFAULT 0
)
-- statement
CREATE INDEX event_questions_by_event ON event_questions (event_id, position)
-- statement
CREATE TABLE event_answers (
    registration_id BIGINT NOT NULL REFERENCES event_registrations (id) ON DELETE CASCADE,
    question_id BIGINT NOT NULL REFERENCES event_questions (id) ON DELETE CASCADE,
    answer TEXT NOT NULL,
    PRIMARY KEY (registration_id, question_id)
)";

const DOCUMENTS: &str = "CREATE TABLE event_session_files (
    id {pk},
    session_id BIGINT NOT NULL REFERENCES event_sessions (id) ON DELETE CASCADE,
    file_name TEXT NOT NULL,
    content_type TEXT NOT NULL,
    size BIGINT NOT NULL,
    sha256 TEXT NOT NULL,
    content TEXT NOT NULL,
    uploaded_at TEXT NOT NULL,
    uploaded_by BIGINT REFERENCES users (id) ON DELETE SET NULL
)
-- statement
CREATE INDEX event_session_files_by_session ON event_session_files (session_id)";

const PERSONS_MET: &str = "CREATE TABLE event_persons_met (
    id {pk},
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    function TEXT,
    organization TEXT
)
-- statement
CREATE INDEX event_persons_met_by_event ON event_persons_met (event_id, position)";

const OUTPUTS: &str = "CREATE TABLE event_outputs (
    id {pk},
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    session_id BIGINT REFERENCES event_sessions (id) ON DELETE CASCADE,
    activity_id BIGINT NOT NULL REFERENCES plan_activities (id) ON DELETE CASCADE,
    created_at TEXT NOT NULL
)
-- statement
CREATE UNIQUE INDEX event_outputs_once ON event_outputs (event_id, activity_id, COALESCE(session_id, 0))";
