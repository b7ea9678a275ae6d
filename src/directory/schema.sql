-- The directory: organisations, the networks they form, themes and focal points,
-- the people who work in them, and the meetings and commitments that involve them.
-- Localized texts are JSON objects keyed by language ({"en": …, "ru": …, "az": …}).

CREATE TABLE organizations (
    id {pk},
    slug TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    acronym TEXT,
    name TEXT NOT NULL,
    other_names TEXT NOT NULL DEFAULT '[]',
    country TEXT,
    city TEXT,
    address TEXT,
    phone TEXT,
    email TEXT,
    website TEXT,
    founded_year BIGINT,
    description TEXT,
    consultative_status TEXT NOT NULL DEFAULT 'none',
    status_year BIGINT
)
-- statement
CREATE TABLE themes (
    id {pk},
    slug TEXT NOT NULL UNIQUE,
    position BIGINT NOT NULL,
    name TEXT NOT NULL,
    millennium_declaration BIGINT NOT NULL DEFAULT 0
)
-- statement
CREATE TABLE theme_goals (
    theme_id BIGINT NOT NULL REFERENCES themes (id) ON DELETE CASCADE,
    framework TEXT NOT NULL,
    number BIGINT NOT NULL,
    PRIMARY KEY (theme_id, framework, number)
)
-- statement
CREATE TABLE organization_themes (
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    theme_id BIGINT NOT NULL REFERENCES themes (id) ON DELETE CASCADE,
    PRIMARY KEY (organization_id, theme_id)
)
-- statement
CREATE TABLE networks (
    id {pk},
    slug TEXT NOT NULL UNIQUE,
    level TEXT NOT NULL,
    parent_id BIGINT REFERENCES networks (id),
    name TEXT NOT NULL,
    description TEXT,
    coordinator_id BIGINT REFERENCES organizations (id),
    founded_on TEXT
)
-- statement
CREATE TABLE network_members (
    network_id BIGINT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    PRIMARY KEY (network_id, organization_id)
)
-- statement
CREATE INDEX network_members_by_organization ON network_members (organization_id)
-- statement
CREATE TABLE focal_points (
    id {pk},
    network_id BIGINT NOT NULL REFERENCES networks (id) ON DELETE CASCADE,
    number BIGINT NOT NULL,
    title TEXT NOT NULL,
    theme_id BIGINT NOT NULL REFERENCES themes (id),
    goals_label TEXT,
    UNIQUE (network_id, number)
)
-- statement
CREATE TABLE focal_point_organizations (
    focal_point_id BIGINT NOT NULL REFERENCES focal_points (id) ON DELETE CASCADE,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    role TEXT NOT NULL,
    position BIGINT NOT NULL,
    PRIMARY KEY (focal_point_id, organization_id)
)
-- statement
CREATE INDEX focal_point_organizations_by_organization ON focal_point_organizations (organization_id)
-- statement
CREATE TABLE persons (
    id {pk},
    slug TEXT NOT NULL UNIQUE,
    honorific TEXT,
    name TEXT NOT NULL,
    other_names TEXT NOT NULL DEFAULT '[]'
)
-- statement
CREATE TABLE positions (
    id {pk},
    person_id BIGINT NOT NULL REFERENCES persons (id) ON DELETE CASCADE,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    title TEXT NOT NULL,
    position BIGINT NOT NULL
)
-- statement
CREATE INDEX positions_by_organization ON positions (organization_id)
-- statement
CREATE INDEX positions_by_person ON positions (person_id)
-- statement
CREATE TABLE events (
    id {pk},
    slug TEXT NOT NULL UNIQUE,
    kind TEXT NOT NULL,
    title TEXT NOT NULL,
    starts_on TEXT,
    ends_on TEXT,
    start_time TEXT,
    location TEXT,
    attendance BIGINT,
    network_id BIGINT REFERENCES networks (id),
    chair_id BIGINT REFERENCES persons (id),
    description TEXT
)
-- statement
CREATE TABLE event_organizers (
    event_id BIGINT NOT NULL REFERENCES events (id) ON DELETE CASCADE,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    PRIMARY KEY (event_id, organization_id)
)
-- statement
CREATE TABLE commitments (
    id {pk},
    slug TEXT NOT NULL UNIQUE,
    organization_id BIGINT NOT NULL REFERENCES organizations (id) ON DELETE CASCADE,
    person_id BIGINT REFERENCES persons (id),
    event_id BIGINT REFERENCES events (id),
    summary TEXT NOT NULL,
    amount BIGINT,
    currency TEXT
)
-- statement
-- Every change that alters an organisation's search document leaves a row here,
-- written by triggers in the same transaction; each instance's index follows it.
CREATE TABLE search_outbox (
    seq {pk},
    organization_id BIGINT NOT NULL,
    created_at BIGINT NOT NULL
)
-- statement
CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
)
