//! Reading networks: their place in the global → regional → national tree,
//! coordinator, focal points and members.

use sqlx::Row;
use sqlx::any::AnyRow;

use crate::directory::NamedLink;
use crate::directory::{ConsultativeStatus, OrganizationKind};
use crate::events::EventSummary;
use crate::platform::db::Db;
use crate::platform::i18n::LocalizedText;
use crate::platform::values::{CountryCode, Slug};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Global,
    Regional,
    National,
}

impl Level {
    pub fn parse(code: &str) -> Level {
        match code {
            "global" => Level::Global,
            "regional" => Level::Regional,
            _ => Level::National,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            Level::Global => "global",
            Level::Regional => "regional",
            Level::National => "national",
        }
    }

    pub const ALL: [Level; 3] = [Level::Global, Level::Regional, Level::National];

    /// Whether a network of this level may be launched under a parent of level `parent` (None: at the top).
    pub fn fits_under(self, parent: Option<Level>) -> bool {
        matches!(
            (parent, self),
            (None, Level::Global)
                | (Some(Level::Global), Level::Regional | Level::National)
                | (Some(Level::Regional), Level::National)
        )
    }
}

/// Where a network is in its life: proposed and being prepared, running, or
/// retired (kept with its history, but out of the tree).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NetworkState {
    Planned,
    Active,
    Retired,
}

impl NetworkState {
    pub fn parse(code: &str) -> Option<NetworkState> {
        match code {
            "planned" => Some(NetworkState::Planned),
            "active" => Some(NetworkState::Active),
            "retired" => Some(NetworkState::Retired),
            _ => None,
        }
    }

    pub fn code(self) -> &'static str {
        match self {
            NetworkState::Planned => "planned",
            NetworkState::Active => "active",
            NetworkState::Retired => "retired",
        }
    }
}

/// The countries a network covers, as stored (a JSON list of codes).
pub fn countries_from_json(json: &str) -> Vec<CountryCode> {
    serde_json::from_str::<Vec<String>>(json).unwrap_or_default().iter().filter_map(|c| CountryCode::parse(c)).collect()
}

/// An organisation as a network page lists it.
#[derive(Debug, Clone)]
pub struct Member {
    pub slug: String,
    pub name: LocalizedText,
    pub country: Option<CountryCode>,
    pub kind: OrganizationKind,
    pub status: ConsultativeStatus,
}

#[derive(Debug, Clone)]
pub struct FocalPoint {
    pub number: i64,
    pub title: LocalizedText,
    pub goals_label: Option<String>,
    pub theme: NamedLink,
    pub leads: Vec<Member>,
    pub collaborators: Vec<Member>,
    /// Changes are made to a version, so that concurrent ones are refused.
    pub version: i64,
}

#[derive(Debug, Clone)]
pub struct NetworkSummary {
    pub id: i64,
    pub slug: String,
    pub level: Level,
    pub parent_id: Option<i64>,
    pub name: LocalizedText,
    pub coordinator: Option<Member>,
    pub member_count: i64,
    pub state: NetworkState,
    pub countries: Vec<CountryCode>,
    /// Steps below the top of the tree, once placed in it by [`all`].
    pub depth: usize,
}

#[derive(Debug, Clone)]
pub struct Network {
    pub summary: NetworkSummary,
    pub description: Option<LocalizedText>,
    pub founded_on: Option<String>,
    /// Changes are made to a version, so that concurrent ones are refused.
    pub version: i64,
    pub parent: Option<NamedLink>,
    pub children: Vec<NetworkSummary>,
    pub focal_points: Vec<FocalPoint>,
    pub members: Vec<Member>,
    /// Members per theme, among this network's members.
    pub per_theme: Vec<(NamedLink, i64)>,
    pub events: Vec<EventSummary>,
}

