//! Facet counts of a search. Each segment's facet values are read from their columns once, into bit-packed arrays
//! kept while the segment lives; a search then tallies every facet of a match with one read and an increment. Reading the columns for every match, as tantivy's facet collector does, was a third of a search's time
//! at a million organisations.

use std::collections::{BTreeMap, HashMap};
use std::io;
use std::sync::{Arc, Mutex};

use tantivy::collector::{Collector, SegmentCollector};
use tantivy::columnar::StrColumn;
use tantivy::index::SegmentId;
use tantivy::{DocId, Score, Searcher, SegmentOrdinal, SegmentReader};
use tantivy_bitpacker::{BitPacker, BitUnpacker};

use super::search::Facet;

/// Per facet, each value with the number of matches that bear it, the most frequent first.
pub type FacetValues = BTreeMap<Facet, Vec<(String, u64)>>;

/// The facet values of the segments searched lately, read once per segment.
#[derive(Default)]
pub struct FacetColumns {
    segments: Mutex<HashMap<SegmentId, Arc<SegmentFacets>>>,
}

impl FacetColumns {
    /// A collector counting `facets` over `searcher`'s segments. Segments no longer searched are forgotten.
    pub fn tally(&self, searcher: &Searcher, facets: Vec<Facet>) -> tantivy::Result<FacetTally> {
        let mut kept = self.segments.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        let mut segments = HashMap::new();
        for reader in searcher.segment_readers() {
            let id = reader.segment_id();
            let segment = match kept.get(&id) {
                Some(segment) => Arc::clone(segment),
                None => Arc::new(SegmentFacets::read(reader)?),
            };
            segments.insert(id, segment);
        }
        kept.clone_from(&segments);
        Ok(FacetTally { segments, facets })
    }
}

/// One segment's values of every facet it holds.
struct SegmentFacets {
    facets: Vec<(Facet, FacetOrds)>,
}

impl SegmentFacets {
    fn read(reader: &SegmentReader) -> tantivy::Result<SegmentFacets> {
        let mut facets = Vec::new();
        for facet in Facet::ALL {
            if let Some(column) = reader.fast_fields().str(facet.param())? {
                facets.push((facet, FacetOrds::read(&column, reader.max_doc())?));
            }
        }
        Ok(SegmentFacets { facets })
    }
}

/// A facet's values in one segment, as ordinals into `names`.
struct FacetOrds {
    names: Vec<String>,
    per_document: PerDocument,
}

/// Packed as tightly as the segment's values allow, so the values of the documents a search visits stay in the
/// processor's cache: the misses of wider arrays cost more than reading the columns did.
enum PerDocument {
    /// At most one value per document (a country, a kind, a status): its ordinal plus one, or 0 for none.
    One(Packed),
    /// Any of a few values per document (themes, networks): a bit per value.
    Few(Packed),
    /// Any of more values than a word holds bits: a document's values are `ords[starts[doc]..starts[doc + 1]]`.
    Many { starts: Vec<u32>, ords: Vec<u32> },
}

/// A number of `unpacker`'s width per document.
struct Packed {
    bytes: Vec<u8>,
    unpacker: BitUnpacker,
}

/// The most bits [`BitUnpacker`] reads at any position.
const WIDEST: u8 = 56;

impl Packed {
    fn new(max_doc: DocId, width: u8, value: impl Fn(DocId) -> u64) -> io::Result<Packed> {
        let mut bytes = Vec::with_capacity((max_doc as usize * width as usize).div_ceil(8) + 8);
        let mut packer = BitPacker::new();
        for doc in 0..max_doc {
            packer.write(value(doc), width, &mut bytes)?;
        }
        packer.close(&mut bytes)?;
        Ok(Packed { bytes, unpacker: BitUnpacker::new(width) })
    }

    fn get(&self, doc: DocId) -> u64 {
        self.unpacker.get(doc, &self.bytes)
    }
}

