//! Searching the library with the directory's folding: every item keeps its words folded to one Latin skeleton
//! (`search_text`), a query is folded alike, and its words match exactly, with a typo (one from four letters,
//! two from eight) or, the last word, as a prefix, and an e may stand for ə; so "Ədalət", "Adalat", "edalet" and
//! "Адалат" find each other. The
//! candidates are the items the facets allow, read from the database at each search; facet counts are those of
//! the other facets' choices.

use std::collections::BTreeMap;

use sqlx::Row;

use super::item::ItemKind;
use crate::platform::db::Db;
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::search::{folded_terms, keyboard_readings};
use crate::platform::values::CountryCode;
use crate::platform::web::{AppError, Problem};

pub const PER_PAGE: usize = 20;

/// What a search can be narrowed by.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Facet {
    Type,
    Theme,
    Country,
    Language,
}

impl Facet {
    pub const ALL: [Facet; 4] = [Facet::Type, Facet::Theme, Facet::Country, Facet::Language];

    /// The query parameter and JSON key.
    pub fn param(self) -> &'static str {
        match self {
            Facet::Type => "type",
            Facet::Theme => "theme",
            Facet::Country => "country",
            Facet::Language => "language",
        }
    }
}

/// A search, checked at the edge.
#[derive(Clone, Debug, Default)]
pub struct LibraryQuery {
    pub text: String,
    /// One value per facet at most: codes (type, country, language) or a theme's slug.
    pub filters: BTreeMap<Facet, String>,
    pub page: usize,
}

impl LibraryQuery {
    /// Reads `q`, the facets and `page`; an unknown value is a 400 naming its parameter.
    pub fn parse(pairs: &[(String, String)], theme_slugs: &[String]) -> Result<LibraryQuery, AppError> {
        let mut query = LibraryQuery { page: 1, ..LibraryQuery::default() };
        for (name, value) in pairs {
            let value = value.trim();
            if name == "q" {
                if value.chars().count() > 200 {
                    return Err(AppError::bad("q", Problem::TooLong { max: 200 }));
                }
                query.text = value.to_string();
                continue;
            }
            if name == "page" {
                query.page = value
                    .parse()
                    .ok()
                    .filter(|p| (1..=10_000).contains(p))
                    .ok_or(AppError::bad("page", Problem::OutOfRange { min: 1, max: 10_000 }))?;
                continue;
            }
            let Some(facet) = Facet::ALL.into_iter().find(|f| f.param() == name) else { continue };
            if value.is_empty() {
                continue;
            }
            let known = match facet {
                Facet::Type => ItemKind::parse(value).is_some(),
                Facet::Theme => theme_slugs.iter().any(|s| s == value),
                Facet::Country => CountryCode::parse(value).is_some(),
                Facet::Language => Lang::parse(value).is_some(),
            };
            if !known {
                return Err(AppError::bad(facet.param(), Problem::Unknown(value.chars().take(60).collect())));
            }
            if query.filters.insert(facet, value.to_string()).is_some() {
                return Err(AppError::bad(facet.param(), Problem::Repeated));
            }
        }
        Ok(query)
    }

    /// The query string of this search with `facet` set to `value` (or cleared when it is that already).
    pub fn toggled(&self, facet: Facet, value: &str) -> String {
        let mut filters = self.filters.clone();
        if filters.get(&facet).is_some_and(|v| v == value) {
            filters.remove(&facet);
        } else {
            filters.insert(facet, value.to_string());
        }
        let mut serializer = form_urlencoded::Serializer::new(String::new());
        if !self.text.is_empty() {
            serializer.append_pair("q", &self.text);
        }
        for (facet, value) in &filters {
            serializer.append_pair(facet.param(), value);
        }
        serializer.finish()
    }
}

/// The most letters a word may differ by from a query's word of this length.
fn typos_allowed(length: usize) -> usize {
    match length {
        0..4 => 0,
        4..8 => 1,
        _ => 2,
    }
}

/// Whether two words are at most `max` edits apart (Levenshtein distance, bounded).
fn within(a: &str, b: &str, max: usize) -> bool {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len().abs_diff(b.len()) > max {
        return false;
    }
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let cost = usize::from(ca != cb);
            current.push((previous[j] + cost).min(previous[j + 1] + 1).min(current[j] + 1));
        }
        if current.iter().min().is_some_and(|least| *least > max) {
            return false;
        }
        previous = current;
    }
    previous[b.len()] <= max
}

