//! Reading organisations: the search documents and the profile page.

use std::collections::{BTreeSet, HashMap};

use sqlx::Row;
use sqlx::any::AnyRow;

use super::model::{ConsultativeStatus, OrganizationKind};
use super::organization::Work;
use crate::platform::db::Db;
use crate::platform::i18n::LocalizedText;
use crate::platform::values::{CountryCode, Slug};

/// Everything the search index holds of one organisation.
#[derive(Debug, Clone)]
pub struct SearchDocument {
    pub id: i64,
    pub slug: String,
    pub kind: OrganizationKind,
    pub acronym: Option<String>,
    pub name: LocalizedText,
    pub other_names: Vec<String>,
    pub country: Option<CountryCode>,
    pub city: Option<String>,
    pub address: Option<String>,
    pub description: Option<LocalizedText>,
    pub status: ConsultativeStatus,
    pub themes: BTreeSet<String>,
    pub networks: BTreeSet<String>,
    pub people: Vec<String>,
    /// Whether the public sees it: a registration declined by the network it asked to join is not listed.
    pub listed: bool,
}

/// Ids per batch of `IN (…)`: well under SQLite's and PostgreSQL's parameter limits. SQLite finds a
/// parameter's name by a walk through the list of names, so binding costs the square of the count.
const BATCH: usize = 250;

/// Organisations per batch of a rebuild, read by range of ids.
pub const REBUILD_BATCH: i64 = 2000;

/// Which organisations a query reads: those among some ids, or those whose id falls within a range.
#[derive(Clone, Copy)]
enum Selection<'a> {
    Ids(&'a [i64]),
    Range { first: i64, last: i64 },
}

/// The documents of the organisations among `ids` that still exist.
pub async fn search_documents(db: &Db, ids: &[i64]) -> sqlx::Result<Vec<SearchDocument>> {
    let mut documents = Vec::with_capacity(ids.len());
    for chunk in ids.chunks(BATCH) {
        documents.extend(search_documents_batch(db, Selection::Ids(chunk)).await?);
    }
    Ok(documents)
}

/// The documents of the next organisations, at most [`REBUILD_BATCH`] of them, whose ids follow `after`; empty
/// once there are none.
pub async fn search_documents_after(db: &Db, after: i64) -> sqlx::Result<Vec<SearchDocument>> {
    let last: Option<i64> = sqlx::query_scalar(
        "SELECT MAX(id) FROM (SELECT id FROM organizations WHERE id > $1 ORDER BY id LIMIT $2) AS next_ids",
    )
    .bind(after)
    .bind(REBUILD_BATCH)
    .fetch_one(&db.pool)
    .await?;
    match last {
        Some(last) => search_documents_batch(db, Selection::Range { first: after + 1, last }).await,
        None => Ok(Vec::new()),
    }
}

impl Selection<'_> {
    /// The condition that `column` names a selected organisation, its parameters numbered from $1.
    fn condition(&self, column: &str) -> String {
        match self {
            Selection::Ids(ids) => format!("{column} IN ({})", Db::placeholders(1, ids.len())),
            Selection::Range { .. } => format!("{column} BETWEEN $1 AND $2"),
        }
    }

    /// Runs `sql`, whose conditions come from [`Self::condition`], with the selection's parameters.
    async fn fetch(&self, db: &Db, sql: String) -> sqlx::Result<Vec<AnyRow>> {
        let query = sqlx::query(sqlx::AssertSqlSafe(sql));
        let query = match *self {
            Selection::Ids(ids) => ids.iter().fold(query, |query, id| query.bind(*id)),
            Selection::Range { first, last } => query.bind(first).bind(last),
        };
        query.fetch_all(&db.pool).await
    }
}

