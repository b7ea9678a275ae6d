//! Following an outbox table by its sequence numbers.
//!
//! On PostgreSQL a sequence number is taken when a row is inserted but becomes
//! visible only when its transaction commits, so numbers can show up out of
//! order, and a rolled-back transaction leaves a hole forever. The cursor
//! therefore only moves its durable position past a hole once the hole has
//! been filled or has stayed empty longer than any transaction should take;
//! rows after a hole are applied at once all the same (applying is idempotent).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

/// How long a hole in the sequence may wait for its late transaction.
pub const GAP_PATIENCE: Duration = Duration::from_secs(30);

#[derive(Debug)]
pub struct OutboxCursor {
    position: i64,
    max_seen: i64,
    gaps: BTreeMap<i64, Instant>,
}

impl OutboxCursor {
    /// A cursor that has applied every row up to and including `position`.
    pub fn at(position: i64) -> OutboxCursor {
        OutboxCursor { position, max_seen: position, gaps: BTreeMap::new() }
    }

    /// Every row up to here is applied; rows after it are to be read.
    pub fn position(&self) -> i64 {
        self.position
    }

    /// Takes the sequence numbers read after [`Self::position`], ascending, and
    /// says for each whether it still has to be applied.
    pub fn accept(&mut self, seqs: &[i64], now: Instant) -> Vec<bool> {
        let apply = seqs
            .iter()
            .map(|&seq| {
                if seq > self.max_seen {
                    for missing in self.max_seen + 1..seq {
                        self.gaps.insert(missing, now);
                    }
                    self.max_seen = seq;
                    true
                } else {
                    self.gaps.remove(&seq).is_some()
                }
            })
            .collect();
        self.gaps.retain(|_, since| now.duration_since(*since) < GAP_PATIENCE);
        self.position = match self.gaps.keys().next() {
            Some(first_gap) => first_gap - 1,
            None => self.max_seen,
        };
        apply
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_along_a_contiguous_sequence() {
        let mut cursor = OutboxCursor::at(0);
        assert_eq!(cursor.accept(&[1, 2, 3], Instant::now()), vec![true, true, true]);
        assert_eq!(cursor.position(), 3);
    }

    #[test]
    fn holds_its_position_before_a_hole_until_it_fills() {
        let start = Instant::now();
        let mut cursor = OutboxCursor::at(0);
        assert_eq!(cursor.accept(&[1, 3], start), vec![true, true]);
        assert_eq!(cursor.position(), 1, "2 may still commit");
        // The late row arrives: only it is applied again, and the position moves on.
        assert_eq!(cursor.accept(&[2, 3], start), vec![true, false]);
        assert_eq!(cursor.position(), 3);
    }

    #[test]
    fn gives_up_on_a_hole_after_the_patience() {
        let start = Instant::now();
        let mut cursor = OutboxCursor::at(10);
        cursor.accept(&[13], start);
        assert_eq!(cursor.position(), 10);
        cursor.accept(&[13], start + GAP_PATIENCE + Duration::from_millis(1));
        assert_eq!(cursor.position(), 13);
    }

    #[test]
    fn reading_the_same_rows_again_applies_nothing() {
        let now = Instant::now();
        let mut cursor = OutboxCursor::at(0);
        cursor.accept(&[1, 2], now);
        assert_eq!(cursor.accept(&[], now), Vec::<bool>::new());
        assert_eq!(cursor.position(), 2);
    }
}
