//! The events' SQL: lists for networks, themes and organisations, one event with its organisers and
//! programme, and the writes of the coordinator's form.

use sqlx::Row;
use sqlx::any::AnyRow;

use super::model::{EventKind, Schedule, SessionKind};
use crate::directory::NamedLink;
use crate::platform::db::{AnyQuery, Db};
use crate::platform::i18n::LocalizedText;

/// An event in a list.
#[derive(Debug, Clone)]
pub struct EventSummary {
    pub slug: String,
    pub title: LocalizedText,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub attendance: Option<i64>,
}

const SUMMARY_COLUMNS: &str = "e.slug AS slug, e.title AS title, e.starts_on AS starts_on, e.ends_on AS ends_on, \
     e.attendance AS attendance";

async fn summaries_where(db: &Db, condition: &str, id: i64) -> sqlx::Result<Vec<EventSummary>> {
    let sql = format!(
        "SELECT {SUMMARY_COLUMNS} FROM events e WHERE {condition} \
         ORDER BY CASE WHEN e.starts_on IS NULL THEN 1 ELSE 0 END, e.starts_on, e.id"
    );
    sqlx::query(sqlx::AssertSqlSafe(sql))
        .bind(id)
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|row| {
            Ok(EventSummary {
                slug: row.try_get("slug")?,
                title: LocalizedText::from_json(&row.try_get::<String, _>("title")?),
                starts_on: row.try_get("starts_on")?,
                ends_on: row.try_get("ends_on")?,
                attendance: row.try_get("attendance")?,
            })
        })
        .collect()
}

/// A network's events, by date.
pub async fn of_network(db: &Db, network_id: i64) -> sqlx::Result<Vec<EventSummary>> {
    summaries_where(db, "e.network_id = $1", network_id).await
}

/// A theme's events: those held on it, and those with a working group on it.
pub async fn of_theme(db: &Db, theme_id: i64) -> sqlx::Result<Vec<EventSummary>> {
    summaries_where(
        db,
        "e.theme_id = $1 OR e.id IN (SELECT event_id FROM event_sessions WHERE theme_id = $1)",
        theme_id,
    )
    .await
}

/// The events an organisation organised, supported or made a commitment at.
pub async fn of_organization(db: &Db, organization_id: i64) -> sqlx::Result<Vec<EventSummary>> {
    summaries_where(
        db,
        "e.id IN (SELECT event_id FROM event_organizers WHERE organization_id = $1 \
         UNION SELECT event_id FROM commitments WHERE organization_id = $1 AND event_id IS NOT NULL)",
        organization_id,
    )
    .await
}

/// One event, as its page shows it.
#[derive(Debug, Clone)]
pub struct Event {
    pub id: i64,
    pub slug: String,
    pub kind: EventKind,
    pub title: LocalizedText,
    pub description: Option<LocalizedText>,
    /// The outcome report (Markdown), written after the event.
    pub outcome: Option<LocalizedText>,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub start_time: Option<String>,
    pub end_time: Option<String>,
    pub time_zone: String,
    pub location: Option<LocalizedText>,
    pub online_url: Option<String>,
    pub languages: Vec<String>,
    pub attendance: Option<i64>,
    pub capacity: Option<i64>,
    pub seats_taken: i64,
    pub registration_open: bool,
    pub network_id: Option<i64>,
    pub network: Option<NamedLink>,
    pub theme: Option<NamedLink>,
    pub chair: Option<LocalizedText>,
    pub organizers: Vec<NamedLink>,
    pub partners: Vec<NamedLink>,
}

fn named_opt(row: &AnyRow, slug: &str, name: &str) -> sqlx::Result<Option<NamedLink>> {
    let slug: Option<String> = row.try_get(slug)?;
    let name: Option<String> = row.try_get(name)?;
    Ok(slug.zip(name).map(|(slug, name)| NamedLink { slug, name: LocalizedText::from_json(&name) }))
}

