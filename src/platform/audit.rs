//! The audit trail: who changed what, when, from what to what. Rows are only
//! ever added; nothing in the application updates or deletes them.

use askama::Template;
use serde_json::Value;

use super::clock::now_rfc3339;
use super::db::Db;
use super::web::Chrome;

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

/// One field of a recorded change.
pub struct Change {
    pub field: String,
    pub before: String,
    pub after: String,
}

/// One recorded change, ready to show.
pub struct Entry {
    pub id: i64,
    pub at: String,
    pub actor: String,
    pub action: String,
    pub changes: Vec<Change>,
}

/// A recorded value as a reader sees it: texts per language on one line.
fn shown(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(Value::Array(items)) => items.iter().map(|item| shown(Some(item))).collect::<Vec<_>>().join(", "),
        Some(Value::Object(fields)) => {
            fields.iter().map(|(key, value)| format!("{key}: {}", shown(Some(value)))).collect::<Vec<_>>().join("; ")
        }
        Some(other) => other.to_string(),
    }
}

/// The fields that differ between two recorded states, labelled through
/// `label` (the field's name when it has no label).
fn changes(before: Option<&Value>, after: Option<&Value>, label: &dyn Fn(&str) -> Option<String>) -> Vec<Change> {
    let empty = serde_json::Map::new();
    let fields = |state: Option<&Value>| state.and_then(Value::as_object).unwrap_or(&empty).clone();
    let (before, after) = (fields(before), fields(after));
    let mut keys: Vec<&String> = before.keys().chain(after.keys()).collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter(|key| before.get(*key) != after.get(*key))
        .map(|key| Change {
            field: label(key).unwrap_or_else(|| key.clone()),
            before: shown(before.get(key)),
            after: shown(after.get(key)),
        })
        .collect()
}

/// The history page of whatever has one: an organisation, a network, a theme.
#[derive(Template)]
#[template(path = "history.html")]
pub struct HistoryPage {
    pub chrome: Chrome,
    /// Where the page's subject is, for the way back.
    pub back: String,
    pub name: String,
    pub entries: Vec<Entry>,
    /// The address restore forms post to (followed by the entry and `/restore`), when restoring is allowed.
    pub restore_base: Option<String>,
}

/// The recorded changes of some entities, newest first, in a reader's language.
pub async fn history(db: &Db, subjects: &[(&str, i64)], lang: super::i18n::Lang) -> sqlx::Result<Vec<Entry>> {
    use sqlx::Row;
    let mut entries = Vec::new();
    for (entity, id) in subjects {
        let rows = sqlx::query(
            "SELECT a.id AS id, a.at AS at, a.action AS action, a.before_state AS before_state, \
                    a.after_state AS after_state, u.display_name AS actor, u.deleted_at AS deleted_at \
             FROM audit_log a LEFT JOIN users u ON u.id = a.actor_id \
             WHERE a.entity = $1 AND a.entity_id = $2",
        )
        .bind(*entity)
        .bind(*id)
        .fetch_all(&db.pool)
        .await?;
        for row in rows {
            let parse = |column: &str| -> sqlx::Result<Option<Value>> {
                Ok(row.try_get::<Option<String>, _>(column)?.and_then(|s| serde_json::from_str(&s).ok()))
            };
            let actor = if row.try_get::<Option<String>, _>("deleted_at")?.is_some() {
                lang.t("history-deleted-account")
            } else {
                row.try_get::<Option<String>, _>("actor")?.unwrap_or_else(|| lang.t("history-system"))
            };
            let label = |key: &str| lang.try_t(&format!("field-{}", key.replace('_', "-")));
            entries.push(Entry {
                id: row.try_get("id")?,
                at: row.try_get::<String, _>("at")?.chars().take(19).collect::<String>().replace('T', " "),
                actor,
                action: lang.t(&format!("history-action-{}", row.try_get::<String, _>("action")?.replace('.', "-"))),
                changes: changes(parse("before_state")?.as_ref(), parse("after_state")?.as_ref(), &label),
            });
        }
    }
    entries.sort_by_key(|entry| std::cmp::Reverse(entry.id));
    Ok(entries)
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn changes_list_only_the_fields_that_differ_in_readable_form() {
        let before = json!({"name": {"en": "ECORES"}, "city": null, "leads": ["ecores"], "same": 1});
        let after =
            json!({"name": {"en": "ECORES", "ru": "ЭКОРЕС"}, "city": "Baku", "leads": ["ecores", "fay"], "same": 1});
        let found = changes(Some(&before), Some(&after), &|key| (key == "city").then(|| "City".to_string()));
        let fields: Vec<&str> = found.iter().map(|c| c.field.as_str()).collect();
        assert_eq!(fields, ["City", "leads", "name"]);
        assert_eq!(found[0].before, "");
        assert_eq!(found[1].after, "ecores, fay");
        assert_eq!(found[2].after, "en: ECORES; ru: ЭКОРЕС");
    }
}
