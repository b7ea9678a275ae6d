//! A library item: what it is, what it is about, its versions per language and its files; reading one from a form
//! (parsed once, here) and writing it.

use std::collections::BTreeSet;

use serde_json::json;
use sqlx::Row;

use crate::directory::code_enum;
use crate::platform::clock::now_rfc3339;
use crate::platform::db::Db;
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::search::folded_terms;
use crate::platform::values::CountryCode;

code_enum! {
    /// What sort of item it is.
    ItemKind, "library-kind" {
        BestPractice => "best_practice",
        Report => "report",
        Training => "training",
        Document => "document",
    }
}

/// The texts of a version, in the order the form and the page show them; all but the title are Markdown.
pub const SECTIONS: [&str; 6] = ["title", "body", "problem", "approach", "results", "contacts"];
const MAX_TITLE: usize = 200;
const MAX_TEXT: usize = 20_000;
const MAX_TAGS: usize = 20;
const MAX_TAG: usize = 40;
/// The Sustainable Development Goals an item may name.
const SDGS: u8 = 17;

/// An item's texts in one language.
#[derive(Clone, Debug, Default)]
pub struct Version {
    pub lang: Lang,
    /// The texts of [`SECTIONS`], in that order.
    pub texts: [String; 6],
}

impl Version {
    pub fn title(&self) -> &str {
        &self.texts[0]
    }

    pub fn text(&self, section: &str) -> &str {
        SECTIONS.iter().position(|s| *s == section).map_or("", |i| self.texts[i].as_str())
    }
}

/// What an item says of itself, as a form or the API gives it, checked.
#[derive(Clone, Debug)]
pub struct Draft {
    pub kind: ItemKind,
    pub theme_id: Option<i64>,
    pub country: Option<CountryCode>,
    pub goals: Vec<u8>,
    pub tags: Vec<String>,
    pub versions: Vec<Version>,
}

impl Draft {
    /// Reads a posted form; each problem is set beside its field, and `None` comes back if there was one.
    pub async fn read(db: &Db, data: &FormData, form: &mut FormState, lang: Lang) -> sqlx::Result<Option<Draft>> {
        let kind = ItemKind::parse(&data.get("kind"));
        if kind.is_none() {
            form.fail("kind", lang.t("edit-choose"));
        }
        let theme = data.get("theme");
        let theme_id: Option<i64> = if theme.is_empty() {
            None
        } else {
            let id = sqlx::query_scalar("SELECT id FROM themes WHERE slug = $1")
                .bind(&theme)
                .fetch_optional(&db.pool)
                .await?;
            if id.is_none() {
                form.fail("theme", lang.t("edit-choose"));
            }
            id
        };
        let country_text = data.get("country").to_uppercase();
        let country = CountryCode::parse(&country_text);
        if !country_text.is_empty() && country.is_none() {
            form.fail("country", lang.t("library-country-invalid"));
        }
        let goals = parse_goals(&data.get("goals")).unwrap_or_else(|| {
            form.fail("goals", lang.t_count("library-goals-invalid", i64::from(SDGS)));
            Vec::new()
        });
        let tags = parse_tags(&data.get("tags")).unwrap_or_else(|| {
            form.fail(
                "tags",
                lang.t_with(
                    "library-tags-invalid",
                    &[("count", (MAX_TAGS as i64).into()), ("max", (MAX_TAG as i64).into())],
                ),
            );
            Vec::new()
        });
        let mut versions = Vec::new();
        for l in Lang::ALL {
            let mut version = Version { lang: l, ..Version::default() };
            for (i, section) in SECTIONS.iter().enumerate() {
                let field = format!("{section}_{}", l.code());
                let value = data.get(&field);
                let max = if i == 0 { MAX_TITLE } else { MAX_TEXT };
                if value.chars().count() > max {
                    form.fail(&field, lang.t_count("form-too-long", max as i64));
                }
                version.texts[i] = value;
            }
            let written = version.texts.iter().any(|t| !t.is_empty());
            if written && version.title().is_empty() {
                form.fail(&format!("title_{}", l.code()), lang.t("library-title-required"));
            }
            if written {
                versions.push(version);
            }
        }
        if versions.is_empty() {
            form.fail("title_en", lang.t("library-version-required"));
        }
        Ok(match kind {
            Some(kind) if form.is_valid() => Some(Draft { kind, theme_id, country, goals, tags, versions }),
            _ => None,
        })
    }

