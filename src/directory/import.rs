//! Importing organisations from CSV, XLSX or JSON rows: every problem
//! reported with its line and column before anything is written, then one
//! transaction that updates the organisations already known (matched by
//! slug, or, for rows without one, by a name in any script or spelling within
//! the row's country) and adds the others. The
//! file is read as a stream, twice, so its size is bounded by the disk, not
//! by memory.

mod rows;

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::sync::Arc;

use sqlx::Row;

pub use rows::{Format, is_export_dump};
use rows::{Item, RawRow, Rows};

use super::model::{ConsultativeStatus, OrganizationKind};
use super::organization::{self, Organization};
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
    "person_name",
    "person_position",
    "person_email",
    "person_phone",
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
    /// People added to an organisation or updated in it.
    pub people: u64,
    pub problems: Vec<Problem>,
}

/// One checked row: the organisation as the file gives it (no other names,
/// description or status year, which imports leave as they are), and where
/// it belongs.
struct Row_ {
    slug: Option<Slug>,
    organization: Organization,
    networks: Vec<String>,
    person: Option<PersonRow>,
}

/// A person the row names at its organisation: one person a row, so an
/// organisation's further people come on further rows repeating it.
struct PersonRow {
    name: String,
    position: Option<String>,
    email: Option<String>,
    phone: Option<String>,
}

/// Where each understood column is in the file, after `mapping` (file
/// header → our column) is applied to the header.
fn positions(header: &[String], mapping: &HashMap<String, String>) -> HashMap<&'static str, usize> {
    let mut found = HashMap::new();
    for (index, name) in header.iter().enumerate() {
        let ours = mapping.get(name).map(String::as_str).unwrap_or(name);
        if let Some(column) = COLUMNS.iter().find(|c| **c == ours) {
            found.insert(*column, index);
        }
    }
    found
}

fn check(
    raw: &RawRow,
    columns: &Columns,
    networks: &HashSet<String>,
    problems: &mut Vec<Problem>,
    lang: Lang,
) -> Option<Row_> {
    let line = raw.line;
    let at = &columns.at;
    let cell = |column: &str| {
        at.get(column).and_then(|i| raw.cells.get(*i)).map(|v| v.trim()).filter(|v| !v.is_empty()).map(str::to_string)
    };
    let column_name = |column: &str| columns.name_in_file(raw, column);
    let before = problems.len();
    let mut problem =
        |column: &str, message: String| problems.push(Problem { line, column: column_name(column), message });
    // No text of ours holds a NUL character (PostgreSQL refuses it): the cell is reported, not the database's error.
    for column in COLUMNS {
        if at.get(column).and_then(|i| raw.cells.get(*i)).is_some_and(|value| value.contains('\0')) {
            problem(column, lang.t("import-nul"));
        }
    }
    let mut name = LocalizedText::default();
    for (lang, column) in [(Lang::En, "name_en"), (Lang::Ru, "name_ru"), (Lang::Az, "name_az")] {
        if let Some(value) = cell(column) {
            name.0.insert(lang, value);
        }
    }
    if name.is_empty() {
        problem("name_en", lang.t("import-missing-name"));
    }
    let slug = cell("slug");
    if let Some(text) = &slug
        && Slug::parse(text).is_none()
    {
        problem("slug", said(lang, "import-bad-slug", text));
    }
    let kind = match cell("kind") {
        None => Some(OrganizationKind::Ngo),
        Some(text) => OrganizationKind::parse(&text).or_else(|| {
            problem("kind", said(lang, "import-unknown-kind", &text));
            None
        }),
    };
    let country = cell("country");
    if let Some(code) = &country
        && CountryCode::parse(code).is_none()
    {
        problem("country", said(lang, "import-bad-country", code));
    }
    let email = cell("email");
    if let Some(address) = &email
        && Email::parse(address).is_none()
    {
        problem("email", said(lang, "import-bad-email", address));
    }
    let website = cell("website");
    if let Some(url) = &website
        && !(url.starts_with("https://") || url.starts_with("http://"))
    {
        problem("website", said(lang, "import-bad-website", url));
    }
    let founded_year = match cell("founded_year") {
        None => None,
        Some(text) => match text.parse::<i64>() {
            Ok(year) if (1800..=2100).contains(&year) => Some(year),
            _ => {
                problem("founded_year", said(lang, "import-bad-year", &text));
                None
            }
        },
    };
    let status = match cell("consultative_status") {
        None => Some(ConsultativeStatus::None),
        Some(text) => ConsultativeStatus::parse(&text).or_else(|| {
            problem("consultative_status", said(lang, "import-unknown-status", &text));
            None
        }),
    };
    let listed: Vec<String> = cell("networks")
        .map(|v| v.split(';').map(|n| n.trim().to_string()).filter(|n| !n.is_empty()).collect())
        .unwrap_or_default();
    for network in &listed {
        if !networks.contains(network) {
            problem("networks", said(lang, "import-unknown-network", network));
        }
    }
    let person_name = cell("person_name");
    let person_email = cell("person_email");
    if let Some(address) = &person_email
        && Email::parse(address).is_none()
    {
        problem("person_email", said(lang, "import-bad-email", address));
    }
    let (person_position, person_phone) = (cell("person_position"), cell("person_phone"));
    if person_name.is_none() && (person_position.is_some() || person_email.is_some() || person_phone.is_some()) {
        problem("person_name", lang.t("import-missing-person-name"));
    }
    if problems.len() > before {
        return None;
    }
    Some(Row_ {
        slug: slug.as_deref().and_then(Slug::parse),
        organization: Organization {
            kind: kind?,
            acronym: cell("acronym"),
            name,
            other_names: Vec::new(),
            country: country.and_then(|c| CountryCode::parse(&c)).map(|c| c.to_string()),
            city: cell("city"),
            address: cell("address"),
            phone: cell("phone"),
            email: email.and_then(|e| Email::parse(&e)).map(|e| e.to_string()),
            website,
            founded_year,
            description: None,
            consultative_status: status?,
            status_year: None,
            work: Default::default(),
        },
        networks: listed,
        person: person_name.map(|name| PersonRow {
            name,
            position: person_position,
            email: person_email.and_then(|e| Email::parse(&e)).map(|e| e.to_string()),
            phone: person_phone,
        }),
    })
}

