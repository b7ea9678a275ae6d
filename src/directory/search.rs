//! Searching the directory: the index document of an organisation, the query
//! built from a reader's words and filters, facet counts, and the loop that
//! keeps this instance's index in step with the database.

use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};
use sqlx::Row;
use tantivy::collector::{Collector, Count, TopDocs};
use tantivy::query::{AllQuery, BooleanQuery, BoostQuery, FuzzyTermQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    FAST, FacetOptions, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions,
    Value,
};
use tantivy::{DocAddress, Order, Score, Searcher, TantivyDocument, Term};
use tokio::sync::Mutex;

use super::catalog::KeptCatalog;
use super::facet_counts::{FacetColumns, FacetTally, FacetValues};
use super::kept_pages::KeptPages;
use super::model::{ConsultativeStatus, OrganizationKind};
use super::queries::{self, SearchDocument};
use crate::platform::db::Db;
use crate::platform::i18n::{Lang, LocalizedText};
use crate::platform::search::fold::fold;
use crate::platform::search::outbox::OutboxCursor;
use crate::platform::search::{FOLDED, SearchIndex, Stamp, folded_terms, keyboard_readings, return_freed_memory};
use crate::platform::values::{CountryCode, Slug};

/// How long outbox rows are kept for instances that were stopped.
const OUTBOX_KEPT: Duration = Duration::from_secs(7 * 24 * 3600);
const PRUNE_EVERY: Duration = Duration::from_secs(3600);

/// Raised whenever the document, its fields or the folding change, so old indexes rebuild.
const SCHEMA_VERSION: u32 = 3;

/// The facets a search can be narrowed by, in the order pages show them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Facet {
    Country,
    Kind,
    Theme,
    Network,
    Status,
}

impl Facet {
    pub const ALL: [Facet; 5] = [Facet::Country, Facet::Kind, Facet::Theme, Facet::Network, Facet::Status];

