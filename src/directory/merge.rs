//! Merging a duplicate profile into the one kept: everything that names the duplicate comes to name the kept
//! one, in one transaction. The columns that reference organisations are read from the database's catalog, so
//! tables other capabilities add later move too; a row that would then collide with the kept one's on a primary
//! key or unique index is the duplicate's and is dropped. The duplicate's address leads to the kept one for good.

use std::collections::HashSet;

use askama::Template;
use axum::extract::State;
use axum::http::{StatusCode, Uri};
use axum::response::{IntoResponse, Redirect, Response};
use sqlx::Row;

use super::import::name_keys;
use super::organization::{Organization, load_with, update_in};
use super::queries::{NamedLink, Profile, profile};
use crate::accounts::{Right, Rights};
use crate::platform::auth::RequireUser;
use crate::platform::db::{Db, Dialect};
use crate::platform::forms::{FormData, FormState};
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::search::fold::fold;
use crate::platform::values::Slug;
use crate::platform::web::{AppError, Chrome, Found, SlugPath, query_pairs, render};
use crate::state::AppState;

/// A table and its column that references `organizations (id)`.
type Reference = (String, String);

/// Every column of the database that references `organizations (id)`, from the catalog.
async fn references(conn: &mut sqlx::AnyConnection, dialect: Dialect) -> sqlx::Result<Vec<Reference>> {
    let sql = match dialect {
        Dialect::Sqlite => {
            "SELECT m.name AS table_name, f.\"from\" AS column_name FROM sqlite_master m \
             JOIN pragma_foreign_key_list(m.name) f WHERE m.type = 'table' AND f.\"table\" = 'organizations' \
             ORDER BY m.name"
        }
        Dialect::Postgres => {
            "SELECT CAST(cl.relname AS TEXT) AS table_name, CAST(a.attname AS TEXT) AS column_name \
             FROM pg_constraint c JOIN pg_class cl ON cl.oid = c.conrelid \
             JOIN pg_attribute a ON a.attrelid = c.conrelid AND a.attnum = ANY (c.conkey) \
             WHERE c.contype = 'f' AND c.confrelid = CAST('organizations' AS regclass) ORDER BY cl.relname"
        }
    };
    sqlx::query(sql)
        .fetch_all(conn)
        .await?
        .iter()
        .map(|row| Ok((row.try_get("table_name")?, row.try_get("column_name")?)))
        .collect()
}

/// The columns of each primary key and unique index of `table`.
async fn unique_sets(conn: &mut sqlx::AnyConnection, dialect: Dialect, table: &str) -> sqlx::Result<Vec<Vec<String>>> {
    let sql = match dialect {
        Dialect::Sqlite => {
            "SELECT 'pk' AS index_name, name AS column_name FROM pragma_table_info($1) WHERE pk > 0 \
             UNION ALL SELECT l.name AS index_name, i.name AS column_name FROM pragma_index_list($1) l \
             JOIN pragma_index_info(l.name) i WHERE l.\"unique\" = 1 ORDER BY 1"
        }
        Dialect::Postgres => {
            "SELECT CAST(CAST(x.indexrelid AS regclass) AS TEXT) AS index_name, CAST(a.attname AS TEXT) AS column_name \
             FROM pg_index x JOIN pg_attribute a ON a.attrelid = x.indrelid AND a.attnum = ANY (x.indkey) \
             WHERE x.indrelid = CAST(CAST($1 AS TEXT) AS regclass) AND x.indisunique ORDER BY 1"
        }
    };
    let mut sets: Vec<(String, Vec<String>)> = Vec::new();
    for row in sqlx::query(sql).bind(table).fetch_all(conn).await? {
        let (index, column): (String, String) = (row.try_get("index_name")?, row.try_get("column_name")?);
        match sets.last_mut() {
            Some((last, columns)) if *last == index => columns.push(column),
            _ => sets.push((index, vec![column])),
        }
    }
    Ok(sets.into_iter().map(|(_, columns)| columns).collect())
}

/// A name from the catalog, quoted as an SQL identifier.
fn quoted(name: &str) -> String {
    format!("\"{}\"", name.replace('"', "\"\""))
}