/// Where our columns are in each row, worked out once per header: a table's
/// rows share theirs, while each JSON object names its own columns.
struct Columns<'a> {
    mapping: &'a HashMap<String, String>,
    header: Option<Arc<[String]>>,
    at: HashMap<&'static str, usize>,
}

impl<'a> Columns<'a> {
    fn new(mapping: &'a HashMap<String, String>) -> Columns<'a> {
        Columns { mapping, header: None, at: HashMap::new() }
    }

    /// Our columns in a table's header; a problem when it has no name column.
    fn table(&mut self, header: Arc<[String]>, lang: Lang) -> Result<(), Problem> {
        self.at = positions(&header, self.mapping);
        self.header = Some(header);
        if !["name_en", "name_ru", "name_az"].iter().any(|c| self.at.contains_key(c)) {
            return Err(Problem { line: 1, column: "name_en".into(), message: lang.t("import-no-name-column") });
        }
        Ok(())
    }

    /// Finds our columns in the row's header, unless they are known already.
    fn locate(&mut self, row: &RawRow) {
        if !self.header.as_ref().is_some_and(|header| Arc::ptr_eq(header, &row.header)) {
            // A JSON object without a name column is reported as a row missing its name.
            self.at = positions(&row.header, self.mapping);
            self.header = Some(row.header.clone());
        }
    }

    /// The file's name for one of our columns, for a problem's report; a JSON
    /// object may leave out a column that the mapping still names.
    fn name_in_file(&self, row: &RawRow, column: &str) -> String {
        let mapped = || self.mapping.iter().find(|(_, ours)| ours.as_str() == column).map(|(theirs, _)| theirs);
        self.at.get(column).and_then(|i| row.header.get(*i)).or_else(mapped).map_or(column, String::as_str).to_string()
    }
}

/// A problem's message quoting the cell's text.
fn said(lang: Lang, key: &str, text: &str) -> String {
    lang.t_with(key, &[("value", text.chars().take(200).collect::<String>().into())])
}

fn hash(key: &str) -> u64 {
    use std::hash::{Hash, Hasher};
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    key.hash(&mut hasher);
    hasher.finish()
}

/// Organisations by the 64-bit hash of a key (a slug, a folded name): a
/// million keys take megabytes. Two keys can share a hash, so a hit is only a
/// candidate, and every organisation under a hash is kept.
struct HashIndex {
    hash: fn(&str) -> u64,
    first: HashMap<u64, i64>,
    /// The rare further organisations under a hash already taken.
    more: HashMap<u64, Vec<i64>>,
}

impl HashIndex {
    fn new(hash: fn(&str) -> u64) -> HashIndex {
        HashIndex { hash, first: HashMap::new(), more: HashMap::new() }
    }

