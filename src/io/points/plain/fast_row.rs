//! The fast path of the plain reader: a row whose cells are all in the plain
//! forms read straight from its bytes, each value made as its cell is scanned.
use crate::io::points::cells::{iso_day_bytes, plain_decimal};
use crate::io::points::point_row::RowCols;
use crate::io::points::schema::Schema;
use crate::model::date::Day;
use crate::model::event::EventKind;
use crate::model::points::{FNV_START, fnv_step};
use crate::time::index::TimeSpan;

/// What a column holds, for [`FastRow`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    Lon,
    Lat,
    Start,
    End,
    Id,
    Size,
    Kind,
    Other,
}

/// Reads a row whose cells are all plain ([`Schema::fast_row`]'s forms,
/// without spaces around them) straight from its bytes: each cell's value
/// is made while the cell is scanned, with no list of cells. Anything else
/// (a space, a quote, a bad date, a missing cell) gives `None`, and the row
/// is read by [`any_row`]; both give the same columns (tested).
///
/// [`any_row`]: super::lines::any_row
pub(super) struct FastRow {
    roles: Vec<Role>,
    delimiter: u8,
}

impl FastRow {
    /// `None` without an id column (rows are then named by their line).
    pub(super) fn new(schema: &Schema) -> Option<FastRow> {
        let mut roles = vec![Role::Other; schema.headers.len()];
        let given = [
            (Some(schema.lon), Role::Lon),
            (Some(schema.lat), Role::Lat),
            (Some(schema.start), Role::Start),
            (schema.end, Role::End),
            (Some(schema.id?), Role::Id),
            (schema.size, Role::Size),
            (schema.kind, Role::Kind),
        ];
        for (col, role) in given {
            let Some(c) = col else { continue };
            let slot = roles.get_mut(c)?;
            if *slot != Role::Other {
                return None;
            }
            *slot = role;
        }
        Some(FastRow {
            roles,
            delimiter: schema.delimiter,
        })
    }

    /// The row at byte `at`: its columns, where the next row starts, and
    /// whether it ended with a line end. Inlined into the line loop (its
    /// own module would otherwise keep it out of line: a call per row).
    #[inline]
    pub(super) fn read(&self, text: &str, at: usize, classes: &[u8; 256]) -> Option<(RowCols, usize, bool)> {
        let b = text.as_bytes();
        let delimiter = self.delimiter;
        let mut p = at;
        let mut cells = Cells {
            lon: f64::NAN,
            lat: f64::NAN,
            start: None,
            end: None,
            start_cell: &[],
            people: None,
            kind: EventKind::Other,
            hash: None,
        };
        let last = self.roles.len().checked_sub(1)?;
        for (c, &role) in self.roles.iter().enumerate() {
            // Each cell's value is made as it is read; `q` is where it ends.
            let q = self.cell(role, text, p, classes, &mut cells)?;
            if !cell_ends(b, q, delimiter) {
                return None;
            }
            p = q;
            if c == last {
                break;
            }
            if b.get(p) != Some(&delimiter) {
                return None;
            }
            p += 1;
        }
        let (next, ended) = match b.get(p) {
            None => (p, false),
            Some(b'\n') => (p + 1, true),
            Some(b'\r') if b.get(p + 1) == Some(&b'\n') => (p + 2, true),
            _ => return None,
        };
        let start = cells.start?;
        let end = cells.end.unwrap_or(start);
        if end < start {
            return None;
        }
        let (x, y) = crate::model::geo::world_xy(cells.lon, cells.lat);
        Some((
            RowCols {
                world: [x, y],
                span: TimeSpan::exact(start, end),
                kind: cells.kind,
                people: cells.people,
                hash: cells.hash?,
            },
            next,
            ended,
        ))
    }

