//! The open-data dump: everything public, in the format of the demo file, so
//! that `irene export` written by one instance is what `irene import` reads
//! into another (and the demo is simply the first such file).

use std::collections::HashMap;

use sqlx::Row;

use super::{
    DemoCommitment, DemoData, DemoEvent, DemoFocalPoint, DemoNetwork, DemoOrganization, DemoPerson, DemoPosition,
    DemoTheme,
};
use crate::directory::Organization;
use crate::platform::db::Db;
use crate::platform::i18n::LocalizedText;

fn text(row: &sqlx::any::AnyRow, column: &str) -> sqlx::Result<LocalizedText> {
    Ok(LocalizedText::from_json(&row.try_get::<String, _>(column)?))
}

fn text_opt(row: &sqlx::any::AnyRow, column: &str) -> sqlx::Result<Option<LocalizedText>> {
    Ok(LocalizedText::from_json_opt(row.try_get::<Option<String>, _>(column)?.as_deref()))
}

/// Slugs by id of a table.
async fn slugs(db: &Db, table: &str) -> sqlx::Result<HashMap<i64, String>> {
    sqlx::query(sqlx::AssertSqlSafe(format!("SELECT id, slug FROM {table}")))
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| Ok((r.try_get("id")?, r.try_get("slug")?)))
        .collect()
}