    fn insert(&mut self, key: &str, id: i64) {
        let hash = (self.hash)(key);
        match self.first.entry(hash) {
            std::collections::hash_map::Entry::Vacant(entry) => {
                entry.insert(id);
            }
            std::collections::hash_map::Entry::Occupied(entry) if *entry.get() != id => {
                self.more.entry(hash).or_default().push(id);
            }
            std::collections::hash_map::Entry::Occupied(_) => {}
        }
    }

    fn contains(&self, key: &str) -> bool {
        self.first.contains_key(&(self.hash)(key))
    }

    fn candidates(&self, key: &str) -> impl Iterator<Item = i64> + '_ {
        let hash = (self.hash)(key);
        self.first.get(&hash).copied().into_iter().chain(self.more.get(&hash).into_iter().flatten().copied())
    }
}

/// The organisation with this slug; the index spares a query for most slugs not taken.
async fn organization_with_slug(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    slugs: &HashIndex,
    slug: &str,
) -> sqlx::Result<Option<i64>> {
    if !slugs.contains(slug) {
        return Ok(None);
    }
    sqlx::query_scalar("SELECT id FROM organizations WHERE slug = $1").bind(slug).fetch_optional(&mut **tx).await
}

/// A slug made from a name, unique among organisations.
async fn free_slug(tx: &mut sqlx::Transaction<'_, sqlx::Any>, slugs: &HashIndex, name: &str) -> sqlx::Result<Slug> {
    for candidate in organization::slug_candidates(name, &[]) {
        if organization_with_slug(tx, slugs, candidate.as_str()).await?.is_none() {
            return Ok(candidate);
        }
    }
    unreachable!("slug candidates never run out")
}

/// The organisation a row is about, if it is known. A slug identifies: a row that gives one is about the
/// organisation with that slug or a new one. A row without one is about an organisation of the same name (in any
/// script or spelling) in the row's country, or anywhere when the row names none. A hash hit counts only once the
/// database confirms the slug or the name, so a collision can never update another organisation.
async fn known_organization(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    slugs: &HashIndex,
    names: &HashIndex,
    row: &Row_,
) -> sqlx::Result<Option<i64>> {
    if let Some(slug) = &row.slug {
        return organization_with_slug(tx, slugs, slug.as_str()).await;
    }
    for key in name_keys(&row.organization.name) {
        for id in names.candidates(&key) {
            let real: Option<(String, Option<String>)> =
                sqlx::query_as("SELECT name, country FROM organizations WHERE id = $1")
                    .bind(id)
                    .fetch_optional(&mut **tx)
                    .await?;
            if real.is_some_and(|(real, country)| {
                name_keys(&LocalizedText::from_json(&real)).contains(&key)
                    && row.organization.country.as_ref().is_none_or(|wanted| country.as_ref() == Some(wanted))
            }) {
                return Ok(Some(id));
            }
        }
    }
    Ok(None)
}

/// What identifies a row's organisation among the file's rows: its slug when it gives one, else each of its names
/// within its country (rows naming no country being one more).
fn row_keys(row: &Row_) -> Vec<String> {
    match &row.slug {
        Some(slug) => vec![format!("slug:{slug}")],
        None => {
            let country = row.organization.country.as_deref().unwrap_or("");
            name_keys(&row.organization.name).into_iter().map(|key| format!("name:{country}:{key}")).collect()
        }
    }
}

/// What identifies an organisation across scripts and spellings: its folded names.
pub(crate) fn name_keys(name: &LocalizedText) -> Vec<String> {
    name.values().map(fold).filter(|key| !key.trim().is_empty()).collect()
}

/// Adds a person to an organisation, or updates the one of the same name
/// (in any script or spelling) already there, so a re-import adds nobody twice.
async fn import_person(
    tx: &mut sqlx::Transaction<'_, sqlx::Any>,
    organization_id: i64,
    person: &PersonRow,
) -> sqlx::Result<()> {
    let key = fold(&person.name);
    let held = sqlx::query(
        "SELECT p.id AS id, pe.name AS name FROM positions p JOIN persons pe ON pe.id = p.person_id \
         WHERE p.organization_id = $1",
    )
    .bind(organization_id)
    .fetch_all(&mut **tx)
    .await?;
    let same = held.iter().find(|row| {
        row.try_get::<String, _>("name").is_ok_and(|name| name_keys(&LocalizedText::from_json(&name)).contains(&key))
    });
    // Imported texts are taken as English: editors add the other languages on the people page.
    let title = person.position.as_ref().map(|title| LocalizedText([(Lang::En, title.clone())].into()).to_json());
    match same {
        Some(row) => {
            sqlx::query(
                "UPDATE positions SET title = COALESCE($1, title), email = COALESCE($2, email), \
                 phone = COALESCE($3, phone) WHERE id = $4",
            )
            .bind(&title)
            .bind(&person.email)
            .bind(&person.phone)
            .bind(row.try_get::<i64, _>("id")?)
            .execute(&mut **tx)
            .await?;
        }
        None => {
            let new = super::people::PositionRecord {
                honorific: None,
                name: LocalizedText([(Lang::En, person.name.clone())].into()),
                title: title.map(|t| LocalizedText::from_json(&t)).unwrap_or_default(),
                email: person.email.clone(),
                phone: person.phone.clone(),
            };
            super::people::add_position(tx, organization_id, &new).await?;
        }
    }
    Ok(())
}

