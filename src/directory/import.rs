//! Importing organisations from CSV: every problem reported with its line and
//! column before anything is written, then one transaction that updates the
//! organisations already known (matched by slug, or by a name in any script
//! or spelling) and adds the others. The file is read as a stream, twice,
//! so its size is bounded by the disk, not by memory.

use std::collections::{HashMap, HashSet};
use std::io::Read;

use anyhow::Context;
use sqlx::Row;

use super::model::{ConsultativeStatus, OrganizationKind};
use crate::platform::db::Db;
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::mail::Email;
use crate::platform::search::fold::fold;
use crate::platform::values::{CountryCode, Slug};

/// The columns an import understands (those of the CSV export, and more).
pub const COLUMNS: &[&str] = &[
    "slug",
    "name_en",
    "name_ru",
    "name_az",
    "acronym",
    "kind",
    "country",
    "city",
    "address",
    "phone",
    "email",
    "website",
    "founded_year",
    "consultative_status",
    "networks",
];

/// A problem found in the file, where it is.
#[derive(Debug, Clone, PartialEq)]
pub struct Problem {
    /// 1-based line of the file (the header is line 1).
    pub line: u64,
    /// The column's name in the file.
    pub column: String,
    pub message: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "line {}, column {}: {}", self.line, self.column, self.message)
    }
}

#[derive(Debug, Default, PartialEq)]
pub struct Outcome {
    pub added: u64,
    pub updated: u64,
    pub problems: Vec<Problem>,
}

/// One checked row.
struct Row_ {
    slug: Option<String>,
    name: LocalizedText,
    acronym: Option<String>,
    kind: OrganizationKind,
    country: Option<String>,
    city: Option<String>,
    address: Option<String>,
    phone: Option<String>,
    email: Option<String>,
    website: Option<String>,
    founded_year: Option<i64>,
    status: ConsultativeStatus,
    networks: Vec<String>,
}

/// Where each understood column is in the file, after `mapping` (file
/// header → our column) is applied to the header.
fn positions(
    header: &csv::StringRecord,
    mapping: &HashMap<String, String>,
) -> Result<HashMap<&'static str, usize>, Problem> {
    let mut found = HashMap::new();
    for (index, name) in header.iter().enumerate() {
        let name = name.trim_start_matches('\u{feff}').trim();
        let ours = mapping.get(name).map(String::as_str).unwrap_or(name);
        if let Some(column) = COLUMNS.iter().find(|c| **c == ours) {
            found.insert(*column, index);
        }
    }
    if !["name_en", "name_ru", "name_az"].iter().any(|c| found.contains_key(c)) {
        return Err(Problem {
            line: 1,
            column: "name_en".into(),
            message: "no name column (name_en, name_ru or name_az)".into(),
        });
    }
    Ok(found)
}