async fn search_documents_batch(db: &Db, selection: Selection<'_>) -> sqlx::Result<Vec<SearchDocument>> {
    if let Selection::Ids([]) = selection {
        return Ok(Vec::new());
    }
    let rows = selection
        .fetch(
            db,
            format!(
                "SELECT id, slug, kind, acronym, name, other_names, country, city, address, description, \
                 consultative_status, listed FROM organizations WHERE {}",
                selection.condition("id")
            ),
        )
        .await?;
    let mut documents: HashMap<i64, SearchDocument> = HashMap::with_capacity(rows.len());
    for row in rows {
        let id: i64 = row.try_get("id")?;
        documents.insert(
            id,
            SearchDocument {
                id,
                slug: row.try_get("slug")?,
                kind: OrganizationKind::parse(&row.try_get::<String, _>("kind")?).unwrap_or(OrganizationKind::Ngo),
                acronym: row.try_get("acronym")?,
                name: LocalizedText::from_json(&row.try_get::<String, _>("name")?),
                other_names: serde_json::from_str(&row.try_get::<String, _>("other_names")?).unwrap_or_default(),
                country: row.try_get::<Option<String>, _>("country")?.as_deref().and_then(CountryCode::parse),
                city: row.try_get("city")?,
                address: row.try_get("address")?,
                description: LocalizedText::from_json_opt(row.try_get::<Option<String>, _>("description")?.as_deref()),
                status: ConsultativeStatus::parse(&row.try_get::<String, _>("consultative_status")?)
                    .unwrap_or(ConsultativeStatus::None),
                themes: BTreeSet::new(),
                networks: BTreeSet::new(),
                people: Vec::new(),
                listed: row.try_get::<i64, _>("listed")? != 0,
            },
        );
    }

    // Themes and networks from four sources, in one statement.
    let links = [
        (
            "SELECT ot.organization_id AS organization_id, t.slug AS theme, CAST(NULL AS TEXT) AS network \
          FROM organization_themes ot JOIN themes t ON t.id = ot.theme_id",
            "ot.organization_id",
        ),
        (
            "SELECT nm.organization_id, NULL, n.slug FROM network_members nm JOIN networks n ON n.id = nm.network_id",
            "nm.organization_id",
        ),
        ("SELECT n.coordinator_id, NULL, n.slug FROM networks n", "n.coordinator_id"),
        (
            "SELECT fpo.organization_id, t.slug, n.slug FROM focal_point_organizations fpo \
          JOIN focal_points fp ON fp.id = fpo.focal_point_id JOIN themes t ON t.id = fp.theme_id \
          JOIN networks n ON n.id = fp.network_id",
            "fpo.organization_id",
        ),
    ]
    .map(|(select, column)| format!("{select} WHERE {}", selection.condition(column)))
    .join(" UNION ALL ");
    for row in selection.fetch(db, links).await? {
        let id: i64 = row.try_get("organization_id")?;
        if let Some(document) = documents.get_mut(&id) {
            if let Some(theme) = row.try_get::<Option<String>, _>("theme")? {
                document.themes.insert(theme);
            }
            if let Some(network) = row.try_get::<Option<String>, _>("network")? {
                document.networks.insert(network);
            }
        }
    }
    let people = selection
        .fetch(
            db,
            format!(
                "SELECT p.organization_id AS organization_id, pe.name AS name, pe.other_names AS other_names \
                 FROM positions p JOIN persons pe ON pe.id = p.person_id WHERE {}",
                selection.condition("p.organization_id")
            ),
        )
        .await?;
    for row in people {
        let id: i64 = row.try_get("organization_id")?;
        if let Some(document) = documents.get_mut(&id) {
            let name = LocalizedText::from_json(&row.try_get::<String, _>("name")?);
            document.people.extend(name.values().map(str::to_string));
            let other: Vec<String> =
                serde_json::from_str(&row.try_get::<String, _>("other_names")?).unwrap_or_default();
            document.people.extend(other);
        }
    }
    let mut documents: Vec<SearchDocument> = documents.into_values().collect();
    documents.sort_by_key(|d| d.id);
    Ok(documents)
}

/// A link to another entity, named in every language.
#[derive(Debug, Clone, PartialEq)]
pub struct NamedLink {
    pub slug: String,
    pub name: LocalizedText,
}