pub async fn by_slug(db: &Db, slug: &str) -> sqlx::Result<Option<Event>> {
    let Some(row) = sqlx::query(
        "SELECT e.id AS id, e.slug AS slug, e.kind AS kind, e.title AS title, e.description AS description, e.outcome AS outcome, \
                e.starts_on AS starts_on, e.ends_on AS ends_on, e.start_time AS start_time, e.end_time AS end_time, \
                e.time_zone AS time_zone, e.location AS location, e.online_url AS online_url, \
                e.languages AS languages, e.attendance AS attendance, e.capacity AS capacity, \
                e.seats_taken AS seats_taken, e.registration_open AS registration_open, e.network_id AS network_id, \
                n.slug AS network_slug, n.name AS network_name, t.slug AS theme_slug, t.name AS theme_name, \
                p.name AS chair \
         FROM events e LEFT JOIN networks n ON n.id = e.network_id LEFT JOIN themes t ON t.id = e.theme_id \
         LEFT JOIN persons p ON p.id = e.chair_id WHERE e.slug = $1",
    )
    .bind(slug)
    .fetch_optional(&db.pool)
    .await?
    else {
        return Ok(None);
    };
    let id: i64 = row.try_get("id")?;
    let mut organizers = Vec::new();
    let mut partners = Vec::new();
    for org in sqlx::query(
        "SELECT o.slug AS slug, o.name AS name, eo.role AS role FROM event_organizers eo \
         JOIN organizations o ON o.id = eo.organization_id WHERE eo.event_id = $1 ORDER BY o.slug",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?
    {
        let link = NamedLink {
            slug: org.try_get("slug")?,
            name: LocalizedText::from_json(&org.try_get::<String, _>("name")?),
        };
        if org.try_get::<String, _>("role")? == "partner" { partners.push(link) } else { organizers.push(link) }
    }
    Ok(Some(Event {
        id,
        slug: row.try_get("slug")?,
        kind: EventKind::parse(&row.try_get::<String, _>("kind")?).unwrap_or(EventKind::Meeting),
        title: LocalizedText::from_json(&row.try_get::<String, _>("title")?),
        description: LocalizedText::from_json_opt(row.try_get::<Option<String>, _>("description")?.as_deref()),
        outcome: LocalizedText::from_json_opt(row.try_get::<Option<String>, _>("outcome")?.as_deref()),
        starts_on: row.try_get("starts_on")?,
        ends_on: row.try_get("ends_on")?,
        start_time: row.try_get("start_time")?,
        end_time: row.try_get("end_time")?,
        time_zone: row.try_get("time_zone")?,
        location: LocalizedText::from_json_opt(row.try_get::<Option<String>, _>("location")?.as_deref()),
        online_url: row.try_get("online_url")?,
        languages: serde_json::from_str(&row.try_get::<String, _>("languages")?).unwrap_or_default(),
        attendance: row.try_get("attendance")?,
        capacity: row.try_get("capacity")?,
        seats_taken: row.try_get("seats_taken")?,
        registration_open: row.try_get::<i64, _>("registration_open")? != 0,
        network_id: row.try_get("network_id")?,
        network: named_opt(&row, "network_slug", "network_name")?,
        theme: named_opt(&row, "theme_slug", "theme_name")?,
        chair: LocalizedText::from_json_opt(row.try_get::<Option<String>, _>("chair")?.as_deref()),
        organizers,
        partners,
    }))
}

/// A person named in a session, and in what role (speaker, facilitator, chair).
#[derive(Debug, Clone)]
pub struct SessionPerson {
    pub slug: String,
    pub honorific: Option<String>,
    pub name: LocalizedText,
    pub role: String,
}

/// One part of the programme; a working group carries its theme and what it came to.
#[derive(Debug, Clone)]
pub struct Session {
    pub id: i64,
    pub kind: SessionKind,
    pub title: LocalizedText,
    pub day: Option<String>,
    pub starts_at: Option<String>,
    pub ends_at: Option<String>,
    pub room: Option<String>,
    pub theme: Option<NamedLink>,
    pub outcome: Option<LocalizedText>,
    pub people: Vec<SessionPerson>,
    /// Speakers who are not in the directory, by the names a proposal typed.
    pub guests: Vec<String>,
    /// Its documents and slides.
    pub documents: Vec<super::documents::SessionDocument>,
}

/// An event's programme, in order.
pub async fn sessions(db: &Db, event_id: i64) -> sqlx::Result<Vec<Session>> {
    let rows = sqlx::query(
        "SELECT s.id AS id, s.kind AS kind, s.title AS title, s.day AS day, s.starts_at AS starts_at, \
                s.ends_at AS ends_at, s.room AS room, s.outcome AS outcome, s.guest_speakers AS guest_speakers, \
                t.slug AS theme_slug, t.name AS theme_name \
         FROM event_sessions s LEFT JOIN themes t ON t.id = s.theme_id WHERE s.event_id = $1 ORDER BY s.position, s.id",
    )
    .bind(event_id)
    .fetch_all(&db.pool)
    .await?;
    let people = sqlx::query(
        "SELECT sp.session_id AS session_id, sp.role AS role, p.slug AS slug, p.honorific AS honorific, \
                p.name AS name \
         FROM event_session_people sp JOIN persons p ON p.id = sp.person_id \
         JOIN event_sessions s ON s.id = sp.session_id WHERE s.event_id = $1 ORDER BY sp.session_id, sp.position",
    )
    .bind(event_id)
    .fetch_all(&db.pool)
    .await?;
    let documents = super::documents::of_event(db, event_id).await?;
    rows.iter()
        .map(|row| {
            let id: i64 = row.try_get("id")?;
            Ok(Session {
                id,
                kind: SessionKind::parse(&row.try_get::<String, _>("kind")?).unwrap_or(SessionKind::Plenary),
                title: LocalizedText::from_json(&row.try_get::<String, _>("title")?),
                day: row.try_get("day")?,
                starts_at: row.try_get("starts_at")?,
                ends_at: row.try_get("ends_at")?,
                room: row.try_get("room")?,
                theme: named_opt(row, "theme_slug", "theme_name")?,
                outcome: LocalizedText::from_json_opt(row.try_get::<Option<String>, _>("outcome")?.as_deref()),
                guests: serde_json::from_str(&row.try_get::<String, _>("guest_speakers")?).unwrap_or_default(),
                documents: documents.iter().filter(|d| d.session_id == id).cloned().collect(),
                people: people
                    .iter()
                    .filter(|p| p.try_get::<i64, _>("session_id").is_ok_and(|s| s == id))
                    .map(|p| {
                        Ok(SessionPerson {
                            slug: p.try_get("slug")?,
                            honorific: p.try_get("honorific")?,
                            name: LocalizedText::from_json(&p.try_get::<String, _>("name")?),
                            role: p.try_get("role")?,
                        })
                    })
                    .collect::<sqlx::Result<_>>()?,
            })
        })
        .collect()
}

/// What the coordinator's form sets.
#[derive(Debug, Clone)]
pub struct EventInput {
    pub kind: EventKind,
    pub title: LocalizedText,
    pub description: Option<LocalizedText>,
    pub outcome: Option<LocalizedText>,
    pub schedule: Schedule,
    pub location: Option<LocalizedText>,
    pub online_url: Option<String>,
    pub languages: Vec<String>,
    pub theme_id: Option<i64>,
    pub capacity: Option<i64>,
    pub registration_open: bool,
    /// Organisation ids with their role: `organizer` or `partner`.
    pub organizations: Vec<(i64, &'static str)>,
}

fn time_text(time: Option<jiff::civil::Time>) -> Option<String> {
    time.map(|t| t.strftime("%H:%M").to_string())
}

/// Creates an event of a network under a free slug made from `base`; returns the slug.
pub async fn create(db: &Db, network_id: i64, base: &str, input: &EventInput) -> sqlx::Result<String> {
    let mut tx = db.begin().await?;
    let mut slug = base.to_string();
    for n in 2.. {
        let taken: Option<i64> =
            sqlx::query_scalar("SELECT id FROM events WHERE slug = $1").bind(&slug).fetch_optional(&mut *tx).await?;
        if taken.is_none() {
            break;
        }
        slug = format!("{base}-{n}");
    }
    let id: i64 =
        sqlx::query_scalar("INSERT INTO events (slug, kind, title, network_id) VALUES ($1, $2, $3, $4) RETURNING id")
            .bind(&slug)
            .bind(input.kind.code())
            .bind(input.title.to_json())
            .bind(network_id)
            .fetch_one(&mut *tx)
            .await?;
    write(&mut tx, id, input).await?;
    tx.commit().await?;
    Ok(slug)
}

/// Changes an event to what the form says; seats a larger capacity makes go to the waiting list at once.
pub async fn update(db: &Db, id: i64, input: &EventInput) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    write(&mut tx, id, input).await?;
    super::registration::fill_seats(&mut tx, id).await?;
    tx.commit().await
}

async fn write(tx: &mut sqlx::Transaction<'static, sqlx::Any>, id: i64, input: &EventInput) -> sqlx::Result<()> {
    let schedule = &input.schedule;
    sqlx::query(
        "UPDATE events SET kind = $2, title = $3, description = $4, starts_on = $5, ends_on = $6, start_time = $7, \
                end_time = $8, time_zone = $9, location = $10, online_url = $11, languages = $12, theme_id = $13, \
                capacity = $14, registration_open = $15, outcome = $16 WHERE id = $1",
    )
    .bind(id)
    .bind(input.kind.code())
    .bind(input.title.to_json())
    .bind(input.description.as_ref().map(LocalizedText::to_json))
    .bind(schedule.starts_on.to_string())
    .bind(schedule.ends_on.to_string())
    .bind(time_text(schedule.start_time))
    .bind(time_text(schedule.end_time))
    .bind(schedule.zone.name())
    .bind(input.location.as_ref().map(LocalizedText::to_json))
    .bind(&input.online_url)
    .bind(serde_json::to_string(&input.languages).unwrap_or_else(|_| "[]".into()))
    .bind(input.theme_id)
    .bind(input.capacity)
    .bind(i64::from(input.registration_open))
    .bind(input.outcome.as_ref().map(LocalizedText::to_json))
    .execute(&mut **tx)
    .await?;
    sqlx::query("DELETE FROM event_organizers WHERE event_id = $1").bind(id).execute(&mut **tx).await?;
    for (organization, role) in &input.organizations {
        sqlx::query("INSERT INTO event_organizers (event_id, organization_id, role) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(organization)
            .bind(*role)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Themes as (id, slug, name), for the form's choice.
pub async fn themes(db: &Db) -> sqlx::Result<Vec<(i64, String, LocalizedText)>> {
    sqlx::query("SELECT id, slug, name FROM themes ORDER BY position, id")
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|row| {
            Ok((row.try_get("id")?, row.try_get("slug")?, LocalizedText::from_json(&row.try_get::<String, _>("name")?)))
        })
        .collect()
}

/// The ids of a network and a theme by slug, for their event lists.
pub async fn network_id(db: &Db, slug: &str) -> sqlx::Result<Option<(i64, LocalizedText)>> {
    named_id(db, "networks", slug).await
}

pub async fn theme_id(db: &Db, slug: &str) -> sqlx::Result<Option<(i64, LocalizedText)>> {
    named_id(db, "themes", slug).await
}

async fn named_id(db: &Db, table: &str, slug: &str) -> sqlx::Result<Option<(i64, LocalizedText)>> {
    let sql = format!("SELECT id, name FROM {table} WHERE slug = $1");
    let row = sqlx::query(sqlx::AssertSqlSafe(sql)).bind(slug).fetch_optional(&db.pool).await?;
    row.map(|row| Ok((row.try_get("id")?, LocalizedText::from_json(&row.try_get::<String, _>("name")?)))).transpose()
}

/// Organisations that may organise a network's events (its members and coordinator) as (id, slug, name).
pub async fn network_organizations(db: &Db, network_id: i64) -> sqlx::Result<Vec<(i64, String, LocalizedText)>> {
    let mut organizations: Vec<(i64, String, LocalizedText)> = sqlx::query(
        "SELECT o.id AS id, o.slug AS slug, o.name AS name FROM organizations o WHERE o.id IN \
         (SELECT organization_id FROM network_members WHERE network_id = $1 \
          UNION SELECT coordinator_id FROM networks WHERE id = $1 AND coordinator_id IS NOT NULL)",
    )
    .bind(network_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|row| {
        Ok((row.try_get("id")?, row.try_get("slug")?, LocalizedText::from_json(&row.try_get::<String, _>("name")?)))
    })
    .collect::<sqlx::Result<_>>()?;
    organizations.sort_by(|a, b| a.1.cmp(&b.1));
    Ok(organizations)
}

pub async fn slug_of(db: &Db, id: i64) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT slug FROM events WHERE id = $1").bind(id).fetch_optional(&db.pool).await
}

pub async fn organization_id(db: &Db, slug: &str) -> sqlx::Result<Option<i64>> {
    sqlx::query_scalar("SELECT id FROM organizations WHERE slug = $1").bind(slug).fetch_optional(&db.pool).await
}

/// A session as the programme form gives it.
#[derive(Debug, Clone)]
pub struct SessionInput {
    pub kind: SessionKind,
    pub title: LocalizedText,
    pub day: Option<jiff::civil::Date>,
    pub starts_at: Option<jiff::civil::Time>,
    pub ends_at: Option<jiff::civil::Time>,
    pub room: Option<String>,
    pub theme_id: Option<i64>,
    pub outcome: Option<LocalizedText>,
    /// Person ids with their role: `speaker`, `facilitator`, `chair` or `member`.
    pub people: Vec<(i64, &'static str)>,
    pub guests: Vec<String>,
}

/// Adds a session at the end of an event's programme.
pub async fn add_session(db: &Db, event_id: i64, input: &SessionInput) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    insert_session(&mut tx, event_id, input).await?;
    tx.commit().await
}

/// Adds a session at the end of an event's programme in a transaction; its id.
pub async fn insert_session(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    event_id: i64,
    input: &SessionInput,
) -> sqlx::Result<i64> {
    let query = sqlx::query(
        "INSERT INTO event_sessions (event_id, position, kind, title, day, starts_at, ends_at, room, theme_id, outcome, \
                                     guest_speakers) \
         SELECT $1, COALESCE(MAX(position), -1) + 1, $2, $3, $4, $5, $6, $7, $8, $9, $10 FROM event_sessions \
         WHERE event_id = $1 RETURNING id",
    );
    let id: i64 = bind_session(query.bind(event_id), input).fetch_one(&mut **tx).await?.try_get("id")?;
    write_session_people(tx, id, &input.people).await?;
    Ok(id)
}

/// Binds a session's fields as `$2` to `$10`, after the event's id, as its insert and its update name them.
fn bind_session<'q>(query: AnyQuery<'q>, input: &'q SessionInput) -> AnyQuery<'q> {
    query
        .bind(input.kind.code())
        .bind(input.title.to_json())
        .bind(input.day.map(|d| d.to_string()))
        .bind(time_text(input.starts_at))
        .bind(time_text(input.ends_at))
        .bind(&input.room)
        .bind(input.theme_id)
        .bind(input.outcome.as_ref().map(LocalizedText::to_json))
        .bind(serde_json::to_string(&input.guests).unwrap_or_else(|_| "[]".into()))
}

async fn write_session_people(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    session_id: i64,
    people: &[(i64, &'static str)],
) -> sqlx::Result<()> {
    sqlx::query("DELETE FROM event_session_people WHERE session_id = $1").bind(session_id).execute(&mut **tx).await?;
    for (position, (person, role)) in people.iter().enumerate() {
        sqlx::query("INSERT INTO event_session_people (session_id, person_id, role, position) VALUES ($1, $2, $3, $4)")
            .bind(session_id)
            .bind(person)
            .bind(*role)
            .bind(position as i64)
            .execute(&mut **tx)
            .await?;
    }
    Ok(())
}

/// Changes a session of the event to what the form says, keeping its place in the programme; false when the
/// event has no such session.
pub async fn update_session(db: &Db, event_id: i64, session_id: i64, input: &SessionInput) -> sqlx::Result<bool> {
    let mut tx = db.begin().await?;
    let query = sqlx::query(
        "UPDATE event_sessions SET kind = $2, title = $3, day = $4, starts_at = $5, ends_at = $6, room = $7, \
                theme_id = $8, outcome = $9, guest_speakers = $10 WHERE event_id = $1 AND id = $11",
    );
    let done = bind_session(query.bind(event_id), input).bind(session_id).execute(&mut *tx).await?;
    if done.rows_affected() != 1 {
        return Ok(false);
    }
    write_session_people(&mut tx, session_id, &input.people).await?;
    tx.commit().await?;
    Ok(true)
}

/// Removes a session of the event; false when the event has no such session.
pub async fn delete_session(db: &Db, event_id: i64, session_id: i64) -> sqlx::Result<bool> {
    let done = sqlx::query("DELETE FROM event_sessions WHERE id = $1 AND event_id = $2")
        .bind(session_id)
        .bind(event_id)
        .execute(&db.pool)
        .await?;
    Ok(done.rows_affected() == 1)
}

/// People of the directory who may speak or facilitate at a network's event: those holding a position at one
/// of its organisations, or named in the event's programme already; as (id, slug, name).
pub async fn people_choices(
    db: &Db,
    network_id: Option<i64>,
    event_id: i64,
) -> sqlx::Result<Vec<(i64, String, LocalizedText)>> {
    sqlx::query(
        "SELECT p.id AS id, p.slug AS slug, p.name AS name FROM persons p WHERE p.id IN \
         (SELECT po.person_id FROM positions po WHERE po.organization_id IN \
            (SELECT organization_id FROM network_members WHERE network_id = $1 \
             UNION SELECT coordinator_id FROM networks WHERE id = $1) \
          UNION SELECT sp.person_id FROM event_session_people sp JOIN event_sessions s ON s.id = sp.session_id \
            WHERE s.event_id = $2) ORDER BY p.slug",
    )
    .bind(network_id)
    .bind(event_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|row| {
        Ok((row.try_get("id")?, row.try_get("slug")?, LocalizedText::from_json(&row.try_get::<String, _>("name")?)))
    })
    .collect()
}
