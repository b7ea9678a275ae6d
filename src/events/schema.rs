//! The events' tables: the directory's first `events` and `event_organizers` grow a schedule with a time zone,
//! a venue or an online link, languages, a theme, a capacity and an outcome; sessions make the programme;
//! registrations, with their waiting list, and the outbox their confirmations are mailed from.

use crate::platform::migrate::Migration;

pub const MIGRATIONS: &[Migration] = &[
    Migration { version: 500, name: "events: schedule, venue, capacity", sql: |_| EVENTS.to_string() },
    Migration { version: 501, name: "events: programme", sql: |_| PROGRAMME.to_string() },
    Migration { version: 502, name: "events: registration and its mail", sql: |_| REGISTRATION.to_string() },
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
