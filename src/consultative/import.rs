//! Importing the public list of organisations in consultative status (name,
//! country, category, year granted): each line is matched to a directory
//! entry by its name folded across scripts and spellings; an administrator
//! reviews the uncertain matches before anything is written.

use std::collections::{HashMap, HashSet};

use askama::Template;
use axum::extract::multipart::MultipartRejection;
use axum::extract::{Multipart, Path, State};
use axum::http::{StatusCode, Uri};
use axum::response::{Html, IntoResponse, Redirect, Response};
use sqlx::Row;

use super::tracking::CATEGORIES;
use crate::directory::{ConsultativeStatus, name_keys};
use crate::platform::auth::RequireUser;
use crate::platform::clock::{now_rfc3339, today};
use crate::platform::db::Db;
use crate::platform::forms::FormData;
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::search::fold::fold;
use crate::platform::values::CountryCode;
use crate::platform::web::{AppError, Chrome, Problem, render};

/// One line of the list, read and checked.
#[derive(Clone, Debug, PartialEq)]
pub struct ListedOrganization {
    pub line: u64,
    pub name: String,
    pub country: Option<String>,
    pub category: ConsultativeStatus,
    pub year: i64,
}

/// How sure the match of a line to a directory entry is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Certainty {
    /// Same name once folded, and the country does not disagree.
    Certain,
    /// Same words in another order, or the same name in another country: a person decides.
    Uncertain,
    None,
}

impl Certainty {
    fn code(self) -> &'static str {
        match self {
            Certainty::Certain => "certain",
            Certainty::Uncertain => "uncertain",
            Certainty::None => "none",
        }
    }
}

/// Words that say what kind of body it is rather than which one.
const FILLER_WORDS: [&str; 14] =
    ["the", "of", "for", "and", "in", "on", "a", "an", "de", "la", "et", "des", "du", "le"];

/// A name's significant words, folded and sorted: the same for "Buta Humanitarian Union" and "Union «Бута» Humanitarian".
pub fn loose_key(name: &str) -> Option<String> {
    let folded = fold(name);
    let mut words: Vec<&str> = folded
        .split(|c: char| !c.is_alphanumeric())
        .filter(|word| word.len() > 1 && !FILLER_WORDS.contains(word))
        .collect();
    words.sort_unstable();
    words.dedup();
    (!words.is_empty()).then(|| words.join(" "))
}

/// Whether the list's country (an ISO code or an English name) agrees with a directory entry's code.
pub fn country_agrees(listed: Option<&str>, entry: Option<&str>) -> Option<bool> {
    let (listed, entry) = (listed?, CountryCode::parse(entry?)?);
    Some(match CountryCode::parse(listed) {
        Some(code) => code == entry,
        None => fold(listed) == fold(entry.name(Lang::En)),
    })
}