fn check(
    record: &csv::StringRecord,
    line: u64,
    at: &HashMap<&'static str, usize>,
    header: &csv::StringRecord,
    networks: &HashSet<String>,
    problems: &mut Vec<Problem>,
) -> Option<Row_> {
    let cell = |column: &str| {
        at.get(column).and_then(|i| record.get(*i)).map(str::trim).filter(|v| !v.is_empty()).map(str::to_string)
    };
    let column_name = |column: &str| at.get(column).and_then(|i| header.get(*i)).unwrap_or(column).to_string();
    let before = problems.len();
    let mut problem =
        |column: &str, message: String| problems.push(Problem { line, column: column_name(column), message });
    let mut name = LocalizedText::default();
    for (lang, column) in [(Lang::En, "name_en"), (Lang::Ru, "name_ru"), (Lang::Az, "name_az")] {
        if let Some(value) = cell(column) {
            name.0.insert(lang, value);
        }
    }
    if name.is_empty() {
        problem("name_en", "missing name".into());
    }
    let slug = cell("slug");
    if let Some(text) = &slug
        && Slug::parse(text).is_none()
    {
        problem("slug", format!("“{text}” is not a slug (lowercase letters, digits and hyphens)"));
    }
    let kind = match cell("kind") {
        None => Some(OrganizationKind::Ngo),
        Some(text) => OrganizationKind::parse(&text).or_else(|| {
            problem("kind", format!("unknown kind “{text}”"));
            None
        }),
    };
    let country = cell("country");
    if let Some(code) = &country
        && CountryCode::parse(code).is_none()
    {
        problem("country", format!("bad country code “{code}” (ISO 3166 alpha-2, such as AZ)"));
    }
    let email = cell("email");
    if let Some(address) = &email
        && Email::parse(address).is_none()
    {
        problem("email", format!("bad e-mail “{address}”"));
    }
    let website = cell("website");
    if let Some(url) = &website
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        problem("website", format!("“{url}” does not start with https:// or http://"));
    }
    let founded_year = match cell("founded_year") {
        None => None,
        Some(text) => match text.parse::<i64>() {
            Ok(year) if (1800..=2100).contains(&year) => Some(year),
            _ => {
                problem("founded_year", format!("“{text}” is not a year"));
                None
            }
        },
    };
    let status = match cell("consultative_status") {
        None => Some(ConsultativeStatus::None),
        Some(text) => ConsultativeStatus::parse(&text).or_else(|| {
            problem("consultative_status", format!("unknown status “{text}”"));
            None
        }),
    };
    let listed: Vec<String> = cell("networks")
        .map(|v| v.split(';').map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect())
        .unwrap_or_default();
    for network in &listed {
        if !networks.contains(network) {
            problem("networks", format!("unknown network “{network}”"));
        }
    }
    if problems.len() > before {
        return None;
    }
    Some(Row_ {
        slug,
        name,
        acronym: cell("acronym"),
        kind: kind?,
        country: country.and_then(|c| CountryCode::parse(&c)).map(|c| c.to_string()),
        city: cell("city"),
        address: cell("address"),
        phone: cell("phone"),
        email: email.and_then(|e| Email::parse(&e)).map(|e| e.to_string()),
        website,
        founded_year,
        status: status?,
        networks: listed,
    })
}

fn hash(key: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut hasher);
    hasher.finish()
}

/// What identifies an organisation across scripts and spellings: its folded names.
pub(crate) fn name_keys(name: &LocalizedText) -> Vec<String> {
    name.values().map(fold).filter(|key| !key.trim().is_empty()).collect()
}