/// The statements that move the rows of `table` naming the duplicate (`$1`) in `column` to the kept
/// organisation (`$2`): first dropping those that would collide on one of its `unique` column sets.
fn move_statements(table: &str, column: &str, unique: &[Vec<String>]) -> Vec<String> {
    let (t, c) = (quoted(table), quoted(column));
    let mut statements: Vec<String> = unique
        .iter()
        .filter(|set| set.iter().any(|col| col == column))
        .map(|set| {
            let same: String = set
                .iter()
                .filter(|col| *col != column)
                .map(|col| format!(" AND k.{col} = {t}.{col}", col = quoted(col)))
                .collect();
            format!("DELETE FROM {t} WHERE {c} = $1 AND EXISTS (SELECT 1 FROM {t} k WHERE k.{c} = $2{same})")
        })
        .collect();
    statements.push(format!("UPDATE {t} SET {c} = $2 WHERE {c} = $1"));
    statements
}

/// Adds `text` to `list` unless it is one of `taken` (folded) already.
fn add_name(list: &mut Vec<String>, taken: &mut HashSet<String>, text: &str) {
    let key = fold(text);
    if !key.trim().is_empty() && taken.insert(key) {
        list.push(text.to_string());
    }
}

/// The kept organisation once the duplicate is merged into it: the duplicate's names (in every language, its
/// acronym and other names) become other names, unless the kept one bears them already; what the kept one
/// leaves empty, the duplicate fills; lists of themes, countries, languages and expertise are joined.
pub fn merged_record(kept: &Organization, duplicate: &Organization) -> Organization {
    let mut merged = kept.clone();
    let mut taken: HashSet<String> = name_keys(&kept.name).into_iter().collect();
    taken.extend(kept.acronym.iter().chain(&kept.other_names).map(|name| fold(name)));
    let names = duplicate
        .name
        .values()
        .chain(duplicate.acronym.as_deref())
        .chain(duplicate.other_names.iter().map(String::as_str));
    for name in names {
        add_name(&mut merged.other_names, &mut taken, name);
    }
    fn fill<T: Clone>(kept: &mut Option<T>, other: &Option<T>) {
        if kept.is_none() {
            kept.clone_from(other);
        }
    }
    fill(&mut merged.country, &duplicate.country);
    fill(&mut merged.city, &duplicate.city);
    fill(&mut merged.address, &duplicate.address);
    fill(&mut merged.phone, &duplicate.phone);
    fill(&mut merged.email, &duplicate.email);
    fill(&mut merged.website, &duplicate.website);
    fill(&mut merged.founded_year, &duplicate.founded_year);
    fill(&mut merged.description, &duplicate.description);
    fill(&mut merged.work.scope, &duplicate.work.scope);
    fill(&mut merged.work.staff, &duplicate.work.staff);
    fill(&mut merged.work.volunteers, &duplicate.work.volunteers);
    fill(&mut merged.work.members, &duplicate.work.members);
    if merged.acronym.is_none() && duplicate.acronym.is_some() {
        merged.acronym.clone_from(&duplicate.acronym);
        merged.other_names.retain(|name| Some(name) != duplicate.acronym.as_ref());
    }
    if !merged.consultative_status.holds_status() {
        merged.consultative_status = duplicate.consultative_status;
        merged.status_year = duplicate.status_year;
    }
    let work = &mut merged.work;
    for (list, more) in [
        (&mut work.themes, &duplicate.work.themes),
        (&mut work.goals, &duplicate.work.goals),
        (&mut work.countries_of_work, &duplicate.work.countries_of_work),
        (&mut work.languages, &duplicate.work.languages),
        (&mut work.expertise, &duplicate.work.expertise),
    ] {
        for item in more {
            if !list.contains(item) {
                list.push(item.clone());
            }
        }
    }
    work.goals = super::model::goal_codes().filter(|code| work.goals.contains(code)).collect();
    merged
}

