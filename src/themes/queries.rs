//! Reading themes: the goals each maps to, and who works on it across networks.

use sqlx::Row;

use crate::directory::{NamedLink, ThemeGoals, group_theme_goals};
use crate::networks::Member;
use crate::platform::db::Db;
use crate::platform::i18n::LocalizedText;
use crate::platform::values::{CountryCode, Slug};

#[derive(Debug, Clone)]
pub struct ThemeFocalPoint {
    pub network: NamedLink,
    pub title: LocalizedText,
    pub goals_label: Option<String>,
    pub leads: Vec<Member>,
    pub collaborators: Vec<Member>,
}

#[derive(Debug, Clone)]
pub struct Theme {
    pub goals: ThemeGoals,
    pub millennium_declaration: bool,
    pub focal_points: Vec<ThemeFocalPoint>,
    pub organizations: Vec<Member>,
}

const THEME_GOALS_SELECT: &str = "SELECT t.slug AS slug, t.name AS name, g.framework AS framework, g.number AS number \
     FROM themes t LEFT JOIN theme_goals g ON g.theme_id = t.id";

/// Every theme with its goals, in the order the networks list them.
pub async fn all(db: &Db) -> sqlx::Result<Vec<ThemeGoals>> {
    let rows =
        sqlx::query(sqlx::AssertSqlSafe(format!("{THEME_GOALS_SELECT} ORDER BY t.position, g.framework, g.number")))
            .fetch_all(&db.pool)
            .await?;
    group_theme_goals(&rows)
}

fn member(row: &sqlx::any::AnyRow) -> sqlx::Result<Member> {
    use crate::directory::{ConsultativeStatus, OrganizationKind};
    Ok(Member {
        slug: row.try_get("slug")?,
        name: LocalizedText::from_json(&row.try_get::<String, _>("name")?),
        country: row.try_get::<Option<String>, _>("country")?.as_deref().and_then(CountryCode::parse),
        kind: OrganizationKind::parse(&row.try_get::<String, _>("kind")?).unwrap_or(OrganizationKind::Ngo),
        status: ConsultativeStatus::parse(&row.try_get::<String, _>("status")?).unwrap_or(ConsultativeStatus::None),
    })
}

pub async fn by_slug(db: &Db, slug: &Slug) -> sqlx::Result<Option<Theme>> {
    let rows = sqlx::query(sqlx::AssertSqlSafe(format!(
        "{THEME_GOALS_SELECT} WHERE t.slug = $1 ORDER BY g.framework, g.number"
    )))
    .bind(slug.as_str())
    .fetch_all(&db.pool)
    .await?;
    let Some(goals) = group_theme_goals(&rows)?.pop() else {
        return Ok(None);
    };
    let (id, millennium_declaration): (i64, i64) =
        sqlx::query_as("SELECT id, millennium_declaration FROM themes WHERE slug = $1")
            .bind(slug.as_str())
            .fetch_one(&db.pool)
            .await?;

    let focal_rows = sqlx::query(
        "SELECT fp.id AS fp_id, n.slug AS network_slug, n.name AS network_name, fp.title AS title, \
                fp.goals_label AS goals_label, fpo.role AS role, o.slug AS slug, o.name AS name, \
                o.country AS country, o.kind AS kind, o.consultative_status AS status \
         FROM focal_points fp JOIN networks n ON n.id = fp.network_id \
         JOIN focal_point_organizations fpo ON fpo.focal_point_id = fp.id \
         JOIN organizations o ON o.id = fpo.organization_id \
         WHERE fp.theme_id = $1 ORDER BY n.id, fp.number, fpo.position",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?;
    let mut focal_points: Vec<(i64, ThemeFocalPoint)> = Vec::new();
    for row in &focal_rows {
        let fp_id: i64 = row.try_get("fp_id")?;
        if focal_points.last().is_none_or(|(id, _)| *id != fp_id) {
            focal_points.push((
                fp_id,
                ThemeFocalPoint {
                    network: NamedLink {
                        slug: row.try_get("network_slug")?,
                        name: LocalizedText::from_json(&row.try_get::<String, _>("network_name")?),
                    },
                    title: LocalizedText::from_json(&row.try_get::<String, _>("title")?),
                    goals_label: row.try_get("goals_label")?,
                    leads: Vec::new(),
                    collaborators: Vec::new(),
                },
            ));
        }
        let (_, focal_point) = focal_points.last_mut().expect("pushed above");
        if row.try_get::<String, _>("role")? == "lead" {
            focal_point.leads.push(member(row)?);
        } else {
            focal_point.collaborators.push(member(row)?);
        }
    }

    let mut organizations: Vec<Member> = sqlx::query(
        "SELECT o.slug AS slug, o.name AS name, o.country AS country, o.kind AS kind, o.consultative_status AS status \
         FROM organization_themes ot JOIN organizations o ON o.id = ot.organization_id \
         WHERE ot.theme_id = $1 AND o.listed = 1 LIMIT 200",
    )
    .bind(id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(member)
    .collect::<sqlx::Result<_>>()?;
    organizations.sort_by_key(|m| m.name.get(crate::platform::i18n::Lang::En).to_lowercase());

    Ok(Some(Theme {
        goals,
        millennium_declaration: millennium_declaration != 0,
        focal_points: focal_points.into_iter().map(|(_, fp)| fp).collect(),
        organizations,
    }))
}

pub async fn organization_count(db: &Db, slug: &Slug) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "SELECT COUNT(*) FROM organization_themes ot JOIN themes t ON t.id = ot.theme_id \
         JOIN organizations o ON o.id = ot.organization_id WHERE t.slug = $1 AND o.listed = 1",
    )
    .bind(slug.as_str())
    .fetch_one(&db.pool)
    .await
}
