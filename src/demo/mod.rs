//! Demo data: the networks launched in Baku in November 2004, as the UN DESA
//! mission report describes them, and a generator of synthetic directories
//! for tests and benchmarks.

pub mod dump;
pub mod synthetic;

use std::collections::HashMap;

use anyhow::{Context, anyhow, bail};
use serde::{Deserialize, Serialize};

use crate::directory::Organization;
use crate::platform::db::Db;
use crate::platform::i18n::LocalizedText;
use crate::platform::values::{CountryCode, Slug};

const BAKU_2004: &str = include_str!("baku-2004.json");

/// The settings key that marks the demo as loaded.
const LOADED_MARK: &str = "demo_baku_2004_loaded";

#[derive(Serialize, Deserialize)]
pub struct DemoData {
    pub themes: Vec<DemoTheme>,
    pub organizations: Vec<DemoOrganization>,
    pub networks: Vec<DemoNetwork>,
    pub people: Vec<DemoPerson>,
    pub events: Vec<DemoEvent>,
    pub commitments: Vec<DemoCommitment>,
}

#[derive(Serialize, Deserialize)]
pub struct DemoTheme {
    pub slug: String,
    pub name: LocalizedText,
    pub mdgs: Vec<i64>,
    pub sdgs: Vec<i64>,
    pub millennium_declaration: bool,
}

/// An organisation of the dump: the directory's own, with its slug and themes.
#[derive(Serialize, Deserialize)]
pub struct DemoOrganization {
    pub slug: String,
    #[serde(flatten)]
    pub organization: Organization,
    pub themes: Vec<String>,
}

#[derive(Serialize, Deserialize)]
pub struct DemoNetwork {
    pub slug: String,
    pub level: String,
    pub parent: Option<String>,
    pub name: LocalizedText,
    pub description: Option<LocalizedText>,
    pub coordinator: Option<String>,
    pub founded_on: Option<String>,
    pub members: Vec<String>,
    pub focal_points: Vec<DemoFocalPoint>,
}

#[derive(Serialize, Deserialize)]
pub struct DemoFocalPoint {
    pub number: i64,
    pub title: LocalizedText,
    pub theme: String,
    pub goals_label: Option<String>,
    pub leads: Vec<String>,
    pub collaborators: Vec<String>,
}

#[derive(Serialize, Deserialize)]
pub struct DemoPerson {
    pub slug: String,
    pub honorific: Option<String>,
    pub name: LocalizedText,
    pub other_names: Vec<String>,
    pub positions: Vec<DemoPosition>,
}

#[derive(Serialize, Deserialize)]
pub struct DemoPosition {
    pub organization: String,
    pub title: LocalizedText,
    /// Work e-mail and phone in this position; left out when there are none, as in the demo data.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
}

#[derive(Serialize, Deserialize)]
pub struct DemoEvent {
    pub slug: String,
    pub kind: String,
    pub title: LocalizedText,
    pub starts_on: Option<String>,
    pub ends_on: Option<String>,
    pub start_time: Option<String>,
    pub location: Option<LocalizedText>,
    pub attendance: Option<i64>,
    pub network: Option<String>,
    pub organizers: Vec<String>,
    pub chair: Option<String>,
    pub description: Option<LocalizedText>,
}

#[derive(Serialize, Deserialize)]
pub struct DemoCommitment {
    pub slug: String,
    pub organization: String,
    pub person: Option<String>,
    pub event: Option<String>,
    pub summary: LocalizedText,
    pub amount: Option<i64>,
    pub currency: Option<String>,
    /// The network whose coordinator follows the commitment up.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
}

pub fn baku_2004() -> anyhow::Result<DemoData> {
    serde_json::from_str(BAKU_2004).context("the demo data file is malformed")
}

fn json_opt(text: &Option<LocalizedText>) -> Option<String> {
    text.as_ref().map(LocalizedText::to_json)
}

