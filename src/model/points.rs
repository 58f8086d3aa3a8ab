//! The rows of a user's point file, stored by column.
//!
//! A conflict-event database has a million rows. As full [`Event`] and
//! [`Place`] records they cost more than a kilobyte each (ids, titles, a
//! date with its text, provenance); here a row costs the few numbers that
//! drawing and the time index read every frame (position, time span, kind,
//! people) plus its place in the file. When one row is needed in full (the
//! details panel, a tooltip, a search hit) it is read again from the file's
//! text by the loader that read it the first time, so it says exactly what
//! the file says.
use std::fmt;
use std::sync::Arc;

use super::span::TimeSpan;
use super::{Event, EventKind, Place};

/// Reads one row of a point file again, in full.
pub trait RowSource: Send + Sync {
    /// Row `n` (0-based, in table order) as an event and its place.
    fn row(&self, n: usize) -> Option<(Event, Place)>;

    /// Rows (in file order, at most `limit`) whose text may hold `needle`
    /// (lower case); the caller checks each in full.
    fn candidates(&self, needle: &str, limit: usize) -> Vec<usize>;
}

/// The columns of a point file: row `n` is event `n` of the table.
#[derive(Clone, Default)]
pub struct PointTable {
    /// Each row's point on the Web Mercator world square (`geo::world_xy`),
    /// projected once while the file is read.
    pub world: Vec<[f64; 2]>,
    pub span: Vec<TimeSpan>,
    pub kind: Vec<EventKind>,
    /// The number of people of the row (the lower bound of its size).
    pub people: Vec<Option<u32>>,
    /// Each row's id hash (high 32 bits) and row number (low 32), sorted:
    /// finds a row by id. A 32-bit hash keeps the sort to two passes; rows
    /// whose hashes collide are told apart by reading their ids.
    ids: Vec<u64>,
    /// Where rows are read again: (first row, source) in row order; one
    /// per file (a layer added later brings its own).
    sources: Vec<(usize, Arc<dyn RowSource>)>,
}

impl fmt::Debug for PointTable {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("PointTable").field("rows", &self.len()).finish()
    }
}

/// FNV-1a's starting value (32 bits).
pub const FNV_START: u32 = 0x811c_9dc5;

/// One byte into an FNV-1a hash: the fast CSV reader hashes an id while it
/// scans the cell for its end, [`id_hash`] a whole id; both through this.
#[inline(always)]
pub fn fnv_step(h: u32, byte: u8) -> u32 {
    (h ^ u32::from(byte)).wrapping_mul(0x0100_0193)
}

/// The hash of a row id (FNV-1a: ids are short, and this runs a million times).
pub fn id_hash(id: &str) -> u32 {
    let mut h = FNV_START;
    for &b in id.as_bytes() {
        h = fnv_step(h, b);
    }
    h
}

/// The place id given to point row `n` (its gazetteer has no id for it).
pub fn place_id(n: usize) -> String {
    format!("pt{}", n + 1)
}

/// The point row a place id of [`place_id`] names.
pub fn row_of_place_id(id: &str) -> Option<usize> {
    let n: usize = id.strip_prefix("pt")?.parse().ok()?;
    n.checked_sub(1)
}

/// `hash << 32 | row` for every row, sorted (by hash, then row).
fn sorted_ids(hashes: &[u32]) -> Vec<u64> {
    sorted_ids_of(
        (hashes.iter().zip(0u32..))
            .map(|(&h, i)| (u64::from(h) << 32) | u64::from(i))
            .collect(),
    )
}

/// `hash << 32 | row` entries, given in row order, sorted by hash then row
/// (the rows are in order already, and the sort is stable).
pub fn sorted_ids_of(mut v: Vec<u64>) -> Vec<u64> {
    super::sort::radix_sort_by_key(&mut v, &mut Vec::new(), |&x| hash_of(x));
    v
}

fn hash_of(x: u64) -> u32 {
    (x >> 32) as u32
}

fn row_of(x: u64) -> usize {
    (x & 0xFFFF_FFFF) as usize
}

impl PointTable {
    /// A table of the given columns (all the same length) whose rows are
    /// read again in full from `source`; `id_hashes[n]` is [`id_hash`] of
    /// row `n`'s id.
    pub fn new(
        world: Vec<[f64; 2]>,
        span: Vec<TimeSpan>,
        kind: Vec<EventKind>,
        people: Vec<Option<u32>>,
        id_hashes: &[u32],
        source: Arc<dyn RowSource>,
    ) -> Self {
        let n = world.len();
        debug_assert!(
            [span.len(), kind.len(), people.len(), id_hashes.len()]
                .iter()
                .all(|&m| m == n)
        );
        Self::with_ids(world, span, kind, people, sorted_ids(id_hashes), source)
    }

    /// [`PointTable::new`] with the id index already made by [`sorted_ids_of`].
    pub fn with_ids(
        world: Vec<[f64; 2]>,
        span: Vec<TimeSpan>,
        kind: Vec<EventKind>,
        people: Vec<Option<u32>>,
        ids: Vec<u64>,
        source: Arc<dyn RowSource>,
    ) -> Self {
        debug_assert_eq!(ids.len(), world.len());
        PointTable {
            world,
            span,
            kind,
            people,
            ids,
            sources: vec![(0, source)],
        }
    }