/// Checks every row of a file and returns every problem found: none means
/// it can be imported. Blocks while the file is read; nothing is written.
pub fn validate<R: std::io::Read + std::io::Seek + Send + 'static>(
    input: R,
    format: Format,
    mapping: &HashMap<String, String>,
    networks: &HashSet<String>,
    lang: Lang,
) -> Vec<Problem> {
    let mut problems = Vec::new();
    let mut rows = Rows::read(input, format, lang);
    let mut columns = Columns::new(mapping);
    // Hashes rather than the names themselves keep a million rows in a few megabytes.
    let mut seen: HashSet<u64> = HashSet::new();
    while let Some(item) = rows.next_blocking() {
        let raw = match item {
            Item::Header(header) => match columns.table(header, lang) {
                Ok(()) => continue,
                Err(problem) => {
                    problems.push(problem);
                    break;
                }
            },
            Item::Problem(problem) => {
                problems.push(problem);
                continue;
            }
            Item::Row(raw) => raw,
        };
        columns.locate(&raw);
        let Some(row) = check(&raw, &columns, networks, &mut problems, lang) else { continue };
        let keys = row_keys(&row);
        // A collision here (about one in ten million for a million rows) reports a
        // duplicate that is not one; it never writes anything wrong.
        let repeated = keys.iter().find(|key| seen.contains(&hash(key)));
        match (&row.person, repeated) {
            // A repeated organisation is another of its people, unless that person came already.
            (Some(person), _) => {
                let person_keys: Vec<u64> =
                    keys.iter().map(|key| hash(&format!("{key}\u{0}person:{}", fold(&person.name)))).collect();
                if person_keys.iter().any(|key| seen.contains(key)) {
                    let column = columns.name_in_file(&raw, "person_name");
                    problems.push(Problem { line: raw.line, column, message: lang.t("import-duplicate") });
                }
                seen.extend(person_keys);
            }
            (None, Some(repeated)) => {
                let column = if repeated.starts_with("slug:") { "slug" } else { "name_en" };
                let column = columns.name_in_file(&raw, column);
                problems.push(Problem { line: raw.line, column, message: lang.t("import-duplicate") });
            }
            (None, None) => {}
        }
        seen.extend(keys.iter().map(|key| hash(key)));
    }
    problems
}

/// Checks the whole file, reporting problems in `lang`; with `write`, imports it in one transaction when
/// nothing is wrong (without, the import is rolled back, to count what it would do).
pub async fn import_file(
    db: &Db,
    path: &Path,
    format: Format,
    mapping: &HashMap<String, String>,
    write: bool,
    lang: Lang,
) -> anyhow::Result<Outcome> {
    import_file_hashed(db, path, format, mapping, write, lang, hash).await
}

fn open(path: &Path) -> anyhow::Result<std::fs::File> {
    std::fs::File::open(path).map_err(|e| anyhow::anyhow!("cannot read {}: {e}", path.display()))
}

