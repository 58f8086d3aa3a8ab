//! Rows put in order of their start (a counting sort by day, or a radix
//! sort for days too far apart), each column moved straight to its place,
//! and the pieces' id lists renumbered and merged into one sorted index.
use super::columns::Columns;
use crate::model::date::Day;
use crate::model::event::EventKind;
use crate::time::index::TimeSpan;

/// Rows of one stretch of a file, in file order.
pub(super) struct Rows {
    pub cols: Columns,
    /// What to add to the rows' `line` to make it the line in the file.
    pub line_add: u32,
    /// The rows' sorted `hash << 32 | row` ([`local_ids`]), or empty when
    /// not made yet.
    pub ids: Vec<u64>,
    /// The rows' starts counted by day, or `None` when not made yet.
    pub days: Option<DayCounts>,
}

/// Every row of the pieces, in order of its earliest start (ties in file
/// order), with `line` made absolute and the id index sorted.
pub(super) struct Ordered {
    pub world: Vec<[f64; 2]>,
    pub span: Vec<TimeSpan>,
    pub kind: Vec<crate::model::event::EventKind>,
    pub people: Vec<Option<u32>>,
    pub ids: Vec<u64>,
    pub line: Vec<u32>,
    pub offset: Vec<u32>,
}

/// How many rows start on each day from `first` (by [`start_key`]), when
/// the days span a short range (as history's do).
pub(super) struct DayCounts {
    first: crate::model::date::Day,
    counts: Vec<u32>,
}

impl DayCounts {
    /// `None` when the range is too long to count day by day.
    pub(super) fn of(spans: &[TimeSpan]) -> Option<DayCounts> {
        let (lo, hi) =
            (spans.iter().map(start_key)).fold((i32::MAX, i32::MIN), |(lo, hi), k| (lo.min(k), hi.max(k)));
        if spans.is_empty() {
            return Some(DayCounts {
                first: 0,
                counts: Vec::new(),
            });
        }
        if i64::from(hi) - i64::from(lo) >= 1 << 20 {
            return None;
        }
        let mut counts = vec![0u32; (hi - lo) as usize + 1];
        for s in spans {
            counts[(start_key(s) - lo) as usize] += 1;
        }
        Some(DayCounts { first: lo, counts })
    }

    fn last(&self) -> crate::model::date::Day {
        self.first + self.counts.len() as i32 - 1
    }
}

/// `hash << 32 | row` for the rows of one piece, sorted.
pub(super) fn local_ids(hashes: &[u32]) -> Vec<u64> {
    crate::model::points::sorted_ids_of(
        (hashes.iter().zip(0u64..))
            .map(|(&h, i)| (u64::from(h) << 32) | i)
            .collect(),
    )
}

/// The key rows are kept in: their earliest day.
fn start_key(s: &TimeSpan) -> crate::model::date::Day {
    s.earliest_start.min(s.latest_end)
}

/// Puts the pieces' rows in order of their start: the events shown at a
/// date then sit together in every per-event array, so a frame that draws
/// tens of thousands of them reads memory in sequence. A counting sort by
/// day when the days span a short range (as history's do), else a radix
/// sort; then each column is moved straight to its place, the columns
/// shared between two threads. The pieces' id lists, already sorted by
/// hash, are renumbered and merged.
pub(super) fn order_by_start(mut pieces: Vec<Rows>) -> Ordered {
    for p in &mut pieces {
        if p.ids.len() != p.cols.len() {
            p.ids = local_ids(&p.cols.hash);
        }
        if p.days.is_none() {
            p.days = DayCounts::of(&p.cols.span);
        }
    }
    let n: usize = pieces.iter().map(|p| p.cols.len()).sum();
    let places = places_in_start_order(&pieces, n);
    // Each half moves its columns in one pass over the rows.
    let first_half = || move_columns(&pieces, &places, n);
    let second_half = || move_lines_and_ids(&pieces, &places, n);
    let ((world, span, kind, people), (ids, line, offset)) = if n > 50_000 {
        std::thread::scope(|scope| {
            let other = scope.spawn(second_half);
            let mine = first_half();
            (mine, other.join().unwrap_or_else(|_| second_half()))
        })
    } else {
        (first_half(), second_half())
    };
    Ordered {
        world,
        span,
        kind,
        people,
        ids,
        line,
        offset,
    }
}

/// Where each piece's rows go in start order: counted by day when every
/// piece's days were counted and the tables are small enough, else sorted.
fn places_in_start_order(pieces: &[Rows], n: usize) -> Places {
    let counted: Vec<&DayCounts> = pieces.iter().filter_map(|p| p.days.as_ref()).collect();
    let (lo, hi) = (counted.iter().filter(|d| !d.counts.is_empty()))
        .fold((i32::MAX, i32::MIN), |(lo, hi), d| {
            (lo.min(d.first), hi.max(d.last()))
        });
    let range = (i64::from(hi) - i64::from(lo) + 1).max(0) as usize;
    if counted.len() == pieces.len() && range * pieces.len() <= 1 << 24 {
        counted_places(&counted, lo, range)
    } else {
        sorted_places(pieces, n)
    }
}