/// How a folded `word` of an item answers a folded query `term`: 3 exactly, 2 as the prefix it may be when it is
/// the query's `last` word, 1 with a typo, 0 not at all.
fn grade(word: &str, term: &str, last: bool) -> usize {
    if word == term {
        3
    } else if last && word.starts_with(term) {
        2
    } else if within(word, term, typos_allowed(term.chars().count())) {
        1
    } else {
        0
    }
}

/// How well folded `words` answer the query's folded `terms`: `None` when a term finds nothing; else the more
/// exact matches, the higher.
pub fn score(terms: &[String], words: &str) -> Option<usize> {
    let mut total = 0;
    for (i, term) in terms.iter().enumerate() {
        let last = i + 1 == terms.len();
        let readings = keyboard_readings(term);
        // A word met only through a keyboard reading ranks one step below the same meeting as typed, so that
        // the spelling a reader wrote comes first.
        let through_reading = |word: &str| match readings.iter().map(|reading| grade(word, reading, last)).max() {
            None | Some(0) => 0,
            Some(found) => (found - 1).max(1),
        };
        let best = words.split(' ').map(|word| grade(word, term, last).max(through_reading(word))).max().unwrap_or(0);
        if best == 0 {
            return None;
        }
        total += best;
    }
    Some(total)
}

/// One value of a facet with the items it would show.
#[derive(Clone, Debug)]
pub struct FacetValue {
    pub value: String,
    pub label: String,
    pub count: usize,
    pub selected: bool,
}

pub struct Found {
    /// The ids of the page's items, best first.
    pub ids: Vec<i64>,
    pub total: usize,
    pub facets: Vec<(Facet, Vec<FacetValue>)>,
}

/// An item as the search weighs it.
struct Candidate {
    id: i64,
    values: BTreeMap<Facet, Vec<String>>,
    score: usize,
    updated_at: String,
}

impl Candidate {
    fn allowed(&self, query: &LibraryQuery, except: Option<Facet>) -> bool {
        query.filters.iter().all(|(facet, value)| {
            Some(*facet) == except || self.values.get(facet).is_some_and(|values| values.contains(value))
        })
    }
}