    /// The query parameter, index field and JSON key of the facet.
    pub fn param(self) -> &'static str {
        match self {
            Facet::Country => "country",
            Facet::Kind => "kind",
            Facet::Theme => "theme",
            Facet::Network => "network",
            Facet::Status => "status",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Sort {
    #[default]
    Relevance,
    Name,
}

/// A parsed search: every value here has been checked at the edge.
#[derive(Clone, Debug, Default)]
pub struct SearchRequest {
    pub text: String,
    /// Per facet, the accepted values (codes or slugs); several values of one
    /// facet widen the search, several facets narrow it.
    pub filters: BTreeMap<Facet, Vec<String>>,
    pub sort: Sort,
    /// The reader's language: names sort as the reader sees them.
    pub lang: Lang,
    pub page: usize,
    pub per_page: usize,
}

/// What a result list shows of an organisation, stored in the index so that
/// a search page needs no database query.
#[derive(Clone, Debug, Serialize, Deserialize)]
pub struct Card {
    pub id: i64,
    pub slug: String,
    pub name: LocalizedText,
    pub acronym: Option<String>,
    pub kind: OrganizationKind,
    pub country: Option<CountryCode>,
    pub city: Option<String>,
    pub status: ConsultativeStatus,
}

#[derive(Debug)]
pub struct SearchResults {
    pub total: usize,
    pub cards: Vec<Card>,
    /// Per facet, each value with the number of matches it would give.
    pub facets: FacetValues,
}

struct Fields {
    id: Field,
    names: Field,
    body: Field,
    card: Field,
    facets: BTreeMap<Facet, Field>,
    sort_names: BTreeMap<Lang, Field>,
}

fn schema() -> (Schema, Fields) {
    let mut builder = Schema::builder();
    let folded = TextOptions::default().set_indexing_options(
        TextFieldIndexing::default().set_tokenizer(FOLDED).set_index_option(IndexRecordOption::WithFreqs),
    );
    let fields = Fields {
        id: builder.add_i64_field("id", INDEXED | STORED | FAST),
        names: builder.add_text_field("names", folded.clone()),
        body: builder.add_text_field("body", folded),
        card: builder.add_text_field("card", STORED),
        facets: Facet::ALL
            .iter()
            .map(|&facet| (facet, builder.add_facet_field(facet.param(), FacetOptions::default())))
            .collect(),
        sort_names: Lang::ALL
            .iter()
            .map(|&lang| (lang, builder.add_text_field(&sort_field(lang), STRING | FAST)))
            .collect(),
    };
    (builder.build(), fields)
}

fn sort_field(lang: Lang) -> String {
    format!("sort_{}", lang.code())
}

/// How a name sorts: case and leading quotation marks aside.
fn sort_key(name: &str) -> String {
    name.trim_start_matches(|c: char| !c.is_alphanumeric()).to_lowercase()
}

/// The directory's search index of this instance, and where it stands in the outbox.
pub struct DirectorySearch {
    index: SearchIndex,
    fields: Fields,
    db: Db,
    database_id: String,
    cursor: Mutex<OutboxCursor>,
    ready: AtomicBool,
    /// The themes and networks searches are narrowed to, read again as the index follows the database.
    pub catalog: KeptCatalog,
    /// Organisation pages kept rendered, forgotten as the index follows the database.
    pub pages: KeptPages,
    facet_columns: FacetColumns,
}

impl DirectorySearch {
    /// Opens the index in `dir`, rebuilding it from the database when it is
    /// missing, stale, or was built from another database; then catches up.
    pub async fn open(dir: &Path, db: Db) -> anyhow::Result<Arc<DirectorySearch>> {
        let database_id = database_id(&db).await?;
        let (schema, fields) = schema();
        let (index, stamp) = SearchIndex::open(dir, schema, SCHEMA_VERSION, &database_id)?;
        let search = Arc::new(DirectorySearch {
            cursor: Mutex::new(OutboxCursor::at(stamp.as_ref().map_or(0, |s| s.outbox_seq))),
            index,
            fields,
            catalog: KeptCatalog::load(db.clone()).await?,
            pages: KeptPages::default(),
            facet_columns: FacetColumns::default(),
            db,
            database_id,
            ready: AtomicBool::new(false),
        });
        search.prune_outbox().await?;
        let oldest_kept: Option<i64> =
            sqlx::query_scalar("SELECT MIN(seq) FROM search_outbox").fetch_one(&search.db.pool).await?;
        // An index whose position the outbox no longer reaches back to has missed changes.
        let stamp = stamp.filter(|s| oldest_kept.is_none_or(|oldest| s.outbox_seq + 1 >= oldest));
        match stamp {
            Some(stamp) => {
                tracing::info!(position = stamp.outbox_seq, "search index reused");
                search.catch_up().await?;
            }
            None => search.rebuild().await?,
        }
        search.ready.store(true, Ordering::Release);
        Ok(search)
    }

    /// Whether the database still answers and is the one this instance opened: not a SQLite file deleted or
    /// replaced under it, nor another database at the same address (its identity, read back, differs).
    pub async fn database_is_the_one_opened(&self) -> bool {
        self.db.is_the_file_opened()
            && stored_database_id(&self.db).await.is_ok_and(|id| id.as_deref() == Some(self.database_id.as_str()))
    }

    pub fn is_ready(&self) -> bool {
        self.ready.load(Ordering::Acquire)
    }

    /// Re-indexes every organisation from the database.
    pub async fn rebuild(&self) -> anyhow::Result<()> {
        let started = Instant::now();
        let mut cursor = self.cursor.lock().await;
        // Read the position first: changes after it are applied again later, harmlessly.
        let position: Option<i64> =
            sqlx::query_scalar("SELECT MAX(seq) FROM search_outbox").fetch_one(&self.db.pool).await?;
        self.index.clear()?;
        let (mut organizations, mut after) = (0, 0);
        loop {
            let documents = queries::search_documents_after(&self.db, after).await?;
            let Some(last) = documents.last() else { break };
            after = last.id;
            organizations += documents.len();
            for document in documents.into_iter().filter(|d| d.listed) {
                self.index.add(self.document(&document))?;
            }
        }
        *cursor = OutboxCursor::at(position.unwrap_or(0));
        self.commit(cursor.position()).await?;
        return_freed_memory();
        tracing::info!(organizations, elapsed_ms = started.elapsed().as_millis() as u64, "search index rebuilt");
        Ok(())
    }

    /// Applies the outbox rows written since the last call; returns how many
    /// organisations were re-indexed.
    pub async fn catch_up(&self) -> anyhow::Result<usize> {
        let mut cursor = self.cursor.lock().await;
        let rows = sqlx::query("SELECT seq, organization_id FROM search_outbox WHERE seq > $1 ORDER BY seq LIMIT 5000")
            .bind(cursor.position())
            .fetch_all(&self.db.pool)
            .await?;
        if rows.is_empty() {
            return Ok(0);
        }
        let seqs: Vec<i64> = rows.iter().map(|r| r.try_get("seq")).collect::<Result<_, _>>()?;
        let before = cursor.position();
        let apply = cursor.accept(&seqs, Instant::now());
        let mut ids: Vec<i64> = rows
            .iter()
            .zip(apply)
            .filter(|(_, apply)| *apply)
            .map(|(row, _)| row.try_get("organization_id"))
            .collect::<Result<_, _>>()?;
        ids.sort_unstable();
        ids.dedup();
        let documents = queries::search_documents(&self.db, &ids).await?;
        for id in &ids {
            let document = documents.iter().find(|d| d.id == *id && d.listed).map(|d| self.document(d));
            self.index.upsert(self.key(*id), document)?;
        }
        self.pages.forget_organizations(&ids);
        if !ids.is_empty() || cursor.position() != before {
            self.commit(cursor.position()).await?;
        }
        Ok(ids.len())
    }

    async fn commit(&self, position: i64) -> anyhow::Result<()> {
        let stamp =
            Stamp { schema_version: SCHEMA_VERSION, database_id: self.database_id.clone(), outbox_seq: position };
        self.index.commit(&stamp)
    }

    /// Follows the outbox until the process ends.
    pub fn follow(self: &Arc<Self>, every: Duration) {
        let search = Arc::clone(self);
        tokio::spawn(async move {
            let mut ticker = tokio::time::interval(every);
            ticker.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
            let mut last_pruned = Instant::now();
            loop {
                ticker.tick().await;
                if let Err(error) = search.catch_up().await {
                    tracing::warn!(error = format!("{error:#}"), "search index catch-up failed; retrying");
                }
                match search.catalog.refresh().await {
                    Ok(true) => search.pages.forget_all(),
                    Ok(false) => {}
                    Err(error) => {
                        tracing::warn!(error = format!("{error:#}"), "reading the themes and networks failed; retrying")
                    }
                }
                if last_pruned.elapsed() >= PRUNE_EVERY {
                    last_pruned = Instant::now();
                    if let Err(error) = search.prune_outbox().await {
                        tracing::warn!(error = format!("{error:#}"), "search outbox pruning failed");
                    }
                }
            }
        });
    }

    /// Forgets outbox rows older than [`OUTBOX_KEPT`]: an instance that was
    /// away longer finds its position gone at start and rebuilds its index.
    pub async fn prune_outbox(&self) -> anyhow::Result<u64> {
        let cutoff = time::OffsetDateTime::now_utc() - OUTBOX_KEPT;
        let cutoff_ms = (cutoff.unix_timestamp_nanos() / 1_000_000) as i64;
        // The newest row stays, so a stopped index can always tell whether rows
        // it never saw are gone.
        let result = sqlx::query(
            "DELETE FROM search_outbox WHERE created_at < $1 \
             AND seq < (SELECT MAX(seq) FROM search_outbox)",
        )
        .bind(cutoff_ms)
        .execute(&self.db.pool)
        .await?;
        Ok(result.rows_affected())
    }

    fn key(&self, id: i64) -> Term {
        Term::from_field_i64(self.fields.id, id)
    }

    fn document(&self, source: &SearchDocument) -> TantivyDocument {
        let f = &self.fields;
        let mut document = TantivyDocument::default();
        document.add_i64(f.id, source.id);
        for name in source.name.values().chain(source.other_names.iter().map(String::as_str)) {
            document.add_text(f.names, fold(name));
        }
        if let Some(acronym) = &source.acronym {
            document.add_text(f.names, fold(acronym));
        }
        let mut body: Vec<&str> = Vec::new();
        if let Some(description) = &source.description {
            body.extend(description.values());
        }
        body.extend(source.city.as_deref());
        body.extend(source.address.as_deref());
        body.extend(source.people.iter().map(String::as_str));
        let country_names;
        if let Some(country) = source.country {
            country_names = Lang::ALL.map(|lang| country.name(lang));
            body.extend(country_names.iter().copied());
        }
        for text in body {
            document.add_text(f.body, fold(text));
        }
        for (lang, field) in &f.sort_names {
            document.add_text(*field, sort_key(source.name.get(lang)));
        }
        let mut add_facet = |facet: Facet, value: &str| {
            document.add_facet(f.facets[&facet], tantivy::schema::Facet::from_path([value]));
        };
        add_facet(Facet::Kind, source.kind.code());
        add_facet(Facet::Status, source.status.code());
        if let Some(country) = source.country {
            add_facet(Facet::Country, country.as_str());
        }
        for theme in &source.themes {
            add_facet(Facet::Theme, theme);
        }
        for network in &source.networks {
            add_facet(Facet::Network, network);
        }
        let card = Card {
            id: source.id,
            slug: source.slug.clone(),
            name: source.name.clone(),
            acronym: source.acronym.clone(),
            kind: source.kind,
            country: source.country,
            city: source.city.clone(),
            status: source.status,
        };
        document.add_text(f.card, serde_json::to_string(&card).unwrap_or_default());
        document
    }

    /// The query of a reader's words: every word must match a name or the
    /// body, exactly, with a typo (one in a word of four letters or more, two
    /// from eight, which also covers Azerbaijani typed without its letters:
    /// "Teskilatlari" for "Təşkilatları"), or, the last word being still
    /// typed, as a prefix. Names weigh more than descriptions.
    fn text_query(&self, text: &str) -> Option<Box<dyn Query>> {
        let terms = folded_terms(text);
        let last = terms.len().checked_sub(1)?;
        let words = terms
            .iter()
            .enumerate()
            .map(|(position, word)| {
                let mut alternatives: Vec<(Occur, Box<dyn Query>)> = Vec::new();
                for (field, weight) in [(self.fields.names, 3.0), (self.fields.body, 1.0)] {
                    let term = Term::from_field_text(field, word);
                    alternatives.push(should(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs), 2.0 * weight));
                    let typos = match word.chars().count() {
                        0..=3 => 0,
                        4..=7 => 1,
                        _ => 2,
                    };
                    if typos > 0 {
                        alternatives.push(should(FuzzyTermQuery::new(term.clone(), typos, true), 0.5 * weight));
                    }
                    if position == last {
                        alternatives.push(should(FuzzyTermQuery::new_prefix(term, 0, true), 0.8 * weight));
                    }
                }
                // Names typed without Azerbaijani letters, below the word as typed; one more slip allowed, as
                // "Sefqet" for "Şəfqət" reads "safgat" against "shafgat".
                for reading in keyboard_readings(word) {
                    let term = Term::from_field_text(self.fields.names, &reading);
                    alternatives.push(should(TermQuery::new(term.clone(), IndexRecordOption::WithFreqs), 3.6));
                    alternatives.push(should(FuzzyTermQuery::new(term, 1, true), 1.2));
                }
                (Occur::Must, Box::new(BooleanQuery::new(alternatives)) as Box<dyn Query>)
            })
            .collect();
        Some(Box::new(BooleanQuery::new(words)))
    }

    /// The words and every filter except `skip`'s: a facet's own counts
    /// ignore its own selection, so a reader sees what else it could choose.
    fn query(&self, request: &SearchRequest, skip: Option<Facet>) -> Box<dyn Query> {
        let mut clauses: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        if let Some(text) = self.text_query(&request.text) {
            clauses.push((Occur::Must, text));
        }
        for (facet, values) in &request.filters {
            if Some(*facet) == skip || values.is_empty() {
                continue;
            }
            let field = self.fields.facets[facet];
            let any_value: Vec<(Occur, Box<dyn Query>)> = values
                .iter()
                .map(|value| {
                    let term = Term::from_facet(field, &tantivy::schema::Facet::from_path([value.as_str()]));
                    (Occur::Should, Box::new(TermQuery::new(term, IndexRecordOption::Basic)) as Box<dyn Query>)
                })
                .collect();
            clauses.push((Occur::Must, Box::new(BooleanQuery::new(any_value))));
        }
        if clauses.is_empty() { Box::new(AllQuery) } else { Box::new(BooleanQuery::new(clauses)) }
    }

    /// One pass over the matches collects the page, the total and the counts of every facet without a filter of
    /// its own; a facet whose values are filtered is counted in a pass of its own, without that filter.
    pub fn search(&self, request: &SearchRequest) -> tantivy::Result<SearchResults> {
        let searcher = self.index.reader.searcher();
        let query = self.query(request, None);
        let offset = (request.page.max(1) - 1) * request.per_page;
        let top = TopDocs::with_limit(request.per_page.max(1)).and_offset(offset);
        let by_name = request.sort == Sort::Name || request.text.trim().is_empty();
        let (filtered, counted_alongside): (Vec<Facet>, Vec<Facet>) = Facet::ALL
            .into_iter()
            .partition(|facet| request.filters.get(facet).is_some_and(|values| !values.is_empty()));

        let tally = self.facet_columns.tally(&searcher, counted_alongside)?;
        let (total, addresses, mut facets) = if by_name {
            let page = top.order_by_string_fast_field(sort_field(request.lang), Order::Asc);
            collect(&searcher, &query, page, tally)?
        } else {
            collect(&searcher, &query, top.order_by_score(), tally)?
        };
        for facet in filtered {
            let tally = self.facet_columns.tally(&searcher, vec![facet])?;
            facets.append(&mut searcher.search(&self.query(request, Some(facet)), &tally)?);
        }
        let cards =
            addresses.into_iter().map(|address| self.card(&searcher, address)).collect::<tantivy::Result<Vec<_>>>()?;
        Ok(SearchResults { total, cards, facets })
    }

    fn card(&self, searcher: &Searcher, address: DocAddress) -> tantivy::Result<Card> {
        let document: TantivyDocument = searcher.doc(address)?;
        let json = document.get_first(self.fields.card).and_then(|v| v.as_str()).unwrap_or("{}");
        serde_json::from_str(json).map_err(|e| tantivy::TantivyError::InternalError(format!("bad stored card: {e}")))
    }

    /// The public organisations that bear `name` (in any of its languages) as a name or other name, in any
    /// script or spelling: the index finds candidates, the folded names of each decide.
    pub async fn namesakes(&self, name: &LocalizedText) -> anyhow::Result<Vec<queries::NamedLink>> {
        let keys = super::name_keys(name);
        let mut ids = Vec::new();
        for text in name.values() {
            let request = SearchRequest { text: text.to_string(), page: 1, per_page: 20, ..SearchRequest::default() };
            ids.extend(self.search(&request)?.cards.iter().map(|card| card.id));
        }
        ids.sort_unstable();
        ids.dedup();
        Ok(queries::search_documents(&self.db, &ids)
            .await?
            .into_iter()
            .filter(|d| {
                d.listed
                    && d.name.values().chain(d.other_names.iter().map(String::as_str)).any(|n| keys.contains(&fold(n)))
            })
            .map(|d| queries::NamedLink { slug: d.slug, name: d.name })
            .collect())
    }

    pub fn document_count(&self) -> u64 {
        self.index.reader.searcher().num_docs()
    }

    pub fn position(&self) -> Option<i64> {
        self.cursor.try_lock().ok().map(|c| c.position())
    }
}

/// The total, the page's addresses and the facet counts of `query`'s matches, in one pass.
fn collect<Page, Key>(
    searcher: &Searcher,
    query: &dyn Query,
    page: Page,
    tally: FacetTally,
) -> tantivy::Result<(usize, Vec<DocAddress>, FacetValues)>
where
    Page: Collector<Fruit = Vec<(Key, DocAddress)>>,
{
    let (total, hits, facets) = searcher.search(query, &(Count, page, tally))?;
    Ok((total, hits.into_iter().map(|(_, address)| address).collect(), facets))
}

/// One alternative of a word, weighed by `boost`.
fn should(query: impl Query, boost: Score) -> (Occur, Box<dyn Query>) {
    (Occur::Should, Box::new(BoostQuery::new(Box::new(query), boost)))
}

async fn stored_database_id(db: &Db) -> sqlx::Result<Option<String>> {
    sqlx::query_scalar("SELECT value FROM settings WHERE key = 'database_id'").fetch_optional(&db.pool).await
}

/// The identity of the database, made once, when an instance first opened it: an index built from another
/// database (a restored backup, another URL) is not reused.
async fn database_id(db: &Db) -> anyhow::Result<String> {
    if let Some(id) = stored_database_id(db).await? {
        return Ok(id);
    }
    let fresh = uuid::Uuid::new_v4().to_string();
    // Another instance may have made one meanwhile; whichever landed first wins.
    sqlx::query("INSERT INTO settings (key, value) VALUES ('database_id', $1) ON CONFLICT (key) DO NOTHING")
        .bind(&fresh)
        .execute(&db.pool)
        .await?;
    stored_database_id(db).await?.ok_or_else(|| anyhow::anyhow!("the database's identity could not be stored"))
}

/// Checks a facet value against what can exist, so a typo gets a 400 rather
/// than an empty page.
pub fn valid_facet_value(
    facet: Facet,
    value: &str,
    known_themes: &[String],
    known_networks: &[String],
) -> Option<String> {
    match facet {
        Facet::Country => CountryCode::parse(value).map(|c| c.as_str().to_string()),
        Facet::Kind => OrganizationKind::parse(value).map(|k| k.code().to_string()),
        Facet::Status => ConsultativeStatus::parse(value).map(|s| s.code().to_string()),
        Facet::Theme => {
            Slug::parse(value).filter(|s| known_themes.iter().any(|t| t == s.as_str())).map(|s| s.to_string())
        }
        Facet::Network => {
            Slug::parse(value).filter(|s| known_networks.iter().any(|n| n == s.as_str())).map(|s| s.to_string())
        }
    }
}