/// Where each piece's rows of each day go: the rows of earlier days, then
/// those of the day in earlier pieces. One table per piece, so that each
/// thread finds the rows' places as it goes.
fn counted_places(counted: &[&DayCounts], lo: Day, range: usize) -> Places {
    let mut total = vec![0u32; range + 1];
    for d in counted.iter().filter(|d| !d.counts.is_empty()) {
        let at = (d.first - lo) as usize;
        for (t, &c) in total[at + 1..].iter_mut().zip(&d.counts) {
            *t += c;
        }
    }
    for i in 1..total.len() {
        total[i] += total[i - 1];
    }
    let mut tables = Vec::with_capacity(counted.len());
    for d in counted {
        tables.push(total[..range].to_vec());
        if d.counts.is_empty() {
            continue;
        }
        let at = (d.first - lo) as usize;
        for (t, &c) in total[at..].iter_mut().zip(&d.counts) {
            *t += c;
        }
    }
    Places::Counted { first: lo, tables }
}

/// Each row's place from a sort of all the rows by their start.
fn sorted_places(pieces: &[Rows], n: usize) -> Places {
    let keys = || pieces.iter().flat_map(|p| p.cols.span.iter().map(start_key));
    let order = crate::time::index::argsort_days(KeysOf(keys(), n));
    let mut place = vec![0u32; n];
    for (to, &from) in order.iter().enumerate() {
        place[from as usize] = to as u32;
    }
    let mut at = 0;
    Places::Given(
        (pieces.iter())
            .map(|p| {
                let d = place[at..at + p.cols.len()].to_vec();
                at += p.cols.len();
                d
            })
            .collect(),
    )
}

/// The columns drawn from, moved to the rows' places: position, span, kind
/// and people.
type Drawn = (Vec<[f64; 2]>, Vec<TimeSpan>, Vec<EventKind>, Vec<Option<u32>>);

/// Position, span, kind and people moved to the rows' places.
fn move_columns(pieces: &[Rows], places: &Places, n: usize) -> Drawn {
    let mut world = vec![[0.0f64; 2]; n];
    let mut span = vec![TimeSpan::exact(0, 0); n];
    let mut kind = vec![EventKind::Other; n];
    let mut people: Vec<Option<u32>> = vec![None; n];
    for (k, p) in pieces.iter().enumerate() {
        let c = &p.cols;
        let rows = c.world.iter().zip(&c.span).zip(&c.kind).zip(&c.people);
        for ((((&w, &s), &k), &n), to) in rows.zip(places.of(k, &c.span)) {
            let to = to as usize;
            world[to] = w;
            span[to] = s;
            kind[to] = k;
            people[to] = n;
        }
    }
    (world, span, kind, people)
}

/// Lines (made absolute) and offsets moved to the rows' places, and the
/// merged id index.
fn move_lines_and_ids(pieces: &[Rows], places: &Places, n: usize) -> (Vec<u64>, Vec<u32>, Vec<u32>) {
    let mut line = vec![0u32; n];
    let mut offset = vec![0u32; n];
    let mut dest: Vec<Vec<u32>> = Vec::with_capacity(pieces.len());
    for (k, p) in pieces.iter().enumerate() {
        let mut d = Vec::with_capacity(p.cols.len());
        let rows = p.cols.line.iter().zip(&p.cols.offset);
        for ((&l, &o), to) in rows.zip(places.of(k, &p.cols.span)) {
            line[to as usize] = l + p.line_add;
            offset[to as usize] = o;
            d.push(to);
        }
        dest.push(d);
    }
    // Each piece's ids renumbered to the rows' places as they are
    // merged (in order of hash).
    let ids = merge_ids(
        pieces
            .iter()
            .zip(&dest)
            .map(|(p, d)| (p.ids.as_slice(), d.as_slice()))
            .collect(),
    );
    (ids, line, offset)
}

/// Lists of `hash << 32 | row` of the pieces, each in order of hash, with
/// each piece's rows' places: one list of `hash << 32 | place`, in order of
/// hash then place. Each list is renumbered, then the two shortest are
/// merged until one is left (the lines between parts are lists of one);
/// each run of one hash (rare: 32-bit hashes of distinct ids) is then put
/// in order of place.
pub(super) fn merge_ids(lists: Vec<(&[u64], &[u32])>) -> Vec<u64> {
    let total = lists.iter().map(|(l, _)| l.len()).sum();
    // The lines between parts (lists of one) go in at the end.
    let (small, big): (Vec<_>, Vec<_>) = lists.into_iter().partition(|(l, _)| l.len() < 64);
    let mut lines: Vec<u64> = small.into_iter().flat_map(renumbered).collect();
    lines.sort_unstable_by_key(|&x| hash(x));
    let mut ids = match big.len() {
        0 => Vec::with_capacity(total),
        // Two parts (two cores): merged while renumbered.
        2 => merge_two(big[0], big[1], total),
        // Otherwise the two shortest, until one is left.
        _ => merge_shortest_first(big.into_iter().map(|l| renumbered(l).collect()).collect()),
    };
    merge_lines(&mut ids, &lines);
    order_runs_by_place(&mut ids);
    ids
}