#[derive(Debug, Clone)]
pub struct NetworkRole {
    pub network: NamedLink,
    pub coordinator: bool,
}

#[derive(Debug, Clone)]
pub struct FocalPointRole {
    pub network: NamedLink,
    pub title: LocalizedText,
    pub theme: NamedLink,
    pub goals_label: Option<String>,
    pub lead: bool,
}

#[derive(Debug, Clone)]
pub struct PersonPosition {
    /// The position's id: a person may hold positions at several organisations.
    pub id: i64,
    pub honorific: Option<String>,
    pub name: LocalizedText,
    pub title: LocalizedText,
    /// Work e-mail and phone in this position.
    pub email: Option<String>,
    pub phone: Option<String>,
    /// The position's version, which a change names.
    pub version: i64,
}

#[derive(Debug, Clone)]
pub struct ThemeGoals {
    pub theme: NamedLink,
    pub mdgs: Vec<i64>,
    pub sdgs: Vec<i64>,
}

/// Everything an organisation's profile page shows.
#[derive(Debug, Clone)]
pub struct Profile {
    pub document: SearchDocument,
    pub phone: Option<String>,
    pub email: Option<String>,
    pub website: Option<String>,
    pub founded_year: Option<i64>,
    pub status_year: Option<i64>,
    pub verified_at: Option<String>,
    /// Changes when the organisation does; writes name the version they read.
    pub version: i64,
    pub work: Work,
    /// When its logo was last changed (milliseconds), if it has one.
    pub logo_at: Option<i64>,
    pub themes: Vec<ThemeGoals>,
    pub networks: Vec<NetworkRole>,
    pub focal_points: Vec<FocalPointRole>,
    pub people: Vec<PersonPosition>,
    pub events: Vec<crate::events::EventSummary>,
    pub commitments: Vec<crate::plans::CommitmentSummary>,
}

fn named(row: &AnyRow, slug: &str, name: &str) -> sqlx::Result<NamedLink> {
    Ok(NamedLink { slug: row.try_get(slug)?, name: LocalizedText::from_json(&row.try_get::<String, _>(name)?) })
}

/// The profile, when the public may see it.
pub async fn public_profile(db: &Db, slug: &Slug) -> sqlx::Result<Option<Profile>> {
    Ok(profile(db, slug).await?.filter(|profile| profile.document.listed))
}