fn member(row: &AnyRow, prefix: &str) -> sqlx::Result<Member> {
    let column = |name: &str| format!("{prefix}{name}");
    Ok(Member {
        slug: row.try_get(column("slug").as_str())?,
        name: LocalizedText::from_json(&row.try_get::<String, _>(column("name").as_str())?),
        country: row.try_get::<Option<String>, _>(column("country").as_str())?.as_deref().and_then(CountryCode::parse),
        kind: OrganizationKind::parse(&row.try_get::<String, _>(column("kind").as_str())?)
            .unwrap_or(OrganizationKind::Ngo),
        status: ConsultativeStatus::parse(&row.try_get::<String, _>(column("status").as_str())?)
            .unwrap_or(ConsultativeStatus::None),
    })
}

const SUMMARY_SELECT: &str = "SELECT n.id AS id, n.slug AS slug, n.level AS level, n.parent_id AS parent_id, \
    n.name AS name, n.state AS state, n.countries AS countries, o.slug AS c_slug, o.name AS c_name, o.country AS c_country, o.kind AS c_kind, \
    o.consultative_status AS c_status, \
    (SELECT COUNT(*) FROM network_members m WHERE m.network_id = n.id) AS member_count \
    FROM networks n LEFT JOIN organizations o ON o.id = n.coordinator_id";

fn summary(row: &AnyRow) -> sqlx::Result<NetworkSummary> {
    let has_coordinator = row.try_get::<Option<String>, _>("c_slug")?.is_some();
    Ok(NetworkSummary {
        id: row.try_get("id")?,
        slug: row.try_get("slug")?,
        level: Level::parse(&row.try_get::<String, _>("level")?),
        parent_id: row.try_get("parent_id")?,
        name: LocalizedText::from_json(&row.try_get::<String, _>("name")?),
        coordinator: if has_coordinator { Some(member(row, "c_")?) } else { None },
        member_count: row.try_get("member_count")?,
        state: NetworkState::parse(&row.try_get::<String, _>("state")?).unwrap_or(NetworkState::Active),
        countries: countries_from_json(&row.try_get::<String, _>("countries")?),
        depth: 0,
    })
}

/// Every network not retired, parents before children.
pub async fn all(db: &Db) -> sqlx::Result<Vec<NetworkSummary>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!("{SUMMARY_SELECT} WHERE n.state <> 'retired' ORDER BY n.id")))
        .fetch_all(&db.pool)
        .await?;
    let networks: Vec<NetworkSummary> = rows.iter().map(summary).collect::<sqlx::Result<_>>()?;
    let mut ordered = Vec::with_capacity(networks.len());
    fn place(parent: Option<i64>, depth: usize, networks: &[NetworkSummary], ordered: &mut Vec<NetworkSummary>) {
        for network in networks.iter().filter(|n| n.parent_id == parent) {
            if ordered.iter().any(|o: &NetworkSummary| o.id == network.id) {
                continue;
            }
            ordered.push(NetworkSummary { depth, ..network.clone() });
            place(Some(network.id), depth + 1, networks, ordered);
        }
    }
    place(None, 0, &networks, &mut ordered);
    // A parent that no longer exists must not hide its children.
    for network in &networks {
        if !ordered.iter().any(|o| o.id == network.id) {
            ordered.push(network.clone());
        }
    }
    Ok(ordered)
}