impl FacetOrds {
    fn read(column: &StrColumn, max_doc: DocId) -> tantivy::Result<FacetOrds> {
        let mut names = Vec::with_capacity(column.num_terms());
        let mut encoded = Vec::new();
        for ord in 0..column.num_terms() as u64 {
            encoded.clear();
            column.dictionary().ord_to_term(ord, &mut encoded)?;
            let facet = tantivy::schema::Facet::from_encoded(encoded.clone())
                .map_err(|e| tantivy::TantivyError::InternalError(format!("bad facet in the index: {e}")))?;
            names.push(facet.to_path().last().map(|value| value.to_string()).unwrap_or_default());
        }
        let ords = column.ords();
        let per_document = if !ords.get_cardinality().is_multivalue() {
            let width = (u64::BITS - (names.len() as u64).leading_zeros()) as u8;
            PerDocument::One(Packed::new(max_doc, width, |doc| ords.first(doc).map_or(0, |ord| ord + 1))?)
        } else if names.len() <= WIDEST as usize {
            let bits = |doc| ords.values_for_doc(doc).fold(0u64, |bits, ord| bits | 1 << ord);
            PerDocument::Few(Packed::new(max_doc, names.len() as u8, bits)?)
        } else {
            let (mut starts, mut values, mut of_document) = (Vec::with_capacity(max_doc as usize + 1), vec![], vec![]);
            for doc in 0..max_doc {
                starts.push(values.len() as u32);
                of_document.clear();
                of_document.extend(ords.values_for_doc(doc).map(|ord| ord as u32));
                of_document.sort_unstable();
                of_document.dedup();
                values.extend_from_slice(&of_document);
            }
            starts.push(values.len() as u32);
            PerDocument::Many { starts, ords: values }
        };
        Ok(FacetOrds { names, per_document })
    }

    fn count(&self, doc: DocId, counts: &mut [u64]) {
        match &self.per_document {
            PerDocument::One(packed) => {
                let ord_plus_one = packed.get(doc) as usize;
                if ord_plus_one > 0 {
                    counts[ord_plus_one - 1] += 1;
                }
            }
            PerDocument::Few(packed) => {
                let mut bits = packed.get(doc);
                while bits != 0 {
                    counts[bits.trailing_zeros() as usize] += 1;
                    bits &= bits - 1;
                }
            }
            PerDocument::Many { starts, ords } => {
                let (start, end) = (starts[doc as usize] as usize, starts[doc as usize + 1] as usize);
                for &ord in &ords[start..end] {
                    counts[ord as usize] += 1;
                }
            }
        }
    }
}

/// Counts the values of some facets over a search's matches.
pub struct FacetTally {
    segments: HashMap<SegmentId, Arc<SegmentFacets>>,
    facets: Vec<Facet>,
}

/// One segment's counts, by position in its [`SegmentFacets`], which names their values.
pub struct SegmentTally {
    segment: Arc<SegmentFacets>,
    counts: Vec<(usize, Vec<u64>)>,
}

impl Collector for FacetTally {
    type Fruit = FacetValues;
    type Child = SegmentTally;

    fn for_segment(&self, _: SegmentOrdinal, reader: &SegmentReader) -> tantivy::Result<SegmentTally> {
        let segment = match self.segments.get(&reader.segment_id()) {
            Some(segment) => Arc::clone(segment),
            None => Arc::new(SegmentFacets::read(reader)?),
        };
        let counts = segment
            .facets
            .iter()
            .enumerate()
            .filter(|(_, (facet, _))| self.facets.contains(facet))
            .map(|(position, (_, ords))| (position, vec![0; ords.names.len()]))
            .collect();
        Ok(SegmentTally { segment, counts })
    }

    fn requires_scoring(&self) -> bool {
        false
    }

    fn merge_fruits(&self, segments: Vec<SegmentTally>) -> tantivy::Result<FacetValues> {
        let mut merged: BTreeMap<Facet, HashMap<String, u64>> =
            self.facets.iter().map(|facet| (*facet, HashMap::new())).collect();
        for SegmentTally { segment, counts } in segments {
            for (position, counts) in counts {
                let (facet, FacetOrds { names, .. }) = &segment.facets[position];
                let values = merged.entry(*facet).or_default();
                for (name, count) in names.iter().zip(counts).filter(|(_, count)| *count > 0) {
                    *values.entry(name.clone()).or_default() += count;
                }
            }
        }
        Ok(merged
            .into_iter()
            .map(|(facet, values)| {
                let mut values: Vec<(String, u64)> = values.into_iter().collect();
                values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
                (facet, values)
            })
            .collect())
    }
}

impl SegmentCollector for SegmentTally {
    type Fruit = SegmentTally;

    fn collect(&mut self, doc: DocId, _: Score) {
        for (position, counts) in &mut self.counts {
            self.segment.facets[*position].1.count(doc, counts);
        }
    }

    fn harvest(self) -> SegmentTally {
        self
    }
}

#[cfg(test)]
mod tests {
    use tantivy::collector::FacetCollector;
    use tantivy::query::{AllQuery, Query, TermQuery};
    use tantivy::schema::{FacetOptions, IndexRecordOption, Schema};
    use tantivy::{Index, IndexWriter, TantivyDocument, Term};

    use super::*;

