//! The audit trail: who changed what, when, from what to what. Rows are only
//! ever added; nothing in the application updates or deletes them.

use std::collections::BTreeMap;

use askama::Template;
use serde_json::Value;

use super::clock::now_rfc3339;
use super::db::Db;
use super::i18n::Lang;
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

/// How a history page names fields and coded values in its reader's language.
struct Words<'a> {
    lang: Lang,
    /// A field's label, when it has one.
    label: &'a dyn Fn(&str) -> Option<String>,
}

impl Words<'_> {
    fn field(&self, key: &str) -> String {
        (self.label)(key).unwrap_or_else(|| key.replace('_', " "))
    }

    /// A recorded value in words: a code (`ngo`, `none`) by its label where the interface has one
    /// (`history-value-{field}-{code}`), yes and no, lists one item after another.
    fn value(&self, key: &str, value: &Value) -> String {
        match value {
            Value::Null => String::new(),
            Value::Bool(yes) => self.lang.t(if *yes { "history-yes" } else { "history-no" }),
            Value::String(text) => self
                .lang
                .try_t(&format!("history-value-{}-{}", key.replace('_', "-"), text.replace('_', "-")))
                .unwrap_or_else(|| text.clone()),
            Value::Array(items) => items.iter().map(|item| self.value(key, item)).collect::<Vec<_>>().join(", "),
            Value::Object(fields) => fields
                .iter()
                .map(|(part, value)| format!("{}: {}", self.field(part), self.value(part, value)))
                .collect::<Vec<_>>()
                .join("; "),
            Value::Number(number) => number.to_string(),
        }
    }

    /// A recorded state as rows to compare, in the order of their keys: a field, each language of a text
    /// kept in several ("Description (Russian)"), each part of a field made of parts ("Request: reason").
    fn rows(&self, state: Option<&Value>) -> BTreeMap<String, (String, String)> {
        let mut rows = BTreeMap::new();
        let Some(fields) = state.and_then(Value::as_object) else {
            return rows;
        };
        for (key, value) in fields {
            match value {
                Value::Object(parts) if !parts.is_empty() && parts.keys().all(|code| Lang::parse(code).is_some()) => {
                    for (code, text) in parts {
                        let language = self.lang.t(&format!("language-name-{code}"));
                        let label = self.lang.t_with(
                            "history-field-in-language",
                            &[("field", self.field(key).into()), ("language", language.into())],
                        );
                        rows.insert(format!("{key}.{code}"), (label, self.value(key, text)));
                    }
                }
                Value::Object(parts) if !parts.is_empty() => {
                    for (part, value) in parts {
                        let label = format!("{}: {}", self.field(key), self.field(part));
                        rows.insert(format!("{key}.{part}"), (label, self.value(part, value)));
                    }
                }
                _ => _ = rows.insert(key.clone(), (self.field(key), self.value(key, value))),
            }
        }
        rows
    }
}

/// The fields that differ between two recorded states, field by field in the reader's words, labelled
/// through `label` (the field's name when it has no label).
fn changes(
    before: Option<&Value>,
    after: Option<&Value>,
    lang: Lang,
    label: &dyn Fn(&str) -> Option<String>,
) -> Vec<Change> {
    let words = Words { lang, label };
    let (mut before, mut after) = (words.rows(before), words.rows(after));
    let mut keys: Vec<String> = before.keys().chain(after.keys()).cloned().collect();
    keys.sort();
    keys.dedup();
    keys.into_iter()
        .filter_map(|key| {
            let (label, was) = before.remove(&key).unwrap_or_default();
            let (label_after, is) = after.remove(&key).unwrap_or_default();
            (was != is).then_some(Change {
                field: if label.is_empty() { label_after } else { label },
                before: was,
                after: is,
            })
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
pub async fn history(db: &Db, subjects: &[(&str, i64)], lang: Lang) -> sqlx::Result<Vec<Entry>> {
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
                at: row.try_get::<String, _>("at")?.chars().take(19).collect::<String>().replace('T', " ") + " UTC",
                actor,
                action: lang.t(&format!("history-action-{}", row.try_get::<String, _>("action")?.replace('.', "-"))),
                changes: changes(parse("before_state")?.as_ref(), parse("after_state")?.as_ref(), lang, &label),
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
    fn changes_are_told_field_by_field_in_the_readers_words() {
        let before = json!({"name": {"en": "ECORES"}, "city": null, "leads": ["ecores"], "same": 1,
            "kind": "ngo", "request": {"kind": "join", "reason": "x"}, "public": true});
        let after = json!({"name": {"en": "ECORES", "ru": "ЭКОРЕС"}, "city": "Baku", "leads": ["ecores", "fay"],
            "same": 1, "kind": "academic", "request": {"kind": "join", "reason": "y"}, "public": false});
        let found = changes(Some(&before), Some(&after), Lang::En, &|key| (key == "city").then(|| "City".to_string()));
        let rows: Vec<(&str, &str, &str)> =
            found.iter().map(|c| (c.field.as_str(), c.before.as_str(), c.after.as_str())).collect();
        assert_eq!(
            rows,
            [
                ("City", "", "Baku"),
                ("kind", "Non-governmental organisation", "Academic institution"),
                ("leads", "ecores", "ecores, fay"),
                ("name (Russian)", "", "ЭКОРЕС"),
                ("public", "Yes", "No"),
                ("request: reason", "x", "y"),
            ]
        );
        let russian = changes(Some(&before), Some(&after), Lang::Ru, &|_| None);
        assert!(russian.iter().any(|c| c.field == "name (русский)" && c.after == "ЭКОРЕС"));
        assert!(russian.iter().any(|c| c.before == "Да" && c.after == "Нет"));
    }
}