    pub fn len(&self) -> usize {
        self.world.len()
    }

    pub fn is_empty(&self) -> bool {
        self.world.is_empty()
    }

    /// Row `n` in full, read again from its file.
    pub fn row(&self, n: usize) -> Option<(Event, Place)> {
        if n >= self.len() {
            return None;
        }
        let (first, source) = self.source_of(n)?;
        let (mut event, mut place) = source.row(n - first)?;
        // The place is named by the row's number in this table.
        place.id = place_id(n);
        event.places = vec![place.id.clone()];
        Some((event, place))
    }

    fn source_of(&self, n: usize) -> Option<(usize, &Arc<dyn RowSource>)> {
        let k = self
            .sources
            .partition_point(|(first, _)| *first <= n)
            .checked_sub(1)?;
        self.sources.get(k).map(|(first, s)| (*first, s))
    }

    /// Adds the rows of another table after these (a layer).
    pub fn append(&mut self, other: PointTable) {
        let base = self.len();
        self.world.extend(other.world);
        self.span.extend(other.span);
        self.kind.extend(other.kind);
        self.people.extend(other.people);
        self.ids.extend(other.ids.iter().map(|&x| x + base as u64));
        self.ids.sort_unstable();
        self.sources
            .extend(other.sources.into_iter().map(|(first, s)| (first + base, s)));
    }

    /// The row whose id is `id` (the first in the file when several are).
    pub fn find(&self, id: &str) -> Option<usize> {
        let h = id_hash(id);
        let from = self.ids.partition_point(|&x| hash_of(x) < h);
        (self.ids[from..].iter())
            .take_while(|&&x| hash_of(x) == h)
            .filter_map(|&x| {
                let n = row_of(x);
                self.row(n)
                    .filter(|(e, _)| e.id == id)
                    .map(|(e, _)| (e.origin.line, n))
            })
            .min()
            .map(|(_, n)| n)
    }

    /// Rows (at most `limit`, in file order) whose id or title holds
    /// `query`, ignoring case.
    pub fn search(&self, query: &str, limit: usize) -> Vec<usize> {
        let q = query.trim().to_lowercase();
        if q.is_empty() {
            return Vec::new();
        }
        let mut out = Vec::new();
        for (first, source) in &self.sources {
            let mut from = 0;
            // Candidates come in batches: a row's text may match in a cell
            // that is neither id nor title (a date, a note).
            while out.len() < limit {
                let batch = source.candidates(&q, from + 4 * limit);
                let more = batch.len() == from + 4 * limit;
                for &n in batch.get(from..).unwrap_or(&[]) {
                    let hit = self.row(first + n).is_some_and(|(e, _)| {
                        e.id.to_lowercase().contains(&q) || e.title_en.to_lowercase().contains(&q)
                    });
                    if hit && out.len() < limit {
                        out.push(first + n);
                    }
                }
                if !more {
                    break;
                }
                from = batch.len();
            }
        }
        out
    }

    /// Pairs of rows with the same id: (later row, first row with that id
    /// in the file).
    pub fn duplicate_ids(&self) -> Vec<(usize, usize)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < self.ids.len() {
            let h = hash_of(self.ids[i]);
            let mut j = i + 1;
            while j < self.ids.len() && hash_of(self.ids[j]) == h {
                j += 1;
            }
            if j - i > 1 {
                // Same hash: compare the ids themselves, in file order
                // (rows need not be in file order).
                let mut rows: Vec<(u32, usize, String)> = (self.ids[i..j].iter())
                    .filter_map(|&x| self.row(row_of(x)).map(|(e, _)| (e.origin.line, row_of(x), e.id)))
                    .collect();
                rows.sort_unstable();
                let rows: Vec<(usize, String)> = rows.into_iter().map(|(_, n, id)| (n, id)).collect();
                for (k, (n, id)) in rows.iter().enumerate() {
                    if let Some((first, _)) = rows[..k].iter().find(|(_, other)| other == id) {
                        out.push((*n, *first));
                    }
                }
            }
            i = j;
        }
        out.sort_unstable();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn place_ids_name_their_row() {
        assert_eq!(place_id(0), "pt1");
        assert_eq!(row_of_place_id("pt1"), Some(0));
        assert_eq!(row_of_place_id("pt0"), None);
        assert_eq!(row_of_place_id("taiyuan"), None);
        assert_eq!(row_of_place_id("ptx"), None);
    }

    #[test]
    fn ids_are_sorted_by_hash_then_row() {
        let mut h = 1u64;
        let hashes: Vec<u32> = (0..10_000)
            .map(|i| {
                h = h
                    .wrapping_mul(6_364_136_223_846_793_005)
                    .wrapping_add(1_442_695_040_888_963_407);
                // Every fifth row repeats an earlier hash.
                (if i % 5 == 4 { h >> 60 } else { h >> 32 }) as u32
            })
            .collect();
        let mut want: Vec<u64> = (hashes.iter().zip(0u32..))
            .map(|(&h, i)| (u64::from(h) << 32) | u64::from(i))
            .collect();
        want.sort_unstable();
        assert_eq!(sorted_ids(&hashes), want);
    }
}
