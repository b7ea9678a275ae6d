//! The plans' SQL: reading a plan whole, and its writes.

use std::collections::BTreeMap;

use sqlx::Row;
use sqlx::any::AnyRow;

use super::model::{ActivityStatus, Currency, activity_progress, is_overdue, mean};
use super::proposals::Grant;
use crate::platform::clock::{now_rfc3339, parse_day};
use crate::platform::db::{AnyQuery, Db};
use crate::platform::files::StoredFile;
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::objects::Placement;
use crate::platform::values::Slug;

/// The network a plan belongs to.
#[derive(Clone)]
pub struct NetworkRef {
    pub id: i64,
    pub slug: String,
    pub name: LocalizedText,
}

pub async fn network(db: &Db, slug: &Slug) -> sqlx::Result<Option<NetworkRef>> {
    let row = sqlx::query("SELECT id, slug, name FROM networks WHERE slug = $1")
        .bind(slug.as_str())
        .fetch_optional(&db.pool)
        .await?;
    row.map(|row| {
        Ok(NetworkRef {
            id: row.try_get("id")?,
            slug: row.try_get("slug")?,
            name: LocalizedText::from_json(&row.try_get::<String, _>("name")?),
        })
    })
    .transpose()
}

/// A focal point of a network, which an activity belongs to (and so to its theme).
#[derive(Clone)]
pub struct FocalPointRef {
    pub id: i64,
    pub number: i64,
    pub title: LocalizedText,
    pub theme_slug: String,
    pub theme_name: LocalizedText,
}

fn focal_point_ref(row: &AnyRow) -> sqlx::Result<FocalPointRef> {
    Ok(FocalPointRef {
        id: row.try_get("fp_id")?,
        number: row.try_get("fp_number")?,
        title: LocalizedText::from_json(&row.try_get::<String, _>("fp_title")?),
        theme_slug: row.try_get("theme_slug")?,
        theme_name: LocalizedText::from_json(&row.try_get::<String, _>("theme_name")?),
    })
}

const FOCAL_POINT_COLUMNS: &str = "fp.id AS fp_id, fp.number AS fp_number, fp.title AS fp_title, \
     t.slug AS theme_slug, t.name AS theme_name";

pub async fn focal_points(db: &Db, network_id: i64) -> sqlx::Result<Vec<FocalPointRef>> {
    sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT {FOCAL_POINT_COLUMNS} FROM focal_points fp JOIN themes t ON t.id = fp.theme_id \
         WHERE fp.network_id = $1 ORDER BY fp.number"
    )))
    .bind(network_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(focal_point_ref)
    .collect()
}

/// An organisation an activity names.
#[derive(Clone, Debug)]
pub struct OrgRef {
    pub slug: String,
    pub name: LocalizedText,
}

#[derive(Clone)]
pub struct PlanSummary {
    pub id: i64,
    pub title: String,
    pub starts_on: String,
    pub ends_on: String,
}

pub async fn plans_of(db: &Db, network_id: i64) -> sqlx::Result<Vec<PlanSummary>> {
    sqlx::query("SELECT id, title, starts_on, ends_on FROM plans WHERE network_id = $1 ORDER BY starts_on DESC, id")
        .bind(network_id)
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|row| {
            Ok(PlanSummary {
                id: row.try_get("id")?,
                title: row.try_get("title")?,
                starts_on: row.try_get("starts_on")?,
                ends_on: row.try_get("ends_on")?,
            })
        })
        .collect()
}

#[derive(Clone)]
pub struct Indicator {
    pub id: i64,
    pub name: String,
    pub baseline: f64,
    pub target: f64,
    pub current: f64,
    pub progress: u8,
}