/// Ids of already-inserted rows by slug, failing clearly on a dangling reference.
struct Ids(HashMap<String, i64>, &'static str);

impl Ids {
    fn get(&self, slug: &str) -> anyhow::Result<i64> {
        self.0.get(slug).copied().ok_or_else(|| anyhow!("demo data names an unknown {} '{slug}'", self.1))
    }
}

/// Loads the Baku 2004 networks into the database once; later calls (and
/// instances starting together) find the mark and leave the data alone.
///
/// No consultative-status desk steps are seeded: the report says FAY and NAYORA
/// held status by November 2004, but gives neither category nor dates, and steps
/// need both; inventing them for real organisations would pass fiction off as the
/// report's. The boards count both as holding status from the directory as it is,
/// and the calendar is computed from the Committee's rules, so neither is empty.
pub async fn load(db: &Db) -> anyhow::Result<bool> {
    load_data(db, &baku_2004()?, Some(LOADED_MARK)).await
}

/// Loads an open-data dump (`irene export`) into a database that has no
/// organisations yet, in one transaction.
pub async fn import(db: &Db, data: &DemoData) -> anyhow::Result<()> {
    let existing: i64 = sqlx::query_scalar("SELECT COUNT(*) FROM organizations").fetch_one(&db.pool).await?;
    if existing > 0 {
        bail!("the database already holds {existing} organisations; import into an empty one");
    }
    load_data(db, data, None).await?;
    Ok(())
}

/// Writes a dataset in one transaction; with a `mark`, only once.
async fn load_data(db: &Db, data: &DemoData, mark: Option<&str>) -> anyhow::Result<bool> {
    db.with_schema_lock(async || {
        let mut tx = db.begin().await?;
        if let Some(mark) = mark {
            let loaded: Option<String> = sqlx::query_scalar("SELECT value FROM settings WHERE key = $1")
                .bind(mark)
                .fetch_optional(&mut *tx)
                .await?;
            if loaded.is_some() {
                return Ok(false);
            }
        }

        let mut themes = Ids(HashMap::new(), "theme");
        for (position, theme) in data.themes.iter().enumerate() {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO themes (slug, position, name, millennium_declaration) VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(&theme.slug)
            .bind(position as i64)
            .bind(theme.name.to_json())
            .bind(i64::from(theme.millennium_declaration))
            .fetch_one(&mut *tx)
            .await?;
            for (framework, numbers) in [("mdg", &theme.mdgs), ("sdg", &theme.sdgs)] {
                for number in numbers {
                    sqlx::query("INSERT INTO theme_goals (theme_id, framework, number) VALUES ($1, $2, $3)")
                        .bind(id)
                        .bind(framework)
                        .bind(*number)
                        .execute(&mut *tx)
                        .await?;
                }
            }
            themes.0.insert(theme.slug.clone(), id);
        }

        let mut organizations = Ids(HashMap::new(), "organization");
        for org in &data.organizations {
            let id = crate::directory::create(&mut tx, &checked_slug(org)?, &org.organization).await?;
            for theme in &org.themes {
                sqlx::query("INSERT INTO organization_themes (organization_id, theme_id) VALUES ($1, $2)")
                    .bind(id)
                    .bind(themes.get(theme)?)
                    .execute(&mut *tx)
                    .await?;
            }
            organizations.0.insert(org.slug.clone(), id);
        }

        let mut networks = Ids(HashMap::new(), "network");
        for network in &data.networks {
            let parent = network.parent.as_deref().map(|p| networks.get(p)).transpose()?;
            let coordinator = network.coordinator.as_deref().map(|c| organizations.get(c)).transpose()?;
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO networks (slug, level, parent_id, name, description, coordinator_id, founded_on) \
                 VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
            )
            .bind(&network.slug)
            .bind(&network.level)
            .bind(parent)
            .bind(network.name.to_json())
            .bind(json_opt(&network.description))
            .bind(coordinator)
            .bind(&network.founded_on)
            .fetch_one(&mut *tx)
            .await?;
            networks.0.insert(network.slug.clone(), id);
            for member in &network.members {
                sqlx::query("INSERT INTO network_members (network_id, organization_id) VALUES ($1, $2)")
                    .bind(id)
                    .bind(organizations.get(member)?)
                    .execute(&mut *tx)
                    .await?;
            }
            for focal_point in &network.focal_points {
                let fp_id: i64 = sqlx::query_scalar(
                    "INSERT INTO focal_points (network_id, number, title, theme_id, goals_label) \
                     VALUES ($1, $2, $3, $4, $5) RETURNING id",
                )
                .bind(id)
                .bind(focal_point.number)
                .bind(focal_point.title.to_json())
                .bind(themes.get(&focal_point.theme)?)
                .bind(&focal_point.goals_label)
                .fetch_one(&mut *tx)
                .await?;
                let roles = focal_point
                    .leads
                    .iter()
                    .map(|o| (o, "lead"))
                    .chain(focal_point.collaborators.iter().map(|o| (o, "collaborator")));
                for (position, (organization, role)) in roles.enumerate() {
                    sqlx::query(
                        "INSERT INTO focal_point_organizations (focal_point_id, organization_id, role, position) \
                         VALUES ($1, $2, $3, $4)",
                    )
                    .bind(fp_id)
                    .bind(organizations.get(organization)?)
                    .bind(role)
                    .bind(position as i64)
                    .execute(&mut *tx)
                    .await?;
                }
            }
        }

        let mut persons = Ids(HashMap::new(), "person");
        for person in &data.people {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO persons (slug, honorific, name, other_names) VALUES ($1, $2, $3, $4) RETURNING id",
            )
            .bind(&person.slug)
            .bind(&person.honorific)
            .bind(person.name.to_json())
            .bind(serde_json::to_string(&person.other_names)?)
            .fetch_one(&mut *tx)
            .await?;
            for (position, held) in person.positions.iter().enumerate() {
                sqlx::query(
                    "INSERT INTO positions (person_id, organization_id, title, email, phone, position) \
                     VALUES ($1, $2, $3, $4, $5, $6)",
                )
                .bind(id)
                .bind(organizations.get(&held.organization)?)
                .bind(held.title.to_json())
                .bind(&held.email)
                .bind(&held.phone)
                .bind(position as i64)
                .execute(&mut *tx)
                .await?;
            }
            persons.0.insert(person.slug.clone(), id);
        }

        let mut events = Ids(HashMap::new(), "event");
        for event in &data.events {
            let id: i64 = sqlx::query_scalar(
                "INSERT INTO events (slug, kind, title, starts_on, ends_on, start_time, location, attendance, \
                 network_id, chair_id, description) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
            )
            .bind(&event.slug)
            .bind(&event.kind)
            .bind(event.title.to_json())
            .bind(&event.starts_on)
            .bind(&event.ends_on)
            .bind(&event.start_time)
            .bind(json_opt(&event.location))
            .bind(event.attendance)
            .bind(event.network.as_deref().map(|n| networks.get(n)).transpose()?)
            .bind(event.chair.as_deref().map(|c| persons.get(c)).transpose()?)
            .bind(json_opt(&event.description))
            .fetch_one(&mut *tx)
            .await?;
            for organizer in &event.organizers {
                sqlx::query("INSERT INTO event_organizers (event_id, organization_id) VALUES ($1, $2)")
                    .bind(id)
                    .bind(organizations.get(organizer)?)
                    .execute(&mut *tx)
                    .await?;
            }
            events.0.insert(event.slug.clone(), id);
        }

        for commitment in &data.commitments {
            sqlx::query(
                "INSERT INTO commitments (slug, organization_id, person_id, event_id, summary, amount, currency, \
                 network_id) VALUES ($1, $2, $3, $4, $5, $6, $7, (SELECT id FROM networks WHERE slug = $8))",
            )
            .bind(&commitment.slug)
            .bind(organizations.get(&commitment.organization)?)
            .bind(commitment.person.as_deref().map(|p| persons.get(p)).transpose()?)
            .bind(commitment.event.as_deref().map(|e| events.get(e)).transpose()?)
            .bind(commitment.summary.to_json())
            .bind(commitment.amount)
            .bind(&commitment.currency)
            .bind(&commitment.network)
            .execute(&mut *tx)
            .await?;
        }

        // The report's programme of its meetings, which an open-data dump does not carry.
        if mark.is_some() {
            crate::events::load_demo_programme(&mut tx).await?;
            // The report's recommendations, training and news, which a dump does not carry either.
            crate::library::load_demo(&mut tx).await?;
            crate::news::load_demo(&mut tx).await?;
        }

        if let Some(mark) = mark {
            sqlx::query("INSERT INTO settings (key, value) VALUES ($1, $2)")
                .bind(mark)
                .bind(crate::platform::clock::now_rfc3339())
                .execute(&mut *tx)
                .await?;
        }
        tx.commit().await?;
        Ok(true)
    })
    .await
}