/// Drops the duplicate's positions held by someone the kept organisation lists already (the same person, or
/// one of the same name in any script or spelling), so that nobody is listed twice.
async fn drop_repeated_people(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    kept: i64,
    duplicate: i64,
) -> sqlx::Result<()> {
    let rows = sqlx::query(
        "SELECT p.id AS id, p.person_id AS person_id, p.organization_id AS organization_id, pe.name AS name \
         FROM positions p JOIN persons pe ON pe.id = p.person_id WHERE p.organization_id IN ($1, $2) ORDER BY p.id",
    )
    .bind(kept)
    .bind(duplicate)
    .fetch_all(&mut **tx)
    .await?;
    let mut people = HashSet::new();
    let mut names = HashSet::new();
    let mut repeated = Vec::new();
    for pass in [kept, duplicate] {
        for row in rows.iter().filter(|row| row.try_get::<i64, _>("organization_id").is_ok_and(|id| id == pass)) {
            let person: i64 = row.try_get("person_id")?;
            let keys = name_keys(&LocalizedText::from_json(&row.try_get::<String, _>("name")?));
            let known = people.contains(&person) || keys.iter().any(|key| names.contains(key));
            if pass == duplicate && known {
                repeated.push(row.try_get::<i64, _>("id")?);
            } else {
                people.insert(person);
                names.extend(keys);
            }
        }
    }
    for id in repeated {
        sqlx::query("DELETE FROM positions WHERE id = $1").bind(id).execute(&mut **tx).await?;
    }
    Ok(())
}

/// Merges the organisation of `duplicate` into the one of `kept`, as `actor`; false when the kept one changed
/// meanwhile (nothing is written then).
pub async fn merge(db: &Db, kept: &Slug, duplicate: &Slug, actor: i64) -> anyhow::Result<bool> {
    let mut tx = db.begin().await?;
    let gone = || anyhow::anyhow!("an organisation merged is gone meanwhile");
    let (kept_id, version, before) = load_with(&mut tx, kept).await?.ok_or_else(gone)?;
    let (duplicate_id, _, merged_away) = load_with(&mut tx, duplicate).await?.ok_or_else(gone)?;
    drop_repeated_people(&mut tx, kept_id, duplicate_id).await?;
    for (table, column) in references(&mut tx, db.dialect).await? {
        let unique = unique_sets(&mut tx, db.dialect, &table).await?;
        for statement in move_statements(&table, &column, &unique) {
            sqlx::query(sqlx::AssertSqlSafe(statement)).bind(duplicate_id).bind(kept_id).execute(&mut *tx).await?;
        }
    }
    let after = merged_record(&before, &merged_away);
    if !update_in(&mut tx, kept_id, version, &before, &after, actor, "organization.merge").await? {
        return Ok(false);
    }
    sqlx::query("DELETE FROM organizations WHERE id = $1").bind(duplicate_id).execute(&mut *tx).await?;
    sqlx::query("INSERT INTO slug_redirects (slug, organization_id, merged_id) VALUES ($1, $2, $3)")
        .bind(duplicate.as_str())
        .bind(kept_id)
        .bind(duplicate_id)
        .execute(&mut *tx)
        .await?;
    sqlx::query(
        "INSERT INTO audit_log (at, actor_id, action, entity, entity_id, before_state, after_state) \
         VALUES ($1, $2, 'organization.merged-into', 'organization', $3, $4, $5)",
    )
    .bind(crate::platform::clock::now_rfc3339())
    .bind(actor)
    .bind(duplicate_id)
    .bind(serde_json::to_string(&merged_away)?)
    .bind(serde_json::json!({ "merged_into": kept.as_str() }).to_string())
    .execute(&mut *tx)
    .await?;
    tx.commit().await?;
    Ok(true)
}

/// The slug of the organisation a merged organisation's slug now leads to.
pub async fn merged_into(db: &Db, slug: &Slug) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar(
        "SELECT o.slug FROM slug_redirects r JOIN organizations o ON o.id = r.organization_id WHERE r.slug = $1",
    )
    .bind(slug.as_str())
    .fetch_optional(&db.pool)
    .await
}

/// The ids organisations merged into `id` had, for its history.
pub async fn merged_ids(db: &Db, id: i64) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar("SELECT merged_id FROM slug_redirects WHERE organization_id = $1")
        .bind(id)
        .fetch_all(&db.pool)
        .await
}