#[derive(Clone)]
pub struct Activity {
    pub id: i64,
    pub objective_id: i64,
    pub title: String,
    pub focal_point: FocalPointRef,
    pub responsible: Option<OrgRef>,
    pub partners: Vec<OrgRef>,
    pub starts_on: time::Date,
    pub ends_on: time::Date,
    pub currency: Option<Currency>,
    pub budget: Option<i64>,
    pub secured: Option<i64>,
    pub funding_source: Option<String>,
    /// Its shares of what funded proposals were granted, in its currency.
    pub granted: i64,
    pub status: ActivityStatus,
    pub indicators: Vec<Indicator>,
    pub progress: u8,
    pub overdue: bool,
}

impl Activity {
    fn money(&self, minor: Option<i64>) -> String {
        match (self.currency, minor) {
            (Some(currency), Some(minor)) => currency.display(minor),
            _ => String::new(),
        }
    }

    /// The budget for reading (empty without one).
    pub fn budget_shown(&self) -> String {
        self.money(self.budget)
    }

    /// What is secured: the amount given with the activity and its shares of grants.
    pub fn secured_total(&self) -> Option<i64> {
        match (self.secured, self.granted) {
            (None, 0) => None,
            (secured, granted) => Some(secured.unwrap_or(0) + granted),
        }
    }

    /// The secured amount for reading (empty without one).
    pub fn secured_shown(&self) -> String {
        self.money(self.secured_total())
    }

    /// Its shares of grants for reading (empty without any).
    pub fn granted_shown(&self) -> String {
        self.money(Some(self.granted).filter(|g| *g > 0))
    }
}

#[derive(Clone)]
pub struct Objective {
    pub id: i64,
    pub number: usize,
    pub title: String,
    pub activities: Vec<Activity>,
    /// The mean progress of its activities that are not cancelled.
    pub progress: Option<u8>,
}

#[derive(Clone)]
pub struct Plan {
    pub id: i64,
    pub network: NetworkRef,
    pub title: String,
    pub starts_on: time::Date,
    pub ends_on: time::Date,
    pub budgets_public: bool,
    pub objectives: Vec<Objective>,
    /// What its funded proposals were granted.
    pub grants: Vec<Grant>,
}

/// The progress of activities that count (those not cancelled).
pub fn progress_of<'a>(activities: impl IntoIterator<Item = &'a Activity>) -> Option<u8> {
    mean(activities.into_iter().filter(|a| a.status != ActivityStatus::Cancelled).map(|a| a.progress))
}

impl Plan {
    pub fn activities(&self) -> impl Iterator<Item = &Activity> {
        self.objectives.iter().flat_map(|o| o.activities.iter())
    }

    pub fn activity(&self, id: i64) -> Option<&Activity> {
        self.activities().find(|a| a.id == id)
    }

    /// Planned and secured amounts per currency and funding source (None when not given); cancelled activities
    /// and those without a currency are left out. What funded proposals were granted is secured from their
    /// funders, named in `lang`.
    pub fn budget_by_funder(&self, lang: Lang) -> BTreeMap<Currency, BTreeMap<Option<String>, (i64, i64)>> {
        let mut funders: BTreeMap<Currency, BTreeMap<Option<String>, (i64, i64)>> = BTreeMap::new();
        for activity in self.activities().filter(|a| a.status != ActivityStatus::Cancelled) {
            if let Some(currency) = activity.currency {
                let entry = funders.entry(currency).or_default().entry(activity.funding_source.clone()).or_default();
                entry.0 += activity.budget.unwrap_or(0);
                entry.1 += activity.secured.unwrap_or(0);
            }
        }
        for grant in &self.grants {
            let funder = Some(grant.funder.name.get(lang).to_string());
            funders.entry(grant.currency).or_default().entry(funder).or_default().1 += grant.amount;
        }
        funders
    }

    /// Takes in the grants of its funded proposals, adding each activity's shares to what it has secured.
    pub fn with_grants(mut self, grants: Vec<Grant>) -> Plan {
        for objective in &mut self.objectives {
            for activity in &mut objective.activities {
                activity.granted = grants
                    .iter()
                    .flat_map(|g| g.shares.iter())
                    .filter(|(id, _)| *id == activity.id)
                    .map(|(_, share)| share)
                    .sum();
            }
        }
        self.grants = grants;
        self
    }