/// Reads the list: a header naming `name`, `country`, `category` and `year`
/// (or `year granted`) columns, in any order. Problems name their line.
pub fn read_list(bytes: &[u8], lang: Lang) -> Result<Vec<ListedOrganization>, Vec<String>> {
    let mut reader = csv::ReaderBuilder::new().flexible(true).trim(csv::Trim::All).from_reader(bytes);
    let header = match reader.headers() {
        Ok(header) => header.clone(),
        Err(_) => return Err(vec![lang.t("ecosoc-import-unreadable")]),
    };
    let column = |names: &[&str]| header.iter().position(|h| names.contains(&h.to_lowercase().as_str()));
    let (Some(name_at), Some(category_at), Some(year_at)) =
        (column(&["name"]), column(&["category", "status"]), column(&["year", "year granted", "year_granted"]))
    else {
        return Err(vec![lang.t("ecosoc-import-header")]);
    };
    let country_at = column(&["country"]);
    let (mut listed, mut problems) = (Vec::new(), Vec::new());
    let this_year = i64::from(today().year());
    for (index, record) in reader.records().enumerate() {
        let line = index as u64 + 2;
        let problem = |key: &str| lang.t_with(key, &[("line", (line as i64).into())]);
        let Ok(record) = record else {
            problems.push(problem("ecosoc-import-bad-line"));
            continue;
        };
        if record.iter().any(|cell| cell.contains('\0')) {
            problems.push(problem("ecosoc-import-nul"));
            continue;
        }
        let name = record.get(name_at).unwrap_or_default().to_string();
        let category = record.get(category_at).map(|c| c.to_lowercase()).and_then(|c| ConsultativeStatus::parse(&c));
        let year = record.get(year_at).and_then(|y| y.parse::<i64>().ok()).filter(|y| (1946..=this_year).contains(y));
        match (name.is_empty(), category.filter(|c| CATEGORIES.contains(c)), year) {
            (true, _, _) => problems.push(problem("ecosoc-import-no-name")),
            (_, None, _) => problems.push(problem("ecosoc-import-bad-category")),
            (_, _, None) => problems.push(problem("ecosoc-import-bad-year")),
            (false, Some(category), Some(year)) => listed.push(ListedOrganization {
                line,
                name,
                country: country_at.and_then(|at| record.get(at)).filter(|c| !c.is_empty()).map(str::to_string),
                category,
                year,
            }),
        }
    }
    if listed.is_empty() && problems.is_empty() {
        problems.push(lang.t("ecosoc-import-empty"));
    }
    if problems.is_empty() { Ok(listed) } else { Err(problems) }
}

/// A directory entry the matching reads: its id, names and country.
pub struct Entry {
    pub id: i64,
    pub name: LocalizedText,
    pub country: Option<String>,
}

/// Matches each listed organisation (by index) to an entry, reading the
/// entries once, so the directory is streamed rather than held.
pub struct Matcher<'a> {
    listed: &'a [ListedOrganization],
    exact: HashMap<String, Vec<usize>>,
    loose: HashMap<String, Vec<usize>>,
    pub found: Vec<Option<(i64, Certainty)>>,
}