/// One line of the side-by-side preview.
pub struct PreviewRow {
    pub label: String,
    pub kept: String,
    pub duplicate: String,
}

#[derive(Template)]
#[template(path = "directory/merge.html")]
struct MergePage {
    chrome: Chrome,
    slug: String,
    name: String,
    form: FormState,
    suggestions: Vec<NamedLink>,
    /// The duplicate chosen, with its name, once it may be merged.
    duplicate: Option<(String, String)>,
    rows: Vec<PreviewRow>,
}

fn preview(kept: &Profile, duplicate: &Profile, lang: Lang) -> Vec<PreviewRow> {
    let facts = |p: &Profile| -> Vec<(&'static str, String)> {
        let d = &p.document;
        let names: Vec<String> =
            d.name.values().chain(d.other_names.iter().map(String::as_str)).map(String::from).collect();
        vec![
            ("profile-names", names.join("; ")),
            ("edit-acronym", d.acronym.clone().unwrap_or_default()),
            ("profile-kind", d.kind.label(lang)),
            ("profile-country", d.country.map(|c| c.name(lang).to_string()).unwrap_or_default()),
            ("profile-city", d.city.clone().unwrap_or_default()),
            ("profile-website", p.website.clone().unwrap_or_default()),
            ("profile-email", p.email.clone().unwrap_or_default()),
            (
                "profile-networks",
                p.networks.iter().map(|n| n.network.name.get(lang).to_string()).collect::<Vec<_>>().join(", "),
            ),
            (
                "profile-themes",
                p.themes.iter().map(|t| t.theme.name.get(lang).to_string()).collect::<Vec<_>>().join(", "),
            ),
            (
                "profile-people",
                p.people.iter().map(|person| person.name.get(lang).to_string()).collect::<Vec<_>>().join(", "),
            ),
        ]
    };
    facts(kept)
        .into_iter()
        .zip(facts(duplicate))
        .map(|((label, kept), (_, duplicate))| PreviewRow { label: lang.t(label), kept, duplicate })
        .collect()
}

/// The duplicate a form names, checked: an organisation other than the kept one, which the person may merge
/// into it. A wrong name is noted beside the field.
async fn chosen(
    state: &AppState,
    rights: &Rights,
    kept: &Profile,
    typed: &str,
    form: &mut FormState,
    lang: Lang,
) -> Result<Option<Profile>, AppError> {
    let found = match Slug::parse(typed.trim().trim_start_matches("/organizations/")) {
        Some(slug) => profile(&state.db, &slug).await?,
        None => None,
    };
    let Some(duplicate) = found.filter(|d| d.document.id != kept.document.id) else {
        form.fail("duplicate", lang.t("merge-duplicate-unknown"));
        return Ok(None);
    };
    rights.require(Right::MergeOrganizations(kept.document.id, duplicate.document.id)).await?;
    Ok(Some(duplicate))
}

async fn merge_page(
    state: &AppState,
    lang: Lang,
    uri: &Uri,
    kept: &Profile,
    mut form: FormState,
    duplicate: Option<Profile>,
) -> Result<MergePage, AppError> {
    let name = kept.document.name.get(lang).to_string();
    let suggestions = state
        .search
        .namesakes(&kept.document.name)
        .await
        .map_err(AppError::Internal)?
        .into_iter()
        .filter(|n| n.slug != kept.document.slug)
        .collect();
    if let Some(d) = &duplicate {
        form.values.insert("duplicate".into(), d.document.slug.clone());
    }
    Ok(MergePage {
        chrome: Chrome::new(lang, lang.t_with("merge-title", &[("name", name.clone().into())]), uri),
        slug: kept.document.slug.clone(),
        name,
        form,
        suggestions,
        rows: duplicate.as_ref().map(|d| preview(kept, d, lang)).unwrap_or_default(),
        duplicate: duplicate.map(|d| (d.document.slug.clone(), d.document.name.get(lang).to_string())),
    })
}