    /// The themes the plan's activities work on, in focal-point order, with their activities.
    pub fn by_theme(&self) -> Vec<(FocalPointRef, Vec<&Activity>)> {
        let mut themes: BTreeMap<i64, (FocalPointRef, Vec<&Activity>)> = BTreeMap::new();
        for activity in self.activities() {
            themes
                .entry(activity.focal_point.number)
                .or_insert_with(|| (activity.focal_point.clone(), Vec::new()))
                .1
                .push(activity);
        }
        themes.into_values().collect()
    }
}

fn day(row: &AnyRow, column: &str) -> sqlx::Result<time::Date> {
    let text: String = row.try_get(column)?;
    parse_day(&text).ok_or_else(|| sqlx::Error::Decode(format!("{column} is not a day: {text}").into()))
}

fn org(row: &AnyRow, slug: &str, name: &str) -> sqlx::Result<Option<OrgRef>> {
    let Some(slug) = row.try_get::<Option<String>, _>(slug)? else { return Ok(None) };
    Ok(Some(OrgRef { slug, name: LocalizedText::from_json(&row.try_get::<String, _>(name)?) }))
}

/// A plan of a network, whole, as it stands on `today`.
pub async fn load_plan(db: &Db, network: &NetworkRef, plan_id: i64, today: time::Date) -> sqlx::Result<Option<Plan>> {
    let Some(head) = sqlx::query(
        "SELECT id, title, starts_on, ends_on, budgets_public FROM plans WHERE id = $1 AND network_id = $2",
    )
    .bind(plan_id)
    .bind(network.id)
    .fetch_optional(&db.pool)
    .await?
    else {
        return Ok(None);
    };
    let mut indicators: BTreeMap<i64, Vec<Indicator>> = BTreeMap::new();
    for row in sqlx::query(
        "SELECT i.id AS id, i.activity_id AS activity_id, i.name AS name, i.baseline AS baseline, i.target AS target, \
         i.current_value AS current_value FROM plan_indicators i JOIN plan_activities a ON a.id = i.activity_id \
         WHERE a.plan_id = $1 ORDER BY i.id",
    )
    .bind(plan_id)
    .fetch_all(&db.pool)
    .await?
    {
        let (baseline, target, current) =
            (row.try_get("baseline")?, row.try_get("target")?, row.try_get("current_value")?);
        indicators.entry(row.try_get("activity_id")?).or_default().push(Indicator {
            id: row.try_get("id")?,
            name: row.try_get("name")?,
            baseline,
            target,
            current,
            progress: super::model::indicator_progress(baseline, target, current),
        });
    }
    let mut partners: BTreeMap<i64, Vec<OrgRef>> = BTreeMap::new();
    for row in sqlx::query(
        "SELECT p.activity_id AS activity_id, o.slug AS slug, o.name AS name FROM plan_activity_partners p \
         JOIN plan_activities a ON a.id = p.activity_id JOIN organizations o ON o.id = p.organization_id \
         WHERE a.plan_id = $1 ORDER BY o.slug",
    )
    .bind(plan_id)
    .fetch_all(&db.pool)
    .await?
    {
        partners.entry(row.try_get("activity_id")?).or_default().extend(org(&row, "slug", "name")?);
    }
    let mut activities: BTreeMap<i64, Vec<Activity>> = BTreeMap::new();
    for row in sqlx::query(sqlx::AssertSqlSafe(format!(
        "SELECT a.id AS id, a.objective_id AS objective_id, a.title AS title, a.starts_on AS starts_on, \
         a.ends_on AS ends_on, a.currency AS currency, a.budget AS budget, a.secured AS secured, \
         a.funding_source AS funding_source, a.status AS status, o.slug AS r_slug, o.name AS r_name, \
         {FOCAL_POINT_COLUMNS} \
         FROM plan_activities a JOIN focal_points fp ON fp.id = a.focal_point_id JOIN themes t ON t.id = fp.theme_id \
         LEFT JOIN organizations o ON o.id = a.responsible_id WHERE a.plan_id = $1 ORDER BY a.starts_on, a.id"
    )))
    .bind(plan_id)
    .fetch_all(&db.pool)
    .await?
    {
        let id: i64 = row.try_get("id")?;
        let status = ActivityStatus::parse(&row.try_get::<String, _>("status")?).unwrap_or(ActivityStatus::Planned);
        let indicators = indicators.remove(&id).unwrap_or_default();
        let values: Vec<(f64, f64, f64)> = indicators.iter().map(|i| (i.baseline, i.target, i.current)).collect();
        let ends_on = day(&row, "ends_on")?;
        activities.entry(row.try_get("objective_id")?).or_default().push(Activity {
            id,
            objective_id: row.try_get("objective_id")?,
            title: row.try_get("title")?,
            focal_point: focal_point_ref(&row)?,
            responsible: org(&row, "r_slug", "r_name")?,
            partners: partners.remove(&id).unwrap_or_default(),
            starts_on: day(&row, "starts_on")?,
            ends_on,
            currency: row.try_get::<Option<String>, _>("currency")?.as_deref().and_then(Currency::parse),
            budget: row.try_get("budget")?,
            secured: row.try_get("secured")?,
            funding_source: row.try_get("funding_source")?,
            granted: 0,
            progress: activity_progress(status, &values),
            overdue: is_overdue(status, ends_on, today),
            status,
            indicators,
        });
    }
    let objectives = sqlx::query("SELECT id, title FROM plan_objectives WHERE plan_id = $1 ORDER BY position, id")
        .bind(plan_id)
        .fetch_all(&db.pool)
        .await?
        .iter()
        .enumerate()
        .map(|(index, row)| {
            let id: i64 = row.try_get("id")?;
            let activities = activities.remove(&id).unwrap_or_default();
            Ok(Objective {
                id,
                number: index + 1,
                title: row.try_get("title")?,
                progress: progress_of(&activities),
                activities,
            })
        })
        .collect::<sqlx::Result<Vec<_>>>()?;
    let plan = Plan {
        id: plan_id,
        network: network.clone(),
        title: head.try_get("title")?,
        starts_on: day(&head, "starts_on")?,
        ends_on: day(&head, "ends_on")?,
        budgets_public: head.try_get::<i64, _>("budgets_public")? != 0,
        objectives,
        grants: Vec::new(),
    };
    let grants = super::proposals::grants(db, &plan).await?;
    Ok(Some(plan.with_grants(grants)))
}