/// Reads everything public, in the order it was created.
pub async fn export(db: &Db) -> anyhow::Result<DemoData> {
    let organization_slugs = slugs(db, "organizations").await?;
    let theme_slugs = slugs(db, "themes").await?;
    let network_slugs = slugs(db, "networks").await?;
    let person_slugs = slugs(db, "persons").await?;
    let event_slugs = slugs(db, "events").await?;
    let slug = |map: &HashMap<i64, String>, id: Option<i64>| id.and_then(|id| map.get(&id).cloned());

    let goals = sqlx::query("SELECT theme_id, framework, number FROM theme_goals ORDER BY theme_id, framework, number")
        .fetch_all(&db.pool)
        .await?;
    let themes = sqlx::query("SELECT id, slug, name, millennium_declaration FROM themes ORDER BY position, id")
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| {
            let id: i64 = r.try_get("id")?;
            let numbers = |framework: &str| -> Vec<i64> {
                goals
                    .iter()
                    .filter(|g| g.get::<i64, _>("theme_id") == id && g.get::<String, _>("framework") == framework)
                    .map(|g| g.get::<i64, _>("number"))
                    .collect()
            };
            Ok(DemoTheme {
                slug: r.try_get("slug")?,
                name: text(r, "name")?,
                mdgs: numbers("mdg"),
                sdgs: numbers("sdg"),
                millennium_declaration: r.try_get::<i64, _>("millennium_declaration")? != 0,
            })
        })
        .collect::<sqlx::Result<Vec<_>>>()?;

    let organization_themes =
        sqlx::query("SELECT organization_id, theme_id FROM organization_themes ORDER BY organization_id, theme_id")
            .fetch_all(&db.pool)
            .await?;
    let sql = format!("SELECT id, slug, {} FROM organizations ORDER BY id", Organization::COLUMNS);
    let organizations = sqlx::query(sqlx::AssertSqlSafe(sql))
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| {
            let id: i64 = r.try_get("id")?;
            Ok(DemoOrganization {
                slug: r.try_get("slug")?,
                organization: Organization::from_row(r)?,
                themes: organization_themes
                    .iter()
                    .filter(|t| t.get::<i64, _>("organization_id") == id)
                    .filter_map(|t| theme_slugs.get(&t.get::<i64, _>("theme_id")).cloned())
                    .collect(),
            })
        })
        .collect::<sqlx::Result<Vec<_>>>()?;

    let members =
        sqlx::query("SELECT network_id, organization_id FROM network_members ORDER BY network_id, organization_id")
            .fetch_all(&db.pool)
            .await?;
    let focal_organizations = sqlx::query(
        "SELECT focal_point_id, organization_id, role FROM focal_point_organizations ORDER BY focal_point_id, position",
    )
    .fetch_all(&db.pool)
    .await?;
    let focal_points = sqlx::query(
        "SELECT id, network_id, number, title, theme_id, goals_label FROM focal_points ORDER BY network_id, number",
    )
    .fetch_all(&db.pool)
    .await?;
    let networks = sqlx::query(
        "SELECT id, slug, level, parent_id, name, description, coordinator_id, founded_on FROM networks ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| {
        let id: i64 = r.try_get("id")?;
        Ok(DemoNetwork {
            slug: r.try_get("slug")?,
            level: r.try_get("level")?,
            parent: slug(&network_slugs, r.try_get("parent_id")?),
            name: text(r, "name")?,
            description: text_opt(r, "description")?,
            coordinator: slug(&organization_slugs, r.try_get("coordinator_id")?),
            founded_on: r.try_get("founded_on")?,
            members: members
                .iter()
                .filter(|m| m.get::<i64, _>("network_id") == id)
                .filter_map(|m| organization_slugs.get(&m.get::<i64, _>("organization_id")).cloned())
                .collect(),
            focal_points: focal_points
                .iter()
                .filter(|f| f.get::<i64, _>("network_id") == id)
                .map(|f| {
                    let fp_id: i64 = f.get("id");
                    let with_role = |role: &str| -> Vec<String> {
                        focal_organizations
                            .iter()
                            .filter(|o| {
                                o.get::<i64, _>("focal_point_id") == fp_id && o.get::<String, _>("role") == role
                            })
                            .filter_map(|o| organization_slugs.get(&o.get::<i64, _>("organization_id")).cloned())
                            .collect()
                    };
                    Ok(DemoFocalPoint {
                        number: f.try_get("number")?,
                        title: text(f, "title")?,
                        theme: theme_slugs.get(&f.try_get::<i64, _>("theme_id")?).cloned().unwrap_or_default(),
                        goals_label: f.try_get("goals_label")?,
                        leads: with_role("lead"),
                        collaborators: with_role("collaborator"),
                    })
                })
                .collect::<sqlx::Result<Vec<_>>>()?,
        })
    })
    .collect::<sqlx::Result<Vec<_>>>()?;

    let positions = sqlx::query(
        "SELECT person_id, organization_id, title, email, phone FROM positions ORDER BY person_id, position, id",
    )
    .fetch_all(&db.pool)
    .await?;
    let people = sqlx::query("SELECT id, slug, honorific, name, other_names FROM persons ORDER BY id")
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|r| {
            let id: i64 = r.try_get("id")?;
            Ok(DemoPerson {
                slug: r.try_get("slug")?,
                honorific: r.try_get("honorific")?,
                name: text(r, "name")?,
                other_names: serde_json::from_str(&r.try_get::<String, _>("other_names")?).unwrap_or_default(),
                positions: positions
                    .iter()
                    .filter(|p| p.get::<i64, _>("person_id") == id)
                    .map(|p| {
                        Ok(DemoPosition {
                            organization: organization_slugs
                                .get(&p.try_get::<i64, _>("organization_id")?)
                                .cloned()
                                .unwrap_or_default(),
                            title: text(p, "title")?,
                            email: p.try_get("email")?,
                            phone: p.try_get("phone")?,
                        })
                    })
                    .collect::<sqlx::Result<Vec<_>>>()?,
            })
        })
        .collect::<sqlx::Result<Vec<_>>>()?;

    let organizers =
        sqlx::query("SELECT event_id, organization_id FROM event_organizers ORDER BY event_id, organization_id")
            .fetch_all(&db.pool)
            .await?;
    let events = sqlx::query(
        "SELECT id, slug, kind, title, starts_on, ends_on, start_time, location, attendance, network_id, chair_id, \
         description FROM events ORDER BY id",
    )
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| {
        let id: i64 = r.try_get("id")?;
        Ok(DemoEvent {
            slug: r.try_get("slug")?,
            kind: r.try_get("kind")?,
            title: text(r, "title")?,
            starts_on: r.try_get("starts_on")?,
            ends_on: r.try_get("ends_on")?,
            start_time: r.try_get("start_time")?,
            location: text_opt(r, "location")?,
            attendance: r.try_get("attendance")?,
            network: slug(&network_slugs, r.try_get("network_id")?),
            organizers: organizers
                .iter()
                .filter(|o| o.get::<i64, _>("event_id") == id)
                .filter_map(|o| organization_slugs.get(&o.get::<i64, _>("organization_id")).cloned())
                .collect(),
            chair: slug(&person_slugs, r.try_get("chair_id")?),
            description: text_opt(r, "description")?,
        })
    })
    .collect::<sqlx::Result<Vec<_>>>()?;

    let commitments = sqlx::query(
        "SELECT c.slug AS slug, c.organization_id AS organization_id, c.person_id AS person_id, c.event_id AS event_id, \
         c.summary AS summary, c.amount AS amount, c.currency AS currency, n.slug AS network \
         FROM commitments c LEFT JOIN networks n ON n.id = c.network_id ORDER BY c.id",
    )
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|r| {
        Ok(DemoCommitment {
            slug: r.try_get("slug")?,
            organization: organization_slugs.get(&r.try_get::<i64, _>("organization_id")?).cloned().unwrap_or_default(),
            person: slug(&person_slugs, r.try_get("person_id")?),
            event: slug(&event_slugs, r.try_get("event_id")?),
            summary: text(r, "summary")?,
            amount: r.try_get("amount")?,
            currency: r.try_get("currency")?,
            network: r.try_get("network")?,
        })
    })
    .collect::<sqlx::Result<Vec<_>>>()?;

    Ok(DemoData { themes, organizations, networks, people, events, commitments })
}