/// [`import_file`] with the hash of its directory indexes given, so that tests can make every key collide.
async fn import_file_hashed(
    db: &Db,
    path: &Path,
    format: Format,
    mapping: &HashMap<String, String>,
    write: bool,
    lang: Lang,
    index_hash: fn(&str) -> u64,
) -> anyhow::Result<Outcome> {
    let networks: HashSet<String> =
        sqlx::query_scalar("SELECT slug FROM networks").fetch_all(&db.pool).await?.into_iter().collect();

    // First pass: every problem, nothing written.
    let input = open(path)?;
    let (checked_mapping, checked_networks) = (mapping.clone(), networks.clone());
    let problems =
        tokio::task::spawn_blocking(move || validate(input, format, &checked_mapping, &checked_networks, lang)).await?;
    let mut outcome = Outcome { problems, ..Outcome::default() };
    if !outcome.problems.is_empty() {
        return Ok(outcome);
    }

    // Slugs by hash: a million of them take megabytes, not the file's size.
    let mut existing_slugs = HashIndex::new(index_hash);
    let mut existing_names = HashIndex::new(index_hash);
    // Streamed: a directory of a million organisations is read a row at a time.
    let mut rows = sqlx::query("SELECT id, slug, name FROM organizations").fetch(&db.pool);
    while let Some(row) = futures_util::TryStreamExt::try_next(&mut rows).await? {
        let id: i64 = row.try_get("id")?;
        existing_slugs.insert(&row.try_get::<String, _>("slug")?, id);
        for key in name_keys(&LocalizedText::from_json(&row.try_get::<String, _>("name")?)) {
            existing_names.insert(&key, id);
        }
    }
    drop(rows);

    // Second pass: the import itself, all or nothing.
    let mut tx = db.begin().await?;
    let mut rows = Rows::read(open(path)?, format, lang);
    let mut columns = Columns::new(mapping);
    let mut problems = Vec::new();
    // Rows repeating an organisation for more of its people count it once.
    let mut previous: Option<i64> = None;
    while let Some(item) = rows.next().await {
        let Item::Row(raw) = item else { continue };
        columns.locate(&raw);
        let Some(row) = check(&raw, &columns, &networks, &mut problems, lang) else { continue };
        let known = known_organization(&mut tx, &existing_slugs, &existing_names, &row).await?;
        let id = match known {
            Some(id) => {
                organization::merge(&mut tx, id, &row.organization).await?;
                if previous != Some(id) {
                    outcome.updated += 1;
                }
                id
            }
            None => {
                let slug = match &row.slug {
                    Some(slug) => slug.clone(),
                    None => free_slug(&mut tx, &existing_slugs, row.organization.name.get(Lang::En)).await?,
                };
                let id = organization::create(&mut tx, &slug, &row.organization).await?;
                existing_slugs.insert(slug.as_str(), id);
                // Further rows of this organisation, for more of its people, find it by name too.
                for key in name_keys(&row.organization.name) {
                    existing_names.insert(&key, id);
                }
                outcome.added += 1;
                id
            }
        };
        previous = Some(id);
        if let Some(person) = &row.person {
            import_person(&mut tx, id, person).await?;
            outcome.people += 1;
        }
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
    if !problems.is_empty() {
        // The file changed since it was checked: nothing is written.
        tx.rollback().await?;
        outcome.problems = problems;
        return Ok(outcome);
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
        let header = ["Organisation".to_string(), "Land".to_string()];
        let mapping: HashMap<String, String> =
            [("Organisation".to_string(), "name_en".to_string()), ("Land".to_string(), "country".to_string())].into();
        let at = positions(&header, &mapping);
        assert_eq!((at["name_en"], at["country"]), (0, 1));
        assert!(Columns::new(&HashMap::new()).table(Arc::from(["city".to_string()]), Lang::En).is_err());
    }

    #[tokio::test]
    async fn a_hash_collision_never_updates_another_organisation() {
        let dir = tempfile::tempdir().unwrap();
        let db = Db::connect(None, dir.path()).await.unwrap();
        crate::platform::migrate::run(&db, super::super::schema::MIGRATIONS).await.unwrap();
        for (slug, name) in [("alpha", "Alpha Society"), ("beta", "Beta Union")] {
            sqlx::query("INSERT INTO organizations (slug, kind, name, city) VALUES ($1, 'ngo', $2, 'Baku')")
                .bind(slug)
                .bind(format!("{{\"en\": \"{name}\"}}"))
                .execute(&db.pool)
                .await
                .unwrap();
        }
        let csv = dir.path().join("rows.csv");
        std::fs::write(&csv, "slug,name_en,city\n,Gamma Fund,Ganja\n,Beta Union,Quba\nalpha-2,Delta Trust,Sheki\n")
            .unwrap();
        // Every key has the same hash: only the database can tell them apart.
        let outcome = import_file_hashed(&db, &csv, Format::Csv, &HashMap::new(), true, Lang::En, |_| 0).await.unwrap();
        assert_eq!((outcome.added, outcome.updated, outcome.problems), (2, 1, vec![]));
        let cities: Vec<(String, String)> =
            sqlx::query_as("SELECT slug, city FROM organizations ORDER BY slug").fetch_all(&db.pool).await.unwrap();
        let expected = [("alpha", "Baku"), ("alpha-2", "Sheki"), ("beta", "Quba"), ("gamma-fund", "Ganja")];
        assert_eq!(cities, expected.map(|(s, c)| (s.to_string(), c.to_string())));
    }
}