/// The hash of `hash << 32 | row`.
fn hash(x: u64) -> u64 {
    x >> 32
}

/// A piece's `hash << 32 | row` as `hash << 32 | place`.
fn renumbered<'a>((l, d): (&'a [u64], &'a [u32])) -> impl Iterator<Item = u64> + 'a {
    (l.iter()).map(move |&x| (x & !0xFFFF_FFFF) | u64::from(d[(x & 0xFFFF_FFFF) as usize]))
}

/// Two pieces' lists merged by hash while they are renumbered.
fn merge_two(a: (&[u64], &[u32]), b: (&[u64], &[u32]), total: usize) -> Vec<u64> {
    let mut out = Vec::with_capacity(total);
    let (mut a, mut b) = (renumbered(a).peekable(), renumbered(b).peekable());
    while let (Some(&x), Some(&y)) = (a.peek(), b.peek()) {
        if hash(y) < hash(x) {
            out.push(y);
            b.next();
        } else {
            out.push(x);
            a.next();
        }
    }
    out.extend(a);
    out.extend(b);
    out
}

/// Lists merged by hash, the two shortest first, until one is left.
fn merge_shortest_first(mut lists: Vec<Vec<u64>>) -> Vec<u64> {
    while lists.len() > 1 {
        lists.sort_unstable_by_key(|l| std::cmp::Reverse(l.len()));
        let (Some(a), Some(b)) = (lists.pop(), lists.pop()) else {
            break;
        };
        let mut out = Vec::with_capacity(a.len() + b.len());
        let (mut i, mut j) = (0, 0);
        while i < a.len() && j < b.len() {
            let take_b = hash(b[j]) < hash(a[i]);
            out.push(if take_b { b[j] } else { a[i] });
            j += usize::from(take_b);
            i += usize::from(!take_b);
        }
        out.extend_from_slice(&a[i..]);
        out.extend_from_slice(&b[j..]);
        lists.push(out);
    }
    lists.pop().unwrap_or_default()
}

/// The lines (sorted by hash) merged into `ids` from the back, in place.
fn merge_lines(ids: &mut Vec<u64>, lines: &[u64]) {
    let (mut i, mut j) = (ids.len(), lines.len());
    ids.resize(ids.len() + lines.len(), 0);
    let mut k = ids.len();
    while j > 0 {
        k -= 1;
        if i > 0 && hash(ids[i - 1]) > hash(lines[j - 1]) {
            ids[k] = ids[i - 1];
            i -= 1;
        } else {
            ids[k] = lines[j - 1];
            j -= 1;
        }
    }
}

/// Runs of one hash put in order of place.
fn order_runs_by_place(ids: &mut [u64]) {
    let mut i = 0;
    while i < ids.len() {
        let mut j = i + 1;
        while j < ids.len() && hash(ids[j]) == hash(ids[i]) {
            j += 1;
        }
        if j - i > 1 {
            ids[i..j].sort_unstable();
        }
        i = j;
    }
}

/// Where each piece's rows go in start order.
enum Places {
    /// By day: `tables[k][d - first]` is where piece `k`'s first row of day
    /// `d` goes (the rest of that day's rows follow it).
    Counted {
        first: crate::model::date::Day,
        tables: Vec<Vec<u32>>,
    },
    /// Row by row.
    Given(Vec<Vec<u32>>),
}

impl Places {
    /// The places of piece `k`'s rows, whose spans are `spans`.
    fn of<'a>(&'a self, k: usize, spans: &'a [TimeSpan]) -> PlaceIter<'a> {
        match self {
            Places::Counted { first, tables } => PlaceIter::Counted {
                next: tables[k].clone(),
                first: *first,
                spans: spans.iter(),
            },
            Places::Given(dest) => PlaceIter::Given(dest[k].iter()),
        }
    }
}

/// [`Places::of`].
enum PlaceIter<'a> {
    Counted {
        next: Vec<u32>,
        first: crate::model::date::Day,
        spans: std::slice::Iter<'a, TimeSpan>,
    },
    Given(std::slice::Iter<'a, u32>),
}

impl Iterator for PlaceIter<'_> {
    type Item = u32;

    #[inline]
    fn next(&mut self) -> Option<u32> {
        match self {
            PlaceIter::Counted { next, first, spans } => {
                let s = spans.next()?;
                let slot = next.get_mut((start_key(s) - *first) as usize)?;
                *slot += 1;
                Some(*slot - 1)
            }
            PlaceIter::Given(dest) => dest.next().copied(),
        }
    }
}

/// An iterator with its length, for [`crate::time::index::argsort_days`].
struct KeysOf<I>(I, usize);

impl<I: Iterator<Item = crate::model::date::Day>> Iterator for KeysOf<I> {
    type Item = crate::model::date::Day;
    fn next(&mut self) -> Option<Self::Item> {
        self.0.next()
    }
    fn size_hint(&self) -> (usize, Option<usize>) {
        (self.1, Some(self.1))
    }
}

impl<I: Iterator<Item = crate::model::date::Day>> ExactSizeIterator for KeysOf<I> {}
