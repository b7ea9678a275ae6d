//! Full-text search plumbing: one tantivy index directory per instance, kept
//! current by following an outbox table, rebuilt when missing or stale.
//!
//! What goes into a document and how it is queried belongs to the capability
//! that owns the index; this module knows only text, indexes and sequences.

pub mod fold;
pub mod outbox;

use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::Context;
use serde::{Deserialize, Serialize};
use tantivy::tokenizer::{LowerCaser, RemoveLongFilter, SimpleTokenizer, TextAnalyzer, TokenStream};
use tantivy::{Index, IndexReader, IndexWriter, ReloadPolicy, TantivyDocument, Term};

/// The analyzer of folded text fields; text must pass through [`fold::fold`]
/// before it reaches the index or a query.
pub const FOLDED: &str = "folded";

fn folded_analyzer() -> TextAnalyzer {
    TextAnalyzer::builder(SimpleTokenizer::default()).filter(RemoveLongFilter::limit(64)).filter(LowerCaser).build()
}

/// The terms a query's words become, in order, after folding.
pub fn folded_terms(text: &str) -> Vec<String> {
    let folded = fold::fold(text);
    let mut analyzer = folded_analyzer();
    let mut stream = analyzer.token_stream(&folded);
    let mut terms = Vec::new();
    while stream.advance() {
        terms.push(stream.token().text.clone());
    }
    terms
}

/// A folded query word as it would read had it been typed on a keyboard without Azerbaijani letters: ə typed
/// as e ("edalet", "Lenkeran", Russian "Эдалет") where folding reads ə as a, and ç typed as c, which folding
/// reads as j ("Xacmaz" for "Xaçmaz"). Short words are left alone, where the vowels would make too many others
/// meet. A search tries these beside the word as typed, ranked below it.
pub fn keyboard_readings(term: &str) -> Vec<String> {
    if term.chars().count() < 4 {
        return Vec::new();
    }
    let schwa = term.replace('e', "a");
    let cedilla = term.replace('j', "ch");
    let both = schwa.replace('j', "ch");
    let mut readings = Vec::new();
    for reading in [schwa, cedilla, both] {
        if reading != term && !readings.contains(&reading) {
            readings.push(reading);
        }
    }
    readings
}

/// What an index was built from, written into each commit: an index built by
/// another schema version or from another database is rebuilt.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub schema_version: u32,
    pub database_id: String,
    /// The outbox position up to which every change is in the index.
    pub outbox_seq: i64,
}

pub struct SearchIndex {
    pub index: Index,
    pub reader: IndexReader,
    writer: Mutex<IndexWriter>,
    dir: PathBuf,
}

/// The writer's memory budget; small, since documents are small and the
/// machine may be too.
const WRITER_MEMORY: usize = 64 * 1024 * 1024;

impl SearchIndex {
    /// Opens the index in `dir`, or creates it empty when it is missing,
    /// unreadable, of another schema or from another database. Returns the
    /// stamp of the last commit when the index can be reused as it is.
    pub fn open(
        dir: &Path,
        schema: tantivy::schema::Schema,
        schema_version: u32,
        database_id: &str,
    ) -> anyhow::Result<(SearchIndex, Option<Stamp>)> {
        let reusable = Self::reusable_stamp(dir, schema_version, database_id);
        if reusable.is_none() && dir.exists() {
            std::fs::remove_dir_all(dir)
                .with_context(|| format!("cannot clear the stale search index at {}", dir.display()))?;
        }
        std::fs::create_dir_all(dir)
            .with_context(|| format!("cannot create the search index folder {}", dir.display()))?;
        let index = if reusable.is_some() { Index::open_in_dir(dir)? } else { Index::create_in_dir(dir, schema)? };
        index.tokenizers().register(FOLDED, folded_analyzer());
        let writer = index.writer_with_num_threads(1, WRITER_MEMORY).with_context(|| {
            format!(
                "cannot lock the search index at {} (is another instance using the same data folder?)",
                dir.display()
            )
        })?;
        let reader = index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into()?;
        let search_index = SearchIndex { index, reader, writer: Mutex::new(writer), dir: dir.to_path_buf() };
        Ok((search_index, reusable))
    }

    fn reusable_stamp(dir: &Path, schema_version: u32, database_id: &str) -> Option<Stamp> {
        let index = Index::open_in_dir(dir).ok()?;
        let payload = index.load_metas().ok()?.payload?;
        let stamp: Stamp = serde_json::from_str(&payload).ok()?;
        if stamp.schema_version != schema_version || stamp.database_id != database_id {
            return None;
        }
        // A segment file missing or damaged (a disk fault, a copy cut short) would fail searches or stop the
        // server later: such an index is rebuilt from the database like a missing one. Reading every file
        // costs a moment at start, in proportion to the index's size.
        let intact = index.validate_checksum().is_ok_and(|damaged| damaged.is_empty())
            && index.reader_builder().reload_policy(ReloadPolicy::Manual).try_into().is_ok();
        if !intact {
            tracing::warn!(dir = %dir.display(), "the search index is damaged; rebuilding it");
        }
        intact.then_some(stamp)
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Replaces (or removes, when `document` is None) the document whose
    /// `key` term is given, then does nothing visible until [`Self::commit`].
    pub fn upsert(&self, key: Term, document: Option<TantivyDocument>) -> anyhow::Result<()> {
        let writer = self.writer.lock().map_err(|_| anyhow::anyhow!("search writer poisoned"))?;
        writer.delete_term(key);
        if let Some(document) = document {
            writer.add_document(document)?;
        }
        Ok(())
    }

    /// Adds a document known not to be in the index, as in a rebuild after [`Self::clear`]. No deletion is queued
    /// for it: tantivy's delete queue keeps a query weight of about a kilobyte for each, which at 100,000
    /// organisations held 118 MB after a rebuild.
    pub fn add(&self, document: TantivyDocument) -> anyhow::Result<()> {
        let writer = self.writer.lock().map_err(|_| anyhow::anyhow!("search writer poisoned"))?;
        writer.add_document(document)?;
        Ok(())
    }

    /// Removes every document, for a rebuild.
    pub fn clear(&self) -> anyhow::Result<()> {
        let writer = self.writer.lock().map_err(|_| anyhow::anyhow!("search writer poisoned"))?;
        writer.delete_all_documents()?;
        Ok(())
    }

    /// Makes the changes so far durable and visible, recording `stamp`.
    pub fn commit(&self, stamp: &Stamp) -> anyhow::Result<()> {
        {
            let mut writer = self.writer.lock().map_err(|_| anyhow::anyhow!("search writer poisoned"))?;
            let mut prepared = writer.prepare_commit()?;
            prepared.set_payload(&serde_json::to_string(stamp)?);
            prepared.commit()?;
        }
        self.reader.reload()?;
        Ok(())
    }
}

/// Gives the memory a large indexing run freed back to the system: glibc keeps freed memory in its arenas, so the
/// peak of a rebuild would otherwise stay resident for the life of the process.
pub fn return_freed_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: malloc_trim only releases pages that the allocator holds free; no live allocation is touched.
    unsafe {
        libc::malloc_trim(0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn query_words_fold_into_terms() {
        assert_eq!(folded_terms("Бута, Qasımov!"), vec!["buta", "gasimov"]);
        assert!(folded_terms("  ,, ").is_empty());
    }
}