impl<'a> Matcher<'a> {
    pub fn new(listed: &'a [ListedOrganization]) -> Matcher<'a> {
        let (mut exact, mut loose): (HashMap<String, Vec<usize>>, HashMap<String, Vec<usize>>) = Default::default();
        for (index, organization) in listed.iter().enumerate() {
            exact.entry(fold(&organization.name)).or_default().push(index);
            if let Some(key) = loose_key(&organization.name) {
                loose.entry(key).or_default().push(index);
            }
        }
        Matcher { listed, exact, loose, found: vec![None; listed.len()] }
    }

    pub fn offer(&mut self, entry: &Entry) {
        let keys: HashSet<String> = name_keys(&entry.name).into_iter().collect();
        let loose_keys: HashSet<String> = entry.name.values().filter_map(loose_key).collect();
        let exact: HashSet<usize> = keys.iter().filter_map(|k| self.exact.get(k)).flatten().copied().collect();
        let loose: HashSet<usize> = loose_keys.iter().filter_map(|k| self.loose.get(k)).flatten().copied().collect();
        for index in exact.iter().chain(loose.difference(&exact)).copied() {
            let agrees = country_agrees(self.listed[index].country.as_deref(), entry.country.as_deref());
            let certainty =
                if exact.contains(&index) && agrees != Some(false) { Certainty::Certain } else { Certainty::Uncertain };
            let slot = &mut self.found[index];
            *slot = match *slot {
                // A second entry with the same name makes the line a person's decision.
                Some((first, Certainty::Certain)) if certainty == Certainty::Certain => {
                    Some((first, Certainty::Uncertain))
                }
                Some(kept) if kept.1 == Certainty::Certain || certainty == Certainty::Uncertain => Some(kept),
                _ => Some((entry.id, certainty)),
            };
        }
    }
}

#[derive(Template)]
#[template(path = "consultative/import.html")]
struct ImportPage {
    chrome: Chrome,
    problems: Vec<String>,
}

pub async fn import_form(lang: Lang, uri: Uri, rights: crate::accounts::Rights) -> Result<Html<String>, AppError> {
    rights.require(crate::accounts::Right::Administer).await?;
    render(&ImportPage { chrome: Chrome::new(lang, lang.t("ecosoc-import-title"), &uri), problems: Vec::new() })
}

async fn uploaded_list(multipart: Result<Multipart, MultipartRejection>) -> Result<Vec<u8>, AppError> {
    let invalid = |message: String| AppError::bad("file", Problem::Invalid(message));
    let mut multipart = multipart.map_err(|rejection| invalid(rejection.body_text()))?;
    while let Some(field) = multipart.next_field().await.map_err(|error| {
        if error.status() == StatusCode::PAYLOAD_TOO_LARGE { AppError::TooLarge } else { invalid(error.body_text()) }
    })? {
        if field.name() == Some("file") {
            return Ok(field.bytes().await.map_err(|error| invalid(error.body_text()))?.to_vec());
        }
    }
    Ok(Vec::new())
}

/// Reads the list, matches it and keeps it for review; nothing in the directory changes yet.
pub async fn import(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    multipart: Result<Multipart, MultipartRejection>,
) -> Result<Response, AppError> {
    crate::accounts::Rights::of(&db, &user).require(crate::accounts::Right::Administer).await?;
    let bytes = uploaded_list(multipart).await?;
    let listed = match read_list(&bytes, lang) {
        Ok(listed) => listed,
        Err(problems) => {
            let page = ImportPage { chrome: Chrome::new(lang, lang.t("ecosoc-import-title"), &uri), problems };
            return Ok((StatusCode::BAD_REQUEST, render(&page)?).into_response());
        }
    };
    let mut matcher = Matcher::new(&listed);
    let mut rows = sqlx::query("SELECT id, name, country FROM organizations").fetch(&db.pool);
    while let Some(row) = futures_util::TryStreamExt::try_next(&mut rows).await? {
        matcher.offer(&Entry {
            id: row.try_get("id")?,
            name: LocalizedText::from_json(&row.try_get::<String, _>("name")?),
            country: row.try_get("country")?,
        });
    }
    drop(rows);
    let batch = uuid::Uuid::new_v4().simple().to_string();
    let created_at = now_rfc3339();
    let mut tx = db.begin().await?;
    for (organization, found) in listed.iter().zip(&matcher.found) {
        sqlx::query(
            "INSERT INTO ecosoc_import_rows (batch, line, name, country, category, year_granted, organization_id, \
             certainty, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        )
        .bind(&batch)
        .bind(organization.line as i64)
        .bind(&organization.name)
        .bind(&organization.country)
        .bind(organization.category.code())
        .bind(organization.year)
        .bind(found.map(|(id, _)| id))
        .bind(found.map_or(Certainty::None, |(_, certainty)| certainty).code())
        .bind(&created_at)
        .execute(&mut *tx)
        .await?;
    }
    tx.commit().await?;
    Ok(Redirect::to(&format!("/ecosoc/import/{batch}")).into_response())
}

pub struct ReviewLine {
    pub id: i64,
    pub line: i64,
    pub name: String,
    pub country: String,
    pub category: String,
    pub year: i64,
    pub entry: Option<(String, String)>,
    pub certain: bool,
}

#[derive(Template)]
#[template(path = "consultative/import_review.html")]
struct ReviewPage {
    chrome: Chrome,
    batch: String,
    certain: Vec<ReviewLine>,
    uncertain: Vec<ReviewLine>,
    unmatched: Vec<ReviewLine>,
    applied: bool,
}

/// The batch id of an address: hexadecimal, as made by [`import`].
fn batch_of(raw: &str) -> Result<String, AppError> {
    (raw.len() == 32 && raw.bytes().all(|b| b.is_ascii_hexdigit())).then(|| raw.to_string()).ok_or(AppError::NotFound)
}

struct StoredRow {
    id: i64,
    organization_id: Option<i64>,
    category: String,
    year: i64,
    certain: bool,
    applied: bool,
    line: ReviewLine,
}

async fn batch_rows(db: &Db, batch: &str, lang: Lang) -> Result<Vec<StoredRow>, AppError> {
    let rows = sqlx::query(
        "SELECT r.id AS id, r.line AS line, r.name AS name, r.country AS country, r.category AS category, \
                r.year_granted AS year, r.organization_id AS organization_id, r.certainty AS certainty, \
                r.applied_at AS applied_at, o.slug AS slug, o.name AS entry_name \
         FROM ecosoc_import_rows r LEFT JOIN organizations o ON o.id = r.organization_id \
         WHERE r.batch = $1 ORDER BY r.line",
    )
    .bind(batch)
    .fetch_all(&db.pool)
    .await?;
    if rows.is_empty() {
        return Err(AppError::NotFound);
    }
    let mut stored = Vec::with_capacity(rows.len());
    for row in rows {
        let category: String = row.try_get("category")?;
        let certain = row.try_get::<String, _>("certainty")? == Certainty::Certain.code();
        let entry = match (row.try_get::<Option<String>, _>("slug")?, row.try_get::<Option<String>, _>("entry_name")?) {
            (Some(slug), Some(name)) => Some((slug, LocalizedText::from_json(&name).get(lang).to_string())),
            _ => None,
        };
        let id: i64 = row.try_get("id")?;
        let year: i64 = row.try_get("year")?;
        stored.push(StoredRow {
            id,
            organization_id: row.try_get("organization_id")?,
            year,
            certain,
            applied: row.try_get::<Option<String>, _>("applied_at")?.is_some(),
            line: ReviewLine {
                id,
                line: row.try_get("line")?,
                name: row.try_get("name")?,
                country: row.try_get::<Option<String>, _>("country")?.unwrap_or_default(),
                category: ConsultativeStatus::parse(&category).map(|c| c.label(lang)).unwrap_or_default(),
                year,
                entry,
                certain,
            },
            category,
        });
    }
    Ok(stored)
}

pub async fn review(
    State(db): State<Db>,
    lang: Lang,
    uri: Uri,
    RequireUser(user): RequireUser,
    Path(raw_batch): Path<String>,
) -> Result<Html<String>, AppError> {
    crate::accounts::Rights::of(&db, &user).require(crate::accounts::Right::Administer).await?;
    let batch = batch_of(&raw_batch)?;
    let rows = batch_rows(&db, &batch, lang).await?;
    let applied = rows.iter().any(|row| row.applied);
    let (mut certain, mut uncertain, mut unmatched) = (Vec::new(), Vec::new(), Vec::new());
    for row in rows {
        match (row.line.entry.is_some(), row.certain) {
            (false, _) => unmatched.push(row.line),
            (true, true) => certain.push(row.line),
            (true, false) => uncertain.push(row.line),
        }
    }
    let page = ReviewPage {
        chrome: Chrome::new(lang, lang.t("ecosoc-import-review-title"), &uri),
        batch,
        certain,
        uncertain,
        unmatched,
        applied,
    };
    render(&page)
}

/// Writes the accepted matches: each entry takes the list's category and year.
pub async fn apply(
    State(db): State<Db>,
    lang: Lang,
    RequireUser(user): RequireUser,
    Path(raw_batch): Path<String>,
    data: FormData,
) -> Result<Redirect, AppError> {
    crate::accounts::Rights::of(&db, &user).require(crate::accounts::Right::Administer).await?;
    let batch = batch_of(&raw_batch)?;
    let rows = batch_rows(&db, &batch, lang).await?;
    if rows.iter().any(|row| row.applied) {
        return Err(AppError::Conflict);
    }
    let applied_at = now_rfc3339();
    let mut changed = Vec::new();
    let mut tx = db.begin().await?;
    for row in &rows {
        let accepted = data.get(&format!("row-{}", row.id)) == "on";
        // Stored categories were written from a ConsultativeStatus, so every one parses.
        let category = ConsultativeStatus::parse(&row.category);
        if let (Some(organization_id), true, Some(category)) = (row.organization_id, accepted, category) {
            crate::directory::record_status(&mut tx, organization_id, category, row.year).await?;
            changed.push((organization_id, row));
        }
    }
    sqlx::query("UPDATE ecosoc_import_rows SET applied_at = $1 WHERE batch = $2")
        .bind(&applied_at)
        .bind(&batch)
        .execute(&mut *tx)
        .await?;
    tx.commit().await?;
    for (organization_id, row) in changed {
        let after = serde_json::json!({ "consultative_status": row.category, "status_year": row.year });
        crate::platform::audit::record(
            &db,
            Some(user.user_id),
            "ecosoc.import",
            "ecosoc",
            Some(organization_id),
            None,
            Some(&after),
        )
        .await?;
    }
    Ok(Redirect::to(&format!("/ecosoc/import/{batch}")))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn listed(name: &str, country: Option<&str>) -> ListedOrganization {
        ListedOrganization {
            line: 2,
            name: name.into(),
            country: country.map(str::to_string),
            category: ConsultativeStatus::Special,
            year: 2001,
        }
    }

    fn entry(id: i64, name: &str, country: &str) -> Entry {
        let mut names = LocalizedText::default();
        names.0.insert(Lang::En, name.into());
        Entry { id, name: names, country: Some(country.into()) }
    }

    #[test]
    fn names_match_across_scripts_word_order_and_countries() {
        let cases = [
            (
                listed("Buta Humanitarian Union", Some("Azerbaijan")),
                entry(7, "Бута Humanitarian Union", "AZ"),
                Some((7, Certainty::Certain)),
            ),
            (
                listed("Humanitarian Union Buta", Some("AZ")),
                entry(7, "Buta Humanitarian Union", "AZ"),
                Some((7, Certainty::Uncertain)),
            ),
            (
                listed("Buta Humanitarian Union", Some("Georgia")),
                entry(7, "Buta Humanitarian Union", "AZ"),
                Some((7, Certainty::Uncertain)),
            ),
            (
                listed("Buta Humanitarian Union", None),
                entry(7, "Buta Humanitarian Union", "AZ"),
                Some((7, Certainty::Certain)),
            ),
            (listed("Ecological Society", None), entry(7, "Buta Humanitarian Union", "AZ"), None),
        ];
        for (organization, offered, expected) in cases {
            let list = [organization];
            let mut matcher = Matcher::new(&list);
            matcher.offer(&offered);
            assert_eq!(matcher.found[0], expected, "{:?}", list[0].name);
        }
    }

    #[test]
    fn two_entries_with_the_same_name_leave_the_decision_to_a_person() {
        let list = [listed("Buta", None)];
        let mut matcher = Matcher::new(&list);
        matcher.offer(&entry(1, "Buta", "AZ"));
        matcher.offer(&entry(2, "Бута", "GE"));
        assert_eq!(matcher.found[0], Some((1, Certainty::Uncertain)));
    }

    #[test]
    fn the_list_is_read_strictly_with_its_lines_named() {
        let good = read_list(b"Name,Country,Category,Year granted\nButa,AZ,Special,2001\n", Lang::En).unwrap();
        assert_eq!(good, vec![ListedOrganization { line: 2, ..listed("Buta", Some("AZ")) }]);
        let problems = read_list(b"name,category,year\nA,consultative,2001\nB,roster,1900\n,general,2001\n", Lang::En)
            .unwrap_err();
        assert_eq!(problems.len(), 3);
        assert!(problems[0].contains('2') && problems[1].contains('3') && problems[2].contains('4'), "{problems:?}");
        assert!(read_list(b"organisation,kind\nA,B\n", Lang::En).is_err());
    }
}