pub async fn profile(db: &Db, slug: &Slug) -> sqlx::Result<Option<Profile>> {
    let Some(row) = sqlx::query(
        "SELECT id, phone, email, website, founded_year, status_year, verified_at, version, scope, countries_of_work, \
         languages, expertise, staff, volunteers, members, goals, \
         (SELECT updated_at FROM organization_logos l WHERE l.organization_id = organizations.id) AS logo_at \
         FROM organizations WHERE slug = $1",
    )
    .bind(slug.as_str())
    .fetch_optional(&db.pool)
    .await?
    else {
        return Ok(None);
    };
    let id: i64 = row.try_get("id")?;
    let Some(document) = search_documents(db, &[id]).await?.pop() else {
        return Ok(None);
    };

    let theme_rows = sqlx::query(
        "SELECT t.slug AS slug, t.name AS name, g.framework AS framework, g.number AS number \
         FROM themes t LEFT JOIN theme_goals g ON g.theme_id = t.id \
         WHERE t.slug IN (SELECT t2.slug FROM organization_themes ot JOIN themes t2 ON t2.id = ot.theme_id \
                          WHERE ot.organization_id = $1 \
                          UNION SELECT t3.slug FROM focal_point_organizations fpo \
                          JOIN focal_points fp ON fp.id = fpo.focal_point_id JOIN themes t3 ON t3.id = fp.theme_id \
                          WHERE fpo.organization_id = $1) \
         ORDER BY t.position, g.framework, g.number",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let themes = group_theme_goals(&theme_rows)?;

    let networks = sqlx::query(
        "SELECT n.slug AS slug, n.name AS name, \
                CASE WHEN n.coordinator_id = $1 THEN 1 ELSE 0 END AS coordinator \
         FROM networks n WHERE n.coordinator_id = $1 \
            OR n.id IN (SELECT network_id FROM network_members WHERE organization_id = $1) \
         ORDER BY n.id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|row| {
        Ok(NetworkRole {
            network: named(row, "slug", "name")?,
            coordinator: row.try_get::<i64, _>("coordinator")? == 1,
        })
    })
    .collect::<sqlx::Result<Vec<_>>>()?;

    let focal_points = sqlx::query(
        "SELECT n.slug AS network_slug, n.name AS network_name, fp.title AS title, fp.goals_label AS goals_label, \
                t.slug AS theme_slug, t.name AS theme_name, fpo.role AS role \
         FROM focal_point_organizations fpo JOIN focal_points fp ON fp.id = fpo.focal_point_id \
         JOIN networks n ON n.id = fp.network_id JOIN themes t ON t.id = fp.theme_id \
         WHERE fpo.organization_id = $1 ORDER BY n.id, fp.number",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|row| {
        Ok(FocalPointRole {
            network: named(row, "network_slug", "network_name")?,
            title: LocalizedText::from_json(&row.try_get::<String, _>("title")?),
            theme: named(row, "theme_slug", "theme_name")?,
            goals_label: row.try_get("goals_label")?,
            lead: row.try_get::<String, _>("role")? == "lead",
        })
    })
    .collect::<sqlx::Result<Vec<_>>>()?;

    let people = sqlx::query(
        "SELECT p.id AS id, pe.honorific AS honorific, pe.name AS name, p.title AS title, p.email AS email, \
         p.phone AS phone, p.version AS version \
         FROM positions p JOIN persons pe ON pe.id = p.person_id \
         WHERE p.organization_id = $1 ORDER BY p.position, p.id",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|row| {
        Ok(PersonPosition {
            id: row.try_get("id")?,
            email: row.try_get("email")?,
            phone: row.try_get("phone")?,
            version: row.try_get("version")?,
            honorific: row.try_get("honorific")?,
            name: LocalizedText::from_json(&row.try_get::<String, _>("name")?),
            title: LocalizedText::from_json(&row.try_get::<String, _>("title")?),
        })
    })
    .collect::<sqlx::Result<Vec<_>>>()?;

    let events = crate::events::of_organization(db, id).await?;

    let commitments = crate::plans::commitments_of(db, id).await?;

    Ok(Some(Profile {
        document,
        phone: row.try_get("phone")?,
        email: row.try_get("email")?,
        website: row.try_get("website")?,
        founded_year: row.try_get("founded_year")?,
        status_year: row.try_get("status_year")?,
        verified_at: row.try_get("verified_at")?,
        version: row.try_get("version")?,
        work: Work::from_row(&row)?,
        logo_at: row.try_get("logo_at")?,
        themes,
        networks,
        focal_points,
        people,
        events,
        commitments,
    }))
}

/// Themes with their goals, from rows of (slug, name, framework, number)
/// ordered by theme.
pub fn group_theme_goals(rows: &[AnyRow]) -> sqlx::Result<Vec<ThemeGoals>> {
    let mut themes: Vec<ThemeGoals> = Vec::new();
    for row in rows {
        let slug: String = row.try_get("slug")?;
        if themes.last().is_none_or(|t| t.theme.slug != slug) {
            themes.push(ThemeGoals { theme: named(row, "slug", "name")?, mdgs: Vec::new(), sdgs: Vec::new() });
        }
        let theme = themes.last_mut().expect("pushed above");
        let framework: Option<String> = row.try_get("framework")?;
        let number: Option<i64> = row.try_get("number")?;
        match (framework.as_deref(), number) {
            (Some("mdg"), Some(n)) => theme.mdgs.push(n),
            (Some("sdg"), Some(n)) => theme.sdgs.push(n),
            _ => {}
        }
    }
    Ok(themes)
}