/// Checks the whole file; with `write`, imports it in one transaction when
/// nothing is wrong. `open` gives a fresh reader of the file for each pass.
pub async fn import_csv<R: Read>(
    db: &Db,
    open: impl Fn() -> anyhow::Result<R>,
    mapping: &HashMap<String, String>,
    write: bool,
) -> anyhow::Result<Outcome> {
    let networks: HashSet<String> =
        sqlx::query_scalar("SELECT slug FROM networks").fetch_all(&db.pool).await?.into_iter().collect();
    // Slugs by hash: a million of them take megabytes, not the file's size.
    let mut existing_slugs: HashMap<u64, i64> = HashMap::new();
    let mut existing_names: HashMap<u64, i64> = HashMap::new();
    // Streamed: a directory of a million organisations is read a row at a time.
    let mut rows = sqlx::query("SELECT id, slug, name FROM organizations").fetch(&db.pool);
    while let Some(row) = futures_util::TryStreamExt::try_next(&mut rows).await? {
        let id: i64 = row.try_get("id")?;
        existing_slugs.insert(hash(&row.try_get::<String, _>("slug")?), id);
        for key in name_keys(&LocalizedText::from_json(&row.try_get::<String, _>("name")?)) {
            existing_names.insert(hash(&key), id);
        }
    }
    drop(rows);

    // First pass: every problem, nothing written.
    let mut outcome = Outcome::default();
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(open()?);
    let header = reader.headers().context("cannot read the header line")?.clone();
    let at = match positions(&header, mapping) {
        Ok(at) => at,
        Err(problem) => {
            outcome.problems.push(problem);
            return Ok(outcome);
        }
    };
    // Hashes rather than the names themselves keep a million rows in a few megabytes.
    let mut seen: HashSet<u64> = HashSet::new();
    let mut record = csv::StringRecord::new();
    loop {
        match reader.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(error) => {
                let line = error.position().map_or(0, |p| p.line());
                outcome.problems.push(Problem {
                    line,
                    column: "-".into(),
                    message: format!("unreadable line: {error}"),
                });
                continue;
            }
        }
        let line = record.position().map_or(0, |p| p.line());
        let Some(row) = check(&record, line, &at, &header, &networks, &mut outcome.problems) else { continue };
        let keys: Vec<String> = row.slug.iter().map(|s| format!("slug:{s}")).chain(name_keys(&row.name)).collect();
        if let Some(repeated) = keys.iter().find(|key| seen.contains(&hash(key))) {
            let column = if repeated.starts_with("slug:") { "slug" } else { "name_en" };
            let column = at.get(column).and_then(|i| header.get(*i)).unwrap_or(column).to_string();
            outcome.problems.push(Problem { line, column, message: "duplicate of an earlier line".into() });
        }
        seen.extend(keys.iter().map(|key| hash(key)));
    }
    if !outcome.problems.is_empty() {
        return Ok(outcome);
    }

    // Second pass: the import itself, all or nothing.
    let mut tx = db.pool.begin().await?;
    let mut reader = csv::ReaderBuilder::new().flexible(true).from_reader(open()?);
    reader.headers()?;
    let mut ignored = Vec::new();
    while reader.read_record(&mut record)? {
        let line = record.position().map_or(0, |p| p.line());
        let Some(row) = check(&record, line, &at, &header, &networks, &mut ignored) else { continue };
        let known = row
            .slug
            .as_ref()
            .and_then(|s| existing_slugs.get(&hash(s)))
            .or_else(|| name_keys(&row.name).iter().find_map(|key| existing_names.get(&hash(key))))
            .copied();
        let id = match known {
            Some(id) => {
                sqlx::query(
                    "UPDATE organizations SET name = $1, acronym = COALESCE($2, acronym), kind = $3, \
                     country = COALESCE($4, country), city = COALESCE($5, city), address = COALESCE($6, address), \
                     phone = COALESCE($7, phone), email = COALESCE($8, email), website = COALESCE($9, website), \
                     founded_year = COALESCE($10, founded_year), consultative_status = $11, version = version + 1 \
                     WHERE id = $12",
                )
                .bind(row.name.to_json())
                .bind(&row.acronym)
                .bind(row.kind.code())
                .bind(&row.country)
                .bind(&row.city)
                .bind(&row.address)
                .bind(&row.phone)
                .bind(&row.email)
                .bind(&row.website)
                .bind(row.founded_year)
                .bind(row.status.code())
                .bind(id)
                .execute(&mut *tx)
                .await?;
                outcome.updated += 1;
                id
            }
            None => {
                let slug = match &row.slug {
                    Some(slug) => slug.clone(),
                    None => {
                        let base = Slug::from_name(row.name.get(Lang::En))
                            .map(|s| s.to_string())
                            .unwrap_or_else(|| "organization".into());
                        let mut candidate = base.clone();
                        let mut n = 2;
                        while existing_slugs.contains_key(&hash(&candidate)) {
                            candidate = format!("{base}-{n}");
                            n += 1;
                        }
                        candidate
                    }
                };
                let id: i64 = sqlx::query_scalar(
                    "INSERT INTO organizations (slug, kind, acronym, name, country, city, address, phone, email, website, \
                     founded_year, consultative_status) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12) RETURNING id",
                )
                .bind(&slug)
                .bind(row.kind.code())
                .bind(&row.acronym)
                .bind(row.name.to_json())
                .bind(&row.country)
                .bind(&row.city)
                .bind(&row.address)
                .bind(&row.phone)
                .bind(&row.email)
                .bind(&row.website)
                .bind(row.founded_year)
                .bind(row.status.code())
                .fetch_one(&mut *tx)
                .await?;
                existing_slugs.insert(hash(&slug), id);
                outcome.added += 1;
                id
            }
        };
        for network in &row.networks {
            sqlx::query(
                "INSERT INTO network_members (network_id, organization_id) SELECT id, $1 FROM networks WHERE slug = $2 \
                 ON CONFLICT DO NOTHING",
            )
            .bind(id)
            .bind(network)
            .execute(&mut *tx)
            .await?;
        }
    }
    if write {
        tx.commit().await?;
    } else {
        tx.rollback().await?;
    }
    Ok(outcome)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_mapping_renames_the_files_columns() {
        let header = csv::StringRecord::from(vec!["\u{feff}Organisation", "Land"]);
        let mapping: HashMap<String, String> =
            [("Organisation".to_string(), "name_en".to_string()), ("Land".to_string(), "country".to_string())].into();
        let at = positions(&header, &mapping).unwrap();
        assert_eq!((at["name_en"], at["country"]), (0, 1));
        assert!(positions(&csv::StringRecord::from(vec!["city"]), &HashMap::new()).is_err());
    }
}