    /// Reads the cell at byte `p` into `cells` as its column's role says;
    /// returns where the cell ends. Inlined: it is the inner loop of [`read`].
    ///
    /// [`read`]: FastRow::read
    #[inline(always)]
    fn cell<'t>(
        &self,
        role: Role,
        text: &'t str,
        p: usize,
        classes: &[u8; 256],
        cells: &mut Cells<'t>,
    ) -> Option<usize> {
        let b = text.as_bytes();
        let q = match role {
            Role::Lon => {
                let (x, q) = plain_decimal(b, p)?;
                cells.lon = Some(x).filter(|x| (-180.0..=180.0).contains(x))?;
                q
            }
            Role::Lat => {
                let (x, q) = plain_decimal(b, p)?;
                cells.lat = Some(x).filter(|x| (-90.0..=90.0).contains(x))?;
                q
            }
            Role::Start => {
                let cell = b.get(p..p + 10)?;
                cells.start = Some(iso_day_bytes(cell)?);
                cells.start_cell = cell;
                p + 10
            }
            Role::End if cell_ends(b, p, self.delimiter) => p,
            Role::End => {
                let cell = b.get(p..p + 10)?;
                // The same day as the start (when the start came first).
                cells.end = if cell == cells.start_cell {
                    cells.start
                } else {
                    Some(iso_day_bytes(cell)?)
                };
                p + 10
            }
            Role::Id => {
                let (h, q) = id_cell(text, p, classes)?;
                cells.hash = Some(h);
                q
            }
            Role::Size => {
                let (people, q) = size_cell(b, p)?;
                if people.is_some() {
                    cells.people = people;
                }
                q
            }
            Role::Kind => {
                let q = cell_end(b, p, classes)?;
                if q > p {
                    cells.kind = EventKind::from_key(text.get(p..q)?)?;
                }
                q
            }
            Role::Other => cell_end(b, p, classes)?,
        };
        Some(q)
    }
}

/// The values a row's cells gave so far, for [`FastRow::read`].
struct Cells<'t> {
    lon: f64,
    lat: f64,
    start: Option<Day>,
    end: Option<Day>,
    /// The start's bytes (an end that repeats them is the same day).
    start_cell: &'t [u8],
    people: Option<u32>,
    kind: EventKind,
    hash: Option<u32>,
}

/// Whether a cell may end at `q`: a delimiter, a line end, the end.
#[inline(always)]
fn cell_ends(b: &[u8], q: usize, delimiter: u8) -> bool {
    match b.get(q) {
        None => true,
        Some(&x) => x == delimiter || x == b'\n' || (x == b'\r' && b.get(q + 1) == Some(&b'\n')),
    }
}

/// The end of a cell of any bytes (None at what a plain file cannot hold).
#[inline(always)]
fn cell_end(b: &[u8], mut q: usize, classes: &[u8; 256]) -> Option<usize> {
    while let Some(&x) = b.get(q) {
        match classes[usize::from(x)] {
            0 => q += 1,
            1 | 2 => break,
            4 if b.get(q + 1) == Some(&b'\n') => break,
            _ => return None,
        }
    }
    Some(q)
}

/// The id cell at byte `p`: its hash ([`id_hash`], FNV-1a, made while the
/// cell is read) and where it ends; `None` for an empty id or one with
/// spaces around it.
///
/// [`id_hash`]: crate::model::points::id_hash
#[inline(always)]
fn id_cell(text: &str, p: usize, classes: &[u8; 256]) -> Option<(u32, usize)> {
    let b = text.as_bytes();
    let mut h = FNV_START;
    let mut q = p;
    while let Some(&x) = b.get(q).filter(|&&x| classes[usize::from(x)] == 0) {
        h = fnv_step(h, x);
        q += 1;
    }
    let bare = |c: Option<&u8>| c.is_some_and(|&c| c < 0x80 && !c.is_ascii_whitespace());
    if !(bare(b.get(p)) && bare(q.checked_sub(1).and_then(|l| b.get(l)).filter(|_| q > p))) {
        let id = text.get(p..q)?;
        if id.is_empty() || id.trim().len() != id.len() {
            return None;
        }
    }
    Some((h, q))
}

/// The size cell at byte `p`: a whole number of people (up to nine digits;
/// `None` when the cell is empty) and where it ends.
#[inline(always)]
fn size_cell(b: &[u8], p: usize) -> Option<(Option<u32>, usize)> {
    let mut q = p;
    let mut n = 0u32;
    while let Some(&x) = b.get(q).filter(|x| x.is_ascii_digit()) {
        n = n.wrapping_mul(10).wrapping_add(u32::from(x - b'0'));
        q += 1;
    }
    match q - p {
        0 => Some((None, q)),
        1..=9 => Some((Some(n), q)),
        _ => None,
    }
}