    /// Every word of the item, folded across scripts, for the library's search.
    fn search_text(&self) -> String {
        let mut words: Vec<String> = Vec::new();
        for version in &self.versions {
            for text in &version.texts {
                words.extend(folded_terms(text));
            }
        }
        for tag in &self.tags {
            words.extend(folded_terms(tag));
        }
        words.join(" ")
    }

    /// The item as the history keeps it.
    pub fn audited(&self) -> serde_json::Value {
        let versions: serde_json::Map<String, serde_json::Value> = self
            .versions
            .iter()
            .map(|v| {
                let texts: serde_json::Map<String, serde_json::Value> = SECTIONS
                    .iter()
                    .zip(&v.texts)
                    .filter(|(_, t)| !t.is_empty())
                    .map(|(s, t)| (s.to_string(), json!(t)))
                    .collect();
                (v.lang.code().to_string(), serde_json::Value::Object(texts))
            })
            .collect();
        json!({
            "kind": self.kind.code(), "theme_id": self.theme_id, "country": self.country.map(|c| c.to_string()),
            "goals": self.goals, "tags": self.tags, "versions": versions,
        })
    }

    /// The fields of a form that shows this draft.
    pub fn form_values(&self, theme_slug: Option<&str>) -> FormState {
        let mut form = FormState::default();
        form.values.insert("kind".into(), self.kind.code().into());
        form.values.insert("theme".into(), theme_slug.unwrap_or_default().into());
        form.values.insert("country".into(), self.country.map(|c| c.to_string()).unwrap_or_default());
        form.values.insert("goals".into(), self.goals.iter().map(u8::to_string).collect::<Vec<_>>().join(", "));
        form.values.insert("tags".into(), self.tags.join(", "));
        for version in &self.versions {
            for (section, text) in SECTIONS.iter().zip(&version.texts) {
                form.values.insert(format!("{section}_{}", version.lang.code()), text.clone());
            }
        }
        form
    }
}

/// SDG numbers separated by commas or spaces ("4, 5"); `None` when one is not a goal.
pub fn parse_goals(text: &str) -> Option<Vec<u8>> {
    let goals: BTreeSet<u8> = text
        .split([',', ' ', ';'])
        .filter(|part| !part.is_empty())
        .map(|part| {
            part.trim_start_matches(['S', 's', 'D', 'd', 'G', 'g'])
                .parse::<u8>()
                .ok()
                .filter(|n| (1..=SDGS).contains(n))
        })
        .collect::<Option<_>>()?;
    Some(goals.into_iter().collect())
}

/// Tags separated by commas, each once; `None` when there are too many or one is too long.
pub fn parse_tags(text: &str) -> Option<Vec<String>> {
    let mut tags: Vec<String> = Vec::new();
    for tag in text.split(',').map(str::trim).filter(|t| !t.is_empty()) {
        if tag.chars().count() > MAX_TAG {
            return None;
        }
        if !tags.iter().any(|t| t.to_lowercase() == tag.to_lowercase()) {
            tags.push(tag.to_string());
        }
    }
    (tags.len() <= MAX_TAGS).then_some(tags)
}

/// A file attached to an item.
#[derive(Clone, Debug)]
pub struct Attachment {
    pub id: i64,
    pub file_name: String,
    pub content_type: String,
    pub size: i64,
}

impl Attachment {
    pub fn kilobytes(&self) -> i64 {
        (self.size + 1023) / 1024
    }
}

/// An item as its page shows it.
#[derive(Clone, Debug)]
pub struct Item {
    pub id: i64,
    pub organization_id: i64,
    pub organization_slug: String,
    pub organization_name: LocalizedText,
    pub theme: Option<(String, LocalizedText)>,
    pub draft: Draft,
    pub files: Vec<Attachment>,
    pub updated_at: String,
}

impl Item {
    /// The version for a reader of `lang`: theirs, else English, else the first written.
    pub fn version(&self, lang: impl std::borrow::Borrow<Lang>) -> &Version {
        let (lang, versions) = (*lang.borrow(), &self.draft.versions);
        versions
            .iter()
            .find(|v| v.lang == lang)
            .or_else(|| versions.iter().find(|v| v.lang == Lang::En))
            .unwrap_or(&versions[0])
    }