/// The slug of a demo organisation, refusing one the portal could not show as it is meant.
fn checked_slug(org: &DemoOrganization) -> anyhow::Result<Slug> {
    let Some(slug) = Slug::parse(&org.slug) else {
        bail!("demo organisation slug '{}' is not a slug", org.slug);
    };
    if let Some(country) = &org.organization.country
        && CountryCode::parse(country).is_none()
    {
        bail!("demo organisation '{}' has an unknown country '{country}'", org.slug);
    }
    Ok(slug)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_report_data_is_whole() {
        let data = baku_2004().expect("demo data parses");
        let focal_points: usize = data.networks.iter().map(|n| n.focal_points.len()).sum();
        assert_eq!(focal_points, 14, "7 focal points in each of the two networks");
        for org in &data.organizations {
            checked_slug(org).expect("valid organisation");
        }
        let coordinators: Vec<_> = data.networks.iter().filter_map(|n| n.coordinator.as_deref()).collect();
        assert!(coordinators.contains(&"nayora") && coordinators.contains(&"fay"));
        let attendance: Vec<i64> = data.events.iter().filter_map(|e| e.attendance).collect();
        assert!(attendance.contains(&84) && attendance.contains(&71));
        let ministries = data.commitments.iter().filter(|c| c.organization.starts_with("ministry-")).count();
        assert_eq!(ministries, 5);
    }
}