/// A plan's period and title as a form gives them.
pub struct PlanDraft {
    pub title: String,
    pub starts_on: time::Date,
    pub ends_on: time::Date,
}

pub async fn create_plan(db: &Db, network_id: i64, draft: &PlanDraft, author: i64) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO plans (network_id, title, starts_on, ends_on, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(network_id)
    .bind(&draft.title)
    .bind(draft.starts_on.to_string())
    .bind(draft.ends_on.to_string())
    .bind(now_rfc3339())
    .bind(author)
    .fetch_one(&db.pool)
    .await
}

pub async fn set_budgets_public(db: &Db, plan_id: i64, public: bool) -> sqlx::Result<()> {
    sqlx::query("UPDATE plans SET budgets_public = $1 WHERE id = $2")
        .bind(i64::from(public))
        .bind(plan_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

pub async fn add_objective(db: &Db, plan_id: i64, title: &str) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO plan_objectives (plan_id, position, title) \
         VALUES ($1, (SELECT COUNT(*) FROM plan_objectives WHERE plan_id = $1), $2) RETURNING id",
    )
    .bind(plan_id)
    .bind(title)
    .fetch_one(&db.pool)
    .await
}

/// An indicator as a form gives it.
pub struct IndicatorDraft {
    pub name: String,
    pub baseline: f64,
    pub target: f64,
    pub current: f64,
}