    pub fn href(&self) -> String {
        format!("/library/{}", self.id)
    }
}

/// The versions of the items `ids`, in the portal's language order.
async fn versions_of(db: &Db, item_id: i64) -> sqlx::Result<Vec<Version>> {
    let rows = sqlx::query(
        "SELECT lang, title, body, problem, approach, results, contacts FROM library_versions WHERE item_id = $1",
    )
    .bind(item_id)
    .fetch_all(&db.pool)
    .await?;
    let mut versions = rows
        .iter()
        .map(|row| {
            let lang = Lang::parse(&row.try_get::<String, _>("lang")?).unwrap_or_default();
            let mut texts: [String; 6] = Default::default();
            for (text, section) in texts.iter_mut().zip(SECTIONS) {
                *text = row.try_get(section)?;
            }
            Ok(Version { lang, texts })
        })
        .collect::<sqlx::Result<Vec<_>>>()?;
    versions.sort_by_key(|v| Lang::ALL.iter().position(|l| *l == v.lang));
    Ok(versions)
}

/// The item of `id`, if there is one.
pub async fn load(db: &Db, id: i64) -> sqlx::Result<Option<Item>> {
    let Some(row) = sqlx::query(
        "SELECT i.organization_id, o.slug AS organization_slug, o.name AS organization_name, i.kind, \
         t.slug AS theme_slug, t.name AS theme_name, i.theme_id, i.country, i.goals, i.tags, i.updated_at \
         FROM library_items i JOIN organizations o ON o.id = i.organization_id \
         LEFT JOIN themes t ON t.id = i.theme_id WHERE i.id = $1",
    )
    .bind(id)
    .fetch_optional(&db.pool)
    .await?
    else {
        return Ok(None);
    };
    let versions = versions_of(db, id).await?;
    if versions.is_empty() {
        return Ok(None);
    }
    let files =
        sqlx::query("SELECT id, file_name, content_type, size FROM library_files WHERE item_id = $1 ORDER BY id")
            .bind(id)
            .fetch_all(&db.pool)
            .await?
            .iter()
            .map(|row| {
                Ok(Attachment {
                    id: row.try_get("id")?,
                    file_name: row.try_get("file_name")?,
                    content_type: row.try_get("content_type")?,
                    size: row.try_get("size")?,
                })
            })
            .collect::<sqlx::Result<Vec<_>>>()?;
    let theme = match row.try_get::<Option<String>, _>("theme_slug")? {
        Some(slug) => Some((slug, LocalizedText::from_json(&row.try_get::<String, _>("theme_name")?))),
        None => None,
    };
    let draft = Draft {
        kind: ItemKind::parse(&row.try_get::<String, _>("kind")?).unwrap_or(ItemKind::Document),
        theme_id: row.try_get("theme_id")?,
        country: row.try_get::<Option<String>, _>("country")?.as_deref().and_then(CountryCode::parse),
        goals: serde_json::from_str(&row.try_get::<String, _>("goals")?).unwrap_or_default(),
        tags: serde_json::from_str(&row.try_get::<String, _>("tags")?).unwrap_or_default(),
        versions,
    };
    Ok(Some(Item {
        id,
        organization_id: row.try_get("organization_id")?,
        organization_slug: row.try_get("organization_slug")?,
        organization_name: LocalizedText::from_json(&row.try_get::<String, _>("organization_name")?),
        theme,
        draft,
        files,
        updated_at: row.try_get("updated_at")?,
    }))
}

/// Writes a new item of an organisation (`id` None) or a new state of an item; returns its id.
pub async fn save(db: &Db, id: Option<i64>, organization_id: i64, user_id: i64, draft: &Draft) -> sqlx::Result<i64> {
    let mut tx = db.begin().await?;
    let id = write(&mut tx, id, organization_id, Some(user_id), draft).await?;
    tx.commit().await?;
    Ok(id)
}