/// Runs a search in `lang` (the language facet's labels and the themes' names).
pub async fn run(db: &Db, query: &LibraryQuery, lang: Lang) -> Result<Found, AppError> {
    let terms = folded_terms(&query.text);
    let mut langs: BTreeMap<i64, Vec<String>> = BTreeMap::new();
    for row in sqlx::query("SELECT item_id, lang FROM library_versions").fetch_all(&db.pool).await? {
        langs.entry(row.try_get("item_id")?).or_default().push(row.try_get("lang")?);
    }
    let rows = sqlx::query(
        "SELECT i.id, i.kind, t.slug AS theme, i.country, i.search_text, i.updated_at \
         FROM library_items i LEFT JOIN themes t ON t.id = i.theme_id",
    )
    .fetch_all(&db.pool)
    .await?;
    let mut candidates = Vec::new();
    for row in &rows {
        let Some(score) = score(&terms, &row.try_get::<String, _>("search_text")?) else { continue };
        let id: i64 = row.try_get("id")?;
        let mut values = BTreeMap::new();
        values.insert(Facet::Type, vec![row.try_get::<String, _>("kind")?]);
        values.insert(Facet::Theme, row.try_get::<Option<String>, _>("theme")?.into_iter().collect());
        values.insert(Facet::Country, row.try_get::<Option<String>, _>("country")?.into_iter().collect());
        values.insert(Facet::Language, langs.remove(&id).unwrap_or_default());
        candidates.push(Candidate { id, values, score, updated_at: row.try_get("updated_at")? });
    }
    let theme_names: BTreeMap<String, LocalizedText> = sqlx::query("SELECT slug, name FROM themes")
        .fetch_all(&db.pool)
        .await?
        .iter()
        .map(|row| Ok((row.try_get("slug")?, LocalizedText::from_json(&row.try_get::<String, _>("name")?))))
        .collect::<sqlx::Result<_>>()?;
    let label = |facet: Facet, value: &str| match facet {
        Facet::Type => ItemKind::parse(value).map_or_else(|| value.to_string(), |k| k.label(lang)),
        Facet::Theme => theme_names.get(value).map_or_else(|| value.to_string(), |n| n.get(lang).to_string()),
        Facet::Country => CountryCode::parse(value).map_or_else(|| value.to_string(), |c| c.name(lang).to_string()),
        Facet::Language => Lang::parse(value).map_or_else(|| value.to_string(), |l| l.endonym().to_string()),
    };
    let facets = Facet::ALL
        .into_iter()
        .map(|facet| {
            let mut counts: BTreeMap<String, usize> = BTreeMap::new();
            for candidate in candidates.iter().filter(|c| c.allowed(query, Some(facet))) {
                for value in candidate.values.get(&facet).into_iter().flatten() {
                    *counts.entry(value.clone()).or_default() += 1;
                }
            }
            let mut values: Vec<FacetValue> = counts
                .into_iter()
                .map(|(value, count)| FacetValue {
                    label: label(facet, &value),
                    selected: query.filters.get(&facet) == Some(&value),
                    value,
                    count,
                })
                .collect();
            values.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.label.cmp(&b.label)));
            (facet, values)
        })
        .collect();
    let mut matching: Vec<&Candidate> = candidates.iter().filter(|c| c.allowed(query, None)).collect();
    matching.sort_by(|a, b| b.score.cmp(&a.score).then_with(|| b.updated_at.cmp(&a.updated_at)).then(b.id.cmp(&a.id)));
    let total = matching.len();
    let ids = matching.iter().skip((query.page - 1) * PER_PAGE).take(PER_PAGE).map(|c| c.id).collect();
    Ok(Found { ids, total, facets })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> String {
        folded_terms(text).join(" ")
    }

    #[test]
    fn words_meet_across_scripts_with_a_typo_or_as_a_prefix() {
        let item = words("Ədalət hüquq mərkəzi: məktəblərdə təhsil");
        assert!(score(&folded_terms("Адалат"), &item).is_some());
        assert!(score(&folded_terms("adalat huquq"), &item).is_some());
        assert!(score(&folded_terms("edalet"), &item).is_some(), "ə typed as e");
        assert!(score(&folded_terms("Эдалет"), &item).is_some(), "ə written as Russian э and е");
        assert!(score(&folded_terms("idalit"), &item).is_none(), "two letters off a six-letter word is too many");
        assert!(score(&folded_terms("mekteb"), &item).is_some());
        assert!(score(&folded_terms("Lenkeran"), &words("Lənkəran")).is_some());
        assert!(score(&folded_terms("bed"), &words("bad")).is_none(), "short words keep their vowels");
        assert!(score(&folded_terms("adalet"), &item).is_some(), "one typo in six letters");
        assert!(score(&folded_terms("tahs"), &item).is_some(), "the last word as a prefix");
        assert!(score(&folded_terms("tahs adalat"), &item).is_none(), "only the last word is a prefix");
        assert!(score(&folded_terms("water"), &item).is_none());
        assert!(score(&[], &item).is_some(), "no words: everything");
        assert!(score(&folded_terms("Ədalət"), &item) > score(&folded_terms("adalet"), &item));
    }

    #[test]
    fn typos_are_counted_as_edits() {
        assert!(within("kitten", "sitting", 3));
        assert!(!within("kitten", "sitting", 2));
        assert!(within("", "ab", 2));
    }

    #[test]
    fn facets_are_checked_and_toggled() {
        let pairs =
            |list: &[(&str, &str)]| list.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect::<Vec<_>>();
        let themes = vec!["education".to_string()];
        let query =
            LibraryQuery::parse(&pairs(&[("q", "su"), ("type", "report"), ("theme", "education")]), &themes).unwrap();
        assert_eq!(query.toggled(Facet::Type, "report"), "q=su&theme=education");
        assert_eq!(query.toggled(Facet::Language, "ru"), "q=su&type=report&theme=education&language=ru");
        assert!(LibraryQuery::parse(&pairs(&[("type", "poem")]), &themes).is_err());
        assert!(LibraryQuery::parse(&pairs(&[("theme", "unknown")]), &themes).is_err());
        assert!(LibraryQuery::parse(&pairs(&[("country", "AZ"), ("country", "RU")]), &themes).is_err());
    }
}