/// An activity as the coordinator's form gives it, its organisations already found in the directory.
pub struct ActivityDraft {
    pub objective_id: i64,
    pub title: String,
    pub focal_point_id: i64,
    pub responsible_id: Option<i64>,
    pub partner_ids: Vec<i64>,
    pub starts_on: time::Date,
    pub ends_on: time::Date,
    pub currency: Option<Currency>,
    pub budget: Option<i64>,
    pub secured: Option<i64>,
    pub funding_source: Option<String>,
    pub indicator: Option<IndicatorDraft>,
}

pub async fn add_activity(db: &Db, plan_id: i64, draft: &ActivityDraft) -> sqlx::Result<i64> {
    let mut tx = db.begin().await?;
    let insert = sqlx::query(
        "INSERT INTO plan_activities (plan_id, objective_id, title, focal_point_id, responsible_id, starts_on, ends_on, \
         currency, budget, secured, funding_source) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id",
    )
    .bind(plan_id);
    let id: i64 = bind_activity(insert, draft).fetch_one(&mut *tx).await?.try_get("id")?;
    insert_partners(&mut tx, id, &draft.partner_ids).await?;
    tx.commit().await?;
    if let Some(indicator) = &draft.indicator {
        add_indicator(db, id, indicator).await?;
    }
    Ok(id)
}

/// Binds an activity's fields from its objective to its funding source, in the order its insert (after the plan)
/// and its update (before the id) name them.
fn bind_activity<'q>(query: AnyQuery<'q>, draft: &'q ActivityDraft) -> AnyQuery<'q> {
    query
        .bind(draft.objective_id)
        .bind(&draft.title)
        .bind(draft.focal_point_id)
        .bind(draft.responsible_id)
        .bind(draft.starts_on.to_string())
        .bind(draft.ends_on.to_string())
        .bind(draft.currency.map(|c| c.code().to_string()))
        .bind(draft.budget)
        .bind(draft.secured)
        .bind(&draft.funding_source)
}

async fn insert_partners(tx: &mut sqlx::AnyConnection, activity_id: i64, partners: &[i64]) -> sqlx::Result<()> {
    for partner in partners {
        sqlx::query("INSERT INTO plan_activity_partners (activity_id, organization_id) VALUES ($1, $2)")
            .bind(activity_id)
            .bind(partner)
            .execute(&mut *tx)
            .await?;
    }
    Ok(())
}

pub async fn add_indicator(db: &Db, activity_id: i64, draft: &IndicatorDraft) -> sqlx::Result<i64> {
    sqlx::query_scalar(
        "INSERT INTO plan_indicators (activity_id, name, baseline, target, current_value) \
         VALUES ($1, $2, $3, $4, $5) RETURNING id",
    )
    .bind(activity_id)
    .bind(&draft.name)
    .bind(draft.baseline)
    .bind(draft.target)
    .bind(draft.current)
    .fetch_one(&db.pool)
    .await
}

/// A dated note on an activity by whoever works on it, moving its status and its indicators' values.
pub struct UpdateDraft {
    pub noted_on: time::Date,
    pub note: String,
    pub evidence: Vec<String>,
    pub status: ActivityStatus,
    /// New current values, by indicator id.
    pub values: Vec<(i64, f64)>,
    /// The activity's progress once the update is made.
    pub progress: u8,
    /// The slug of the network's event the work produced.
    pub event: Option<String>,
}