/// Writes an item (a new one without `id`) and its versions within a transaction; `user_id` is who wrote it, if
/// anyone did (the demo's items have no author).
pub async fn write(
    tx: &mut sqlx::Transaction<'static, sqlx::Any>,
    id: Option<i64>,
    organization_id: i64,
    user_id: Option<i64>,
    draft: &Draft,
) -> sqlx::Result<i64> {
    let now = now_rfc3339();
    let goals = serde_json::to_string(&draft.goals).unwrap_or_else(|_| "[]".into());
    let tags = serde_json::to_string(&draft.tags).unwrap_or_else(|_| "[]".into());
    let country = draft.country.map(|c| c.to_string());
    let id: i64 = match id {
        Some(id) => {
            sqlx::query(
                "UPDATE library_items SET kind = $1, theme_id = $2, country = $3, goals = $4, tags = $5, \
                 search_text = $6, updated_at = $7 WHERE id = $8",
            )
            .bind(draft.kind.code())
            .bind(draft.theme_id)
            .bind(&country)
            .bind(&goals)
            .bind(&tags)
            .bind(draft.search_text())
            .bind(&now)
            .bind(id)
            .execute(&mut **tx)
            .await?;
            sqlx::query("DELETE FROM library_versions WHERE item_id = $1").bind(id).execute(&mut **tx).await?;
            id
        }
        None => {
            sqlx::query_scalar(
                "INSERT INTO library_items (organization_id, kind, theme_id, country, goals, tags, search_text, \
                 created_by, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9) RETURNING id",
            )
            .bind(organization_id)
            .bind(draft.kind.code())
            .bind(draft.theme_id)
            .bind(&country)
            .bind(&goals)
            .bind(&tags)
            .bind(draft.search_text())
            .bind(user_id)
            .bind(&now)
            .fetch_one(&mut **tx)
            .await?
        }
    };
    for version in &draft.versions {
        let [title, body, problem, approach, results, contacts] = &version.texts;
        sqlx::query(
            "INSERT INTO library_versions (item_id, lang, title, body, problem, approach, results, contacts) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(id)
        .bind(version.lang.code())
        .bind(title)
        .bind(body)
        .bind(problem)
        .bind(approach)
        .bind(results)
        .bind(contacts)
        .execute(&mut **tx)
        .await?;
    }
    Ok(id)
}

/// An item as a list shows it: its title in the reader's language where it has one, marked with the language.
#[derive(Clone, Debug)]
pub struct ItemLink {
    pub href: String,
    pub title: String,
    /// The language the title is in.
    pub lang: &'static str,
    pub kind: String,
}

/// The items of one organisation, newest first.
pub async fn organization_items(db: &Db, organization_id: i64, lang: Lang) -> sqlx::Result<Vec<ItemLink>> {
    let ids: Vec<i64> =
        sqlx::query_scalar("SELECT id FROM library_items WHERE organization_id = $1 ORDER BY updated_at DESC, id DESC")
            .bind(organization_id)
            .fetch_all(&db.pool)
            .await?;
    links(db, &ids, lang).await
}

/// The newest items, for the home page.
pub async fn latest(db: &Db, lang: Lang, limit: i64) -> sqlx::Result<Vec<ItemLink>> {
    let ids: Vec<i64> = sqlx::query_scalar("SELECT id FROM library_items ORDER BY created_at DESC, id DESC LIMIT $1")
        .bind(limit)
        .fetch_all(&db.pool)
        .await?;
    links(db, &ids, lang).await
}

/// The items `ids` as links, in that order.
pub async fn links(db: &Db, ids: &[i64], lang: Lang) -> sqlx::Result<Vec<ItemLink>> {
    let mut found = Vec::with_capacity(ids.len());
    for id in ids {
        if let Some(item) = load(db, *id).await? {
            let version = item.version(lang);
            found.push(ItemLink {
                href: item.href(),
                title: version.title().to_string(),
                lang: version.lang.code(),
                kind: item.draft.kind.label(lang),
            });
        }
    }
    Ok(found)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn goals_are_sdg_numbers() {
        assert_eq!(parse_goals("5, 4 SDG16;"), Some(vec![4, 5, 16]));
        assert_eq!(parse_goals(""), Some(vec![]));
        assert_eq!(parse_goals("18"), None);
        assert_eq!(parse_goals("four"), None);
    }

    #[test]
    fn tags_are_kept_once_and_short() {
        assert_eq!(parse_tags("water, Water , youth,,"), Some(vec!["water".to_string(), "youth".to_string()]));
        assert_eq!(parse_tags(&"x".repeat(41)), None);
        assert_eq!(
            parse_tags(&vec!["t"; 21].iter().enumerate().map(|(i, _)| i.to_string()).collect::<Vec<_>>().join(",")),
            None
        );
    }
}