pub async fn by_slug(db: &Db, slug: &Slug) -> sqlx::Result<Option<Network>> {
    let Some(row) = sqlx::query(sqlx::AssertSqlSafe(format!("{SUMMARY_SELECT} WHERE n.slug = $1")))
        .bind(slug.as_str())
        .fetch_optional(&db.pool)
        .await?
    else {
        return Ok(None);
    };
    let summary = summary(&row)?;
    let id = summary.id;
    let details = sqlx::query(
        "SELECT n.description AS description, n.founded_on AS founded_on, n.version AS version, \
                p.slug AS parent_slug, p.name AS parent_name \
         FROM networks n LEFT JOIN networks p ON p.id = n.parent_id WHERE n.id = $1",
    )
    .bind(id)
    .fetch_one(&db.pool)
    .await?;
    let parent = match details.try_get::<Option<String>, _>("parent_slug")? {
        Some(slug) => {
            Some(NamedLink { slug, name: LocalizedText::from_json(&details.try_get::<String, _>("parent_name")?) })
        }
        None => None,
    };
    let children = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{SUMMARY_SELECT} WHERE n.parent_id = $1 AND n.state <> 'retired' ORDER BY n.id"
    )))
    .bind(id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(self::summary)
    .collect::<sqlx::Result<_>>()?;

    let focal_rows = sqlx::query(
        "SELECT fp.id AS fp_id, fp.number AS number, fp.title AS title, fp.goals_label AS goals_label, \
                fp.version AS version, t.slug AS theme_slug, t.name AS theme_name, fpo.role AS role, \
                o.slug AS slug, o.name AS name, o.country AS country, o.kind AS kind, o.consultative_status AS status \
         FROM focal_points fp JOIN themes t ON t.id = fp.theme_id \
         LEFT JOIN focal_point_organizations fpo ON fpo.focal_point_id = fp.id \
         LEFT JOIN organizations o ON o.id = fpo.organization_id \
         WHERE fp.network_id = $1 AND fp.retired_at IS NULL ORDER BY fp.position, fp.number, fpo.position",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let mut focal_points: Vec<FocalPoint> = Vec::new();
    for row in &focal_rows {
        let number: i64 = row.try_get("number")?;
        if focal_points.last().is_none_or(|fp| fp.number != number) {
            focal_points.push(FocalPoint {
                number,
                title: LocalizedText::from_json(&row.try_get::<String, _>("title")?),
                goals_label: row.try_get("goals_label")?,
                theme: NamedLink {
                    slug: row.try_get("theme_slug")?,
                    name: LocalizedText::from_json(&row.try_get::<String, _>("theme_name")?),
                },
                leads: Vec::new(),
                collaborators: Vec::new(),
                version: row.try_get("version")?,
            });
        }
        let focal_point = focal_points.last_mut().expect("pushed above");
        match row.try_get::<Option<String>, _>("role")?.as_deref() {
            Some("lead") => focal_point.leads.push(member(row, "")?),
            Some(_) => focal_point.collaborators.push(member(row, "")?),
            None => {}
        }
    }

    let mut members: Vec<Member> = sqlx::query(
        "SELECT o.slug AS slug, o.name AS name, o.country AS country, o.kind AS kind, o.consultative_status AS status \
         FROM network_members m JOIN organizations o ON o.id = m.organization_id WHERE m.network_id = $1",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|row| member(row, ""))
    .collect::<sqlx::Result<_>>()?;
    members.sort_by_cached_key(|m| {
        crate::directory::collation_key(crate::platform::i18n::Lang::En, m.name.get(crate::platform::i18n::Lang::En))
    });

    let per_theme = sqlx::query(
        "SELECT t.slug AS slug, t.name AS name, COUNT(*) AS members FROM organization_themes ot \
         JOIN themes t ON t.id = ot.theme_id \
         JOIN network_members m ON m.organization_id = ot.organization_id AND m.network_id = $1 \
         GROUP BY t.slug, t.name, t.position ORDER BY t.position",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|row| {
        Ok((
            NamedLink {
                slug: row.try_get("slug")?,
                name: LocalizedText::from_json(&row.try_get::<String, _>("name")?),
            },
            row.try_get::<i64, _>("members")?,
        ))
    })
    .collect::<sqlx::Result<_>>()?;

    let events = crate::events::of_network(db, id).await?;

    Ok(Some(Network {
        description: LocalizedText::from_json_opt(details.try_get::<Option<String>, _>("description")?.as_deref()),
        founded_on: details.try_get("founded_on")?,
        version: details.try_get("version")?,
        summary,
        parent,
        children,
        focal_points,
        members,
        per_theme,
        events,
    }))
}