    /// An index of two segments, with deletions, whose facets take every shape [`PerDocument`] has: kinds and
    /// statuses one per document, statuses with more values than a byte holds, countries on some documents only,
    /// themes a few per document (one given twice), networks too many for a word.
    fn index() -> Index {
        let mut builder = Schema::builder();
        for facet in Facet::ALL {
            builder.add_facet_field(facet.param(), FacetOptions::default());
        }
        let index = Index::create_in_ram(builder.build());
        let field = |facet: Facet| index.schema().get_field(facet.param()).unwrap();
        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        for doc in 0..600u64 {
            let mut document = TantivyDocument::default();
            let mut add = |facet: Facet, value: String| {
                document.add_facet(field(facet), tantivy::schema::Facet::from_path([value]));
            };
            add(Facet::Kind, format!("kind-{}", doc % 4));
            add(Facet::Status, format!("status-{}", doc % 300));
            if doc % 3 != 0 {
                add(Facet::Country, format!("C{}", doc % 5));
            }
            for theme in [doc % 5, (doc / 5) % 5, doc % 5] {
                add(Facet::Theme, format!("theme-{theme}"));
            }
            for network in 0..doc % 4 {
                add(Facet::Network, format!("network-{}", (doc * 11 + network * 13) % 90));
            }
            writer.add_document(document).unwrap();
            if doc == 299 {
                writer.commit().unwrap();
            }
        }
        writer.delete_term(Term::from_facet(field(Facet::Kind), &tantivy::schema::Facet::from_path(["kind-3"])));
        writer.commit().unwrap();
        index
    }

    fn by_facet_collector(index: &Index, query: &dyn Query, facet: Facet) -> Vec<(String, u64)> {
        let mut collector = FacetCollector::for_field(facet.param());
        collector.add_facet("/");
        let counts = index.reader().unwrap().searcher().search(query, &collector).unwrap();
        let mut values: Vec<(String, u64)> =
            counts.get("/").map(|(value, count)| (value.to_path()[0].to_string(), count)).collect();
        values.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
        values
    }

    #[test]
    fn counts_every_shape_of_facet_as_tantivys_facet_collector_does() {
        let index = index();
        let searcher = index.reader().unwrap().searcher();
        assert_eq!(searcher.segment_readers().len(), 2);
        let kind_1 =
            Term::from_facet(index.schema().get_field("kind").unwrap(), &tantivy::schema::Facet::from_path(["kind-1"]));
        let queries: [Box<dyn Query>; 2] =
            [Box::new(AllQuery), Box::new(TermQuery::new(kind_1, IndexRecordOption::Basic))];
        let columns = FacetColumns::default();
        for query in &queries {
            let tally = columns.tally(&searcher, Facet::ALL.to_vec()).unwrap();
            let counted = searcher.search(query.as_ref(), &tally).unwrap();
            for facet in Facet::ALL {
                let expected = by_facet_collector(&index, query.as_ref(), facet);
                assert!(!expected.is_empty(), "{facet:?} has values");
                assert_eq!(counted[&facet], expected, "{facet:?}");
            }
        }
        let shapes: Vec<&str> = searcher
            .segment_readers()
            .iter()
            .flat_map(|reader| SegmentFacets::read(reader).unwrap().facets)
            .map(|(_, ords)| match ords.per_document {
                PerDocument::One(_) => "one",
                PerDocument::Few(_) => "few",
                PerDocument::Many { .. } => "many",
            })
            .collect();
        for shape in ["one", "few", "many"] {
            assert!(shapes.contains(&shape), "{shape} is tested");
        }
    }

    #[test]
    fn counts_only_the_facets_asked_for_and_forgets_segments_no_longer_searched() {
        let index = index();
        let columns = FacetColumns::default();
        let searcher = index.reader().unwrap().searcher();
        let counted = searcher.search(&AllQuery, &columns.tally(&searcher, vec![Facet::Theme]).unwrap()).unwrap();
        assert_eq!(counted.keys().collect::<Vec<_>>(), [&Facet::Theme]);
        assert_eq!(columns.segments.lock().unwrap().len(), 2);
        let distinct_themes_of_those_kept: u64 =
            (0..600u64).filter(|doc| doc % 4 != 3).map(|doc| if doc % 5 == (doc / 5) % 5 { 1 } else { 2 }).sum();
        assert_eq!(counted[&Facet::Theme].iter().map(|(_, count)| count).sum::<u64>(), distinct_themes_of_those_kept);

        let mut writer: IndexWriter = index.writer_with_num_threads(1, 15_000_000).unwrap();
        let segments = index.searchable_segment_ids().unwrap();
        writer.merge(&segments).wait().unwrap();
        let merged = index.reader().unwrap().searcher();
        columns.tally(&merged, vec![Facet::Theme]).unwrap();
        assert_eq!(columns.segments.lock().unwrap().len(), 1);
    }
}