/// The merge page: choosing the duplicate, then its preview beside the kept profile.
pub async fn merge_form(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
) -> Result<Response, AppError> {
    let kept = profile(&state.db, &slug).await.found()?;
    let rights = Rights::of(&state.db, &user);
    rights.require(Right::OverseeMember(kept.document.id)).await?;
    let mut form = FormState::default();
    let typed = query_pairs(&uri)?.into_iter().find(|(name, _)| name == "duplicate").map(|(_, value)| value);
    let Some(typed) = typed else {
        return Ok(render(&merge_page(&state, lang, &uri, &kept, form, None).await?)?.into_response());
    };
    form.values.insert("duplicate".into(), typed.clone());
    let duplicate = chosen(&state, &rights, &kept, &typed, &mut form, lang).await?;
    let status = if duplicate.is_some() { StatusCode::OK } else { StatusCode::BAD_REQUEST };
    Ok((status, render(&merge_page(&state, lang, &uri, &kept, form, duplicate).await?)?).into_response())
}

/// Merges the chosen duplicate into this organisation.
pub async fn merge_confirm(
    State(state): State<AppState>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    SlugPath(slug): SlugPath,
    data: FormData,
) -> Result<Response, AppError> {
    let kept = profile(&state.db, &slug).await.found()?;
    let rights = Rights::of(&state.db, &user);
    let mut form = FormState::from(&data);
    let Some(duplicate) = chosen(&state, &rights, &kept, &data.get("duplicate"), &mut form, lang).await? else {
        let page = merge_page(&state, lang, &uri, &kept, form, None).await?;
        return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
    };
    let duplicate_slug = Slug::parse(&duplicate.document.slug).ok_or(AppError::NotFound)?;
    if !merge(&state.db, &slug, &duplicate_slug, user.user_id).await? {
        return Err(AppError::Conflict);
    }
    Ok(Redirect::to(&format!("/organizations/{slug}?merged=1")).into_response())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn organization(pairs: &[(&str, &str)]) -> Organization {
        let mut fields: Vec<(String, String)> =
            vec![("kind".into(), "ngo".into()), ("consultative_status".into(), "none".into())];
        fields.extend(pairs.iter().map(|(k, v)| (k.to_string(), v.to_string())));
        Organization::from_form(&FormData(fields.into_iter().collect()), &mut FormState::default(), Lang::En)
            .expect("valid")
    }

    #[test]
    fn the_duplicates_names_become_other_names_and_fill_what_is_missing() {
        let kept = organization(&[
            ("name_en", "Baku Youth Club"),
            ("name_az", "Bakı Gənclər Klubu"),
            ("theme_education", "on"),
        ]);
        let duplicate = organization(&[
            ("name_en", "Baki Gənclər Klubu"),
            ("name_ru", "Бакинский молодёжный клуб"),
            ("acronym", "BYC"),
            ("city", "Baku"),
            ("theme_health", "on"),
            ("theme_education", "on"),
        ]);
        let merged = merged_record(&kept, &duplicate);
        assert_eq!(
            merged.other_names,
            ["Бакинский молодёжный клуб"],
            "a name the kept one bears in another spelling is not repeated"
        );
        assert_eq!(merged.acronym.as_deref(), Some("BYC"));
        assert_eq!(merged.city.as_deref(), Some("Baku"));
        assert_eq!(merged.work.themes, ["education", "health"]);
        assert_eq!(merged.name, kept.name, "the kept one's names stay");
    }

    #[test]
    fn colliding_rows_of_the_duplicate_are_dropped_before_the_rest_move() {
        let unique = vec![vec!["network_id".to_string(), "organization_id".to_string()], vec!["id".to_string()]];
        let statements = move_statements("network_members", "organization_id", &unique);
        assert_eq!(
            statements,
            [
                "DELETE FROM \"network_members\" WHERE \"organization_id\" = $1 AND EXISTS (SELECT 1 FROM \"network_members\" k \
                 WHERE k.\"organization_id\" = $2 AND k.\"network_id\" = \"network_members\".\"network_id\")",
                "UPDATE \"network_members\" SET \"organization_id\" = $2 WHERE \"organization_id\" = $1",
            ]
        );
        let keyed = move_statements("ecosoc_desks", "organization_id", &[vec!["organization_id".to_string()]]);
        assert!(
            keyed[0].ends_with("WHERE k.\"organization_id\" = $2)"),
            "a row per organisation: the kept one's stays"
        );
    }
}
