//! The audit trail: who changed what, when, from what to what. Rows are only
//! ever added; nothing in the application updates or deletes them.

use serde_json::Value;

use super::clock::now_rfc3339;
use super::db::Db;

pub async fn record(
    db: &Db,
    actor: Option<i64>,
    action: &str,
    entity: &str,
    entity_id: Option<i64>,
    before: Option<&Value>,
    after: Option<&Value>,
) -> sqlx::Result<()> {
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, action, entity, entity_id, before_state, after_state) \
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
    )
    .bind(now_rfc3339())
    .bind(actor)
    .bind(action)
    .bind(entity)
    .bind(entity_id)
    .bind(before.map(Value::to_string))
    .bind(after.map(Value::to_string))
    .execute(&db.pool)
    .await?;
    Ok(())
}