/// Records an update if the activity is still in `from`, and answers its id; none when the activity has moved since.
pub async fn record_update(
    db: &Db,
    activity_id: i64,
    from: ActivityStatus,
    update: &UpdateDraft,
    author: i64,
) -> sqlx::Result<Option<i64>> {
    let mut tx = db.begin().await?;
    let moved = sqlx::query("UPDATE plan_activities SET status = $1 WHERE id = $2 AND status = $3")
        .bind(update.status.code())
        .bind(activity_id)
        .bind(from.code())
        .execute(&mut *tx)
        .await?;
    if moved.rows_affected() == 0 {
        return Ok(None);
    }
    for (indicator, value) in &update.values {
        sqlx::query("UPDATE plan_indicators SET current_value = $1 WHERE id = $2 AND activity_id = $3")
            .bind(value)
            .bind(indicator)
            .bind(activity_id)
            .execute(&mut *tx)
            .await?;
    }
    let id: i64 = sqlx::query_scalar(
        "INSERT INTO plan_updates (activity_id, noted_on, note, evidence, status_from, status_to, author_id, created_at, \
         progress, event_id) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, (SELECT id FROM events WHERE slug = $10)) \
         RETURNING id",
    )
    .bind(activity_id)
    .bind(update.noted_on.to_string())
    .bind(&update.note)
    .bind(serde_json::to_string(&update.evidence).unwrap_or_else(|_| "[]".into()))
    .bind(from.code())
    .bind(update.status.code())
    .bind(author)
    .bind(now_rfc3339())
    .bind(i64::from(update.progress))
    .bind(&update.event)
    .fetch_one(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(Some(id))
}

/// A file kept with an update, as its activity's page links it.
pub struct UpdateFile {
    pub id: i64,
    pub file_name: String,
}

/// Keeps a file with an update: `placement` says where its bytes went.
pub async fn add_update_file(
    db: &Db,
    update_id: i64,
    file_name: &str,
    file: &StoredFile,
    placement: &Placement,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO plan_update_files (update_id, file_name, content_type, size, sha256, content, object_key, \
         uploaded_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(update_id)
    .bind(file_name)
    .bind(file.content_type.unwrap_or("application/octet-stream"))
    .bind(i64::try_from(file.size).unwrap_or(i64::MAX))
    .bind(&file.sha256)
    .bind(&placement.content)
    .bind(&placement.object_key)
    .bind(now_rfc3339())
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// A file of one of an activity's updates: its name, type, and where its bytes are (the row's base64, or the key
/// of an object in the store).
pub async fn update_file(
    db: &Db,
    activity_id: i64,
    file_id: i64,
) -> sqlx::Result<Option<(String, String, String, Option<String>)>> {
    let row = sqlx::query(
        "SELECT f.file_name AS file_name, f.content_type AS content_type, f.content AS content, \
         f.object_key AS object_key FROM plan_update_files f JOIN plan_updates u ON u.id = f.update_id \
         WHERE f.id = $1 AND u.activity_id = $2",
    )
    .bind(file_id)
    .bind(activity_id)
    .fetch_optional(&db.pool)
    .await?;
    row.map(|row| {
        Ok((
            row.try_get("file_name")?,
            row.try_get("content_type")?,
            row.try_get("content")?,
            row.try_get("object_key")?,
        ))
    })
    .transpose()
}

/// A recorded update, for the activity's page.
pub struct Update {
    pub id: i64,
    pub noted_on: String,
    pub note: String,
    pub evidence: Vec<String>,
    pub status_from: ActivityStatus,
    pub status_to: ActivityStatus,
    pub author: String,
    /// The slug and title of the event the work produced.
    pub event: Option<(String, LocalizedText)>,
    pub files: Vec<UpdateFile>,
}

pub async fn updates(db: &Db, activity_id: i64) -> sqlx::Result<Vec<Update>> {
    let mut files: BTreeMap<i64, Vec<UpdateFile>> = BTreeMap::new();
    for row in sqlx::query(
        "SELECT f.id AS id, f.update_id AS update_id, f.file_name AS file_name \
         FROM plan_update_files f JOIN plan_updates u ON u.id = f.update_id WHERE u.activity_id = $1 ORDER BY f.id",
    )
    .bind(activity_id)
    .fetch_all(&db.pool)
    .await?
    {
        files
            .entry(row.try_get("update_id")?)
            .or_default()
            .push(UpdateFile { id: row.try_get("id")?, file_name: row.try_get("file_name")? });
    }
    sqlx::query(
        "SELECT u.id AS id, u.noted_on AS noted_on, u.note AS note, u.evidence AS evidence, \
         u.status_from AS status_from, u.status_to AS status_to, COALESCE(us.display_name, '') AS author, \
         e.slug AS event_slug, e.title AS event_title \
         FROM plan_updates u LEFT JOIN users us ON us.id = u.author_id LEFT JOIN events e ON e.id = u.event_id \
         WHERE u.activity_id = $1 ORDER BY u.noted_on DESC, u.id DESC",
    )
    .bind(activity_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|row| {
        let status = |column: &str| -> sqlx::Result<ActivityStatus> {
            Ok(ActivityStatus::parse(&row.try_get::<String, _>(column)?).unwrap_or(ActivityStatus::Planned))
        };
        let id: i64 = row.try_get("id")?;
        let event_title: Option<String> = row.try_get("event_title")?;
        Ok(Update {
            id,
            event: row
                .try_get::<Option<String>, _>("event_slug")?
                .map(|slug| (slug, LocalizedText::from_json(event_title.as_deref().unwrap_or("{}")))),
            files: files.remove(&id).unwrap_or_default(),
            noted_on: row.try_get("noted_on")?,
            note: row.try_get("note")?,
            evidence: serde_json::from_str(&row.try_get::<String, _>("evidence")?).unwrap_or_default(),
            status_from: status("status_from")?,
            status_to: status("status_to")?,
            author: row.try_get("author")?,
        })
    })
    .collect()
}

/// The progress each update of a plan's activities recorded, as `(activity, day noted, progress)`.
pub async fn progress_history(db: &Db, plan_id: i64) -> sqlx::Result<Vec<(i64, time::Date, u8)>> {
    let rows = sqlx::query(
        "SELECT u.activity_id AS activity_id, u.noted_on AS noted_on, u.progress AS progress FROM plan_updates u \
         JOIN plan_activities a ON a.id = u.activity_id WHERE a.plan_id = $1 AND u.progress IS NOT NULL ORDER BY u.noted_on, u.id",
    )
    .bind(plan_id)
    .fetch_all(&db.pool)
    .await?;
    rows.iter()
        .map(|row| {
            let progress: i64 = row.try_get("progress")?;
            Ok((row.try_get("activity_id")?, day(row, "noted_on")?, progress.clamp(0, 100) as u8))
        })
        .collect()
}

/// Changes a plan's title and period.
pub async fn update_plan(db: &Db, plan_id: i64, draft: &PlanDraft) -> sqlx::Result<()> {
    sqlx::query("UPDATE plans SET title = $1, starts_on = $2, ends_on = $3 WHERE id = $4")
        .bind(&draft.title)
        .bind(draft.starts_on.to_string())
        .bind(draft.ends_on.to_string())
        .bind(plan_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// The keys of the objects in the file store that the updates' files under a part keep there.
pub async fn object_keys_under(db: &Db, part: Part, id: i64) -> sqlx::Result<Vec<String>> {
    let column = match part {
        Part::Plan => "a.plan_id",
        Part::Objective => "a.objective_id",
        Part::Activity => "a.id",
        Part::Indicator => return Ok(Vec::new()),
    };
    sqlx::query_scalar(sqlx::AssertSqlSafe(format!(
        "SELECT f.object_key FROM plan_update_files f JOIN plan_updates u ON u.id = f.update_id \
         JOIN plan_activities a ON a.id = u.activity_id WHERE {column} = $1 AND f.object_key IS NOT NULL"
    )))
    .bind(id)
    .fetch_all(&db.pool)
    .await
}

/// Removes a row of one of the plans' tables by id, and with it what hangs on it (objectives, activities,
/// indicators, updates and their files, proposals).
pub async fn delete(db: &Db, part: Part, id: i64) -> sqlx::Result<()> {
    let table = match part {
        Part::Plan => "plans",
        Part::Objective => "plan_objectives",
        Part::Activity => "plan_activities",
        Part::Indicator => "plan_indicators",
    };
    sqlx::query(sqlx::AssertSqlSafe(format!("DELETE FROM {table} WHERE id = $1"))).bind(id).execute(&db.pool).await?;
    Ok(())
}

/// The parts of a plan that are edited and deleted on their own.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Part {
    Plan,
    Objective,
    Activity,
    Indicator,
}

impl Part {
    /// The name the history records it under.
    pub fn entity(self) -> &'static str {
        match self {
            Part::Plan => "plan",
            Part::Objective => "plan_objective",
            Part::Activity => "plan_activity",
            Part::Indicator => "plan_indicator",
        }
    }
}

pub async fn update_objective(db: &Db, objective_id: i64, title: &str) -> sqlx::Result<()> {
    sqlx::query("UPDATE plan_objectives SET title = $1 WHERE id = $2")
        .bind(title)
        .bind(objective_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Changes every field of an activity but its status (which only updates move) and its indicators.
pub async fn update_activity(db: &Db, activity_id: i64, draft: &ActivityDraft) -> sqlx::Result<()> {
    let mut tx = db.begin().await?;
    let update = sqlx::query(
        "UPDATE plan_activities SET objective_id = $1, title = $2, focal_point_id = $3, responsible_id = $4, \
         starts_on = $5, ends_on = $6, currency = $7, budget = $8, secured = $9, funding_source = $10 WHERE id = $11",
    );
    bind_activity(update, draft).bind(activity_id).execute(&mut *tx).await?;
    sqlx::query("DELETE FROM plan_activity_partners WHERE activity_id = $1")
        .bind(activity_id)
        .execute(&mut *tx)
        .await?;
    insert_partners(&mut tx, activity_id, &draft.partner_ids).await?;
    tx.commit().await
}

pub async fn update_indicator(db: &Db, indicator_id: i64, draft: &IndicatorDraft) -> sqlx::Result<()> {
    sqlx::query("UPDATE plan_indicators SET name = $1, baseline = $2, target = $3, current_value = $4 WHERE id = $5")
        .bind(&draft.name)
        .bind(draft.baseline)
        .bind(draft.target)
        .bind(draft.current)
        .bind(indicator_id)
        .execute(&db.pool)
        .await?;
    Ok(())
}

/// Notes that a part belongs to a plan, so that the plan's history follows it, deleted or not.
pub async fn follow_in_history(db: &Db, plan_id: i64, part: Part, id: i64) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO plan_history_parts (plan_id, entity, entity_id) VALUES ($1, $2, $3) \
         ON CONFLICT (plan_id, entity, entity_id) DO NOTHING",
    )
    .bind(plan_id)
    .bind(part.entity())
    .bind(id)
    .execute(&db.pool)
    .await?;
    Ok(())
}

/// The parts a plan's history follows, as (entity, id), the plan itself first.
pub async fn history_parts(db: &Db, plan_id: i64) -> sqlx::Result<Vec<(String, i64)>> {
    let parts = sqlx::query("SELECT entity, entity_id FROM plan_history_parts WHERE plan_id = $1")
        .bind(plan_id)
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|row| Ok((row.try_get("entity")?, row.try_get("entity_id")?)))
        .collect::<sqlx::Result<Vec<_>>>()?;
    Ok(std::iter::once((Part::Plan.entity().to_string(), plan_id)).chain(parts).collect())
}
