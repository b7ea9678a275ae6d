//! The activities of a network's plans as other capabilities name them: an event links its outputs to them.

use sqlx::Row;

use crate::platform::db::Db;

/// An activity of one of a network's plans, with the plan it belongs to.
#[derive(Debug, Clone, PartialEq)]
pub struct ActivityChoice {
    pub plan_id: i64,
    pub plan_title: String,
    pub activity_id: i64,
    pub activity_title: String,
}

/// Every activity of the network's plans: the latest plan first, each plan's activities by objective.
pub async fn activity_choices(db: &Db, network_id: i64) -> sqlx::Result<Vec<ActivityChoice>> {
    sqlx::query(
        "SELECT p.id AS plan_id, p.title AS plan_title, a.id AS activity_id, a.title AS activity_title \
         FROM plan_activities a JOIN plans p ON p.id = a.plan_id JOIN plan_objectives o ON o.id = a.objective_id \
         WHERE p.network_id = $1 ORDER BY p.starts_on DESC, p.id, o.position, o.id, a.id",
    )
    .bind(network_id)
    .fetch_all(&db.pool)
    .await?
    .iter()
    .map(|row| {
        Ok(ActivityChoice {
            plan_id: row.try_get("plan_id")?,
            plan_title: row.try_get("plan_title")?,
            activity_id: row.try_get("activity_id")?,
            activity_title: row.try_get("activity_title")?,
        })
    })
    .collect()
}
