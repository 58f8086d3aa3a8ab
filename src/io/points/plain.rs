//! Reading a point CSV without quotes on every core, as it comes off the disk.
//!
//! Spreadsheets and databases write numbers and dates without quotes, so
//! such a file can be cut anywhere at a line end. The file is split into one
//! part per core; each part's thread reads its bytes in blocks and parses the
//! whole lines of a block while it is still in the cache: the UTF-8 check,
//! the search for what this reader cannot take (a quote, a NUL byte, a
//! carriage return that does not end a line), cells and rows, all in one
//! pass. The line that straddles two parts is read after both.
//!
//! Line numbers are counted per piece and added up at the end, so a row
//! whose cells are not in the plain forms (it goes to the full reader, which
//! words its errors with the line) waits until its line is known.
//!
//! What this reader cannot take sends the whole file to the ordered reader
//! (`super::read_quoted`) with nothing lost: the reading goes on to the end.

use std::fs::File;

use super::{Columns, RowCols, Schema, headers_of};
use crate::io::problem::Problem;
use crate::io::text::to_u32;
use crate::time::index::TimeSpan;

/// Bytes read per block: small enough that a block's parse finds it in the
/// cache, big enough that the system call is a small part of the work.
const BLOCK: usize = 256 << 10;

/// Files above this are read by parts on several threads.
const PARALLEL_ABOVE: usize = 1 << 20;

/// Where the bytes come from.
pub(super) enum Fill<'f> {
    /// Already in memory.
    Memory,
    /// Read from this file while parsing (the buffer has its length).
    File(&'f File),
}

/// Something this reader does not take: the file goes to the full reader.
#[derive(Debug)]
pub(super) struct NotPlain;

/// A row the fast path did not take, read by the full reader once its
/// line is known: its place in its piece's columns, and its bytes.
struct Deferred {
    index: usize,
    from: usize,
    to: usize,
}

/// Rows read from one stretch of the file, in file order.
#[derive(Default)]
struct Piece {
    cols: Columns,
    deferred: Vec<Deferred>,
    /// Line ends in the stretch. Rows' `line` counts the line ends before
    /// them within the stretch until the lines before the stretch are known.
    newlines: u32,
    /// `hash << 32 | row` of the rows, sorted, made on the part's thread
    /// (empty when rows wait for the full reader: their ids are not known).
    ids: Vec<u64>,
    /// How many rows start on each day, made with `ids`.
    days: Option<DayCounts>,
}

/// The rows of a plain file, in file order, with their lines, and the
/// problems of the rows that could not be read.
pub(super) struct Plain {
    pub schema: Schema,
    /// Pieces in file order.
    pub pieces: Vec<Rows>,
    pub problems: Vec<Problem>,
}

/// One part's thread's result.
struct Part {
    piece: Piece,
    /// The end of the part's first line (after its '\n'), which belongs to
    /// the line straddling from the part before; `None` when the part has
    /// no line end at all.
    head_end: Option<usize>,
    /// Where the part's unparsed last line starts (it straddles into the
    /// next part).
    tail_start: usize,
    not_plain: bool,
    error: Option<std::io::Error>,
}

/// Reads `buf` (filled from `fill` when it is a file) as a plain CSV.
/// `Ok(Err(NotPlain))`: the file is not plain (it is read to the end all
/// the same, for the full reader); `Err`: the file could not be read or its
/// header names no usable columns.
pub(super) fn read(
    file: &str,
    buf: &mut [u8],
    fill: Fill<'_>,
    progress: &std::sync::atomic::AtomicU64,
) -> Result<Result<Plain, NotPlain>, Problem> {
    read_in_parts(file, buf, fill, progress, None)
}

/// [`read`] with the parts' starts given (tests put them where they like).
fn read_in_parts(
    file: &str,
    buf: &mut [u8],
    fill: Fill<'_>,
    progress: &std::sync::atomic::AtomicU64,
    cuts: Option<&[usize]>,
) -> Result<Result<Plain, NotPlain>, Problem> {
    use std::sync::atomic::Ordering::Relaxed;
    let len = buf.len();
    let read_err = |e: std::io::Error| Problem::error(file, format!("cannot read: {e}"));
    // The header: read the first block (and more while it has no line end).
    let mut filled = 0;
    let mut searched = 0; // each block is searched once: linear without line ends
    let header_end = loop {
        if let Some(i) = buf[searched..filled].iter().position(|&b| b == b'\n') {
            break searched + i + 1;
        }
        searched = filled;
        if filled == len {
            break len;
        }
        let to = (filled + BLOCK).min(len);
        fill_range(&fill, buf, filled, to).map_err(read_err)?;
        filled = to;
    };
    let skip = if buf.starts_with("\u{feff}".as_bytes()) {
        3
    } else {
        0
    };
    let Ok(header) = std::str::from_utf8(&buf[..header_end]) else {
        return finish_reading(buf, &fill, filled, read_err);
    };
    let header = header[skip..].trim_end_matches('\n');
    let header = header.strip_suffix('\r').unwrap_or(header);
    if header.trim().is_empty() || header.contains('"') || header.contains('\r') || header.contains('\0') {
        return finish_reading(buf, &fill, filled, read_err);
    }
    let delimiter = if header.contains('\t') && !header.contains(',') {
        b'\t'
    } else if header.contains(';') && !header.contains(',') {
        b';'
    } else {
        b','
    };
    let schema = Schema::new(file, delimiter, headers_of(header.split(char::from(delimiter))))?;
    let classes = classes(delimiter);

    // The parts: byte ranges of the body, not cut at line ends.
    let body = header_end;
    let starts: Vec<usize> = match cuts {
        Some(c) => std::iter::once(body)
            .chain(c.iter().copied().filter(|&c| c > body && c < len))
            .collect(),
        None => {
            let cores = std::thread::available_parallelism().map_or(1, std::num::NonZero::get);
            let parts = if len - body > PARALLEL_ABOVE {
                cores.clamp(2, 16)
            } else {
                1
            };
            (0..parts).map(|k| body + (len - body) * k / parts).collect()
        }
    };
    let mut regions: Vec<(usize, &mut [u8])> = Vec::with_capacity(starts.len());
    let (_, mut rest) = buf.split_at_mut(body);
    let mut at = body;
    for (k, &s) in starts.iter().enumerate() {
        let end = starts.get(k + 1).copied().unwrap_or(len);
        let (region, after) = rest.split_at_mut(end - s);
        regions.push((at, region));
        rest = after;
        at = end;
    }
    let last = regions.len() - 1;
    let run = |k: usize, start: usize, region: &mut [u8]| -> Part {
        // What the header's read brought of this region.
        let prefilled = filled.saturating_sub(start).min(region.len());
        read_part(
            &schema,
            &classes,
            &fill,
            start,
            region,
            prefilled,
            k == 0,
            k == last,
            progress,
        )
    };
    let parts: Vec<Part> = if regions.len() == 1 {
        regions
            .into_iter()
            .map(|(start, region)| run(0, start, region))
            .collect()
    } else {
        std::thread::scope(|scope| {
            let handles: Vec<_> = (regions.into_iter().enumerate())
                .map(|(k, (start, region))| scope.spawn(move || run(k, start, region)))
                .collect();
            handles
                .into_iter()
                .map(|h| {
                    h.join().unwrap_or_else(|_| Part {
                        piece: Piece::default(),
                        head_end: None,
                        tail_start: 0,
                        not_plain: false,
                        error: Some(std::io::Error::other("a reading thread failed")),
                    })
                })
                .collect()
        })
    };
    progress.store(len as u64, Relaxed);
    if let Some(e) = parts.iter().find_map(|p| p.error.as_ref()) {
        return Err(read_err(std::io::Error::new(e.kind(), e.to_string())));
    }
    if parts.iter().any(|p| p.not_plain) {
        return Ok(Err(NotPlain));
    }

    // Pieces in file order: each part, and the line straddling into the next.
    let buf: &[u8] = buf;
    let mut pieces: Vec<Piece> = Vec::with_capacity(parts.len() * 2);
    let mut gap_from: Option<usize> = None;
    for (k, part) in parts.into_iter().enumerate() {
        let start = starts[k];
        let Some(head_end) = part.head_end else {
            continue; // no line end: the straddling line goes on.
        };
        if let Some(from) = gap_from {
            let mut gap = Piece::default();
            if parse_span(&schema, &classes, buf, from, start + head_end, &mut gap).is_err() {
                return Ok(Err(NotPlain));
            }
            pieces.push(gap);
        }
        pieces.push(part.piece);
        gap_from = Some(start + part.tail_start);
    }
    if let Some(from) = gap_from.filter(|&g| g < len) {
        let mut gap = Piece::default();
        if parse_span(&schema, &classes, buf, from, len, &mut gap).is_err() {
            return Ok(Err(NotPlain));
        }
        pieces.push(gap);
    }

    // Lines, now that each piece's first line is known; then the rows the
    // fast path left, read in full in file order (their errors name lines).
    let mut problems = Vec::new();
    let mut line_before = to_u32(buf[..body].iter().filter(|&&b| b == b'\n').count());
    let mut out = Vec::with_capacity(pieces.len());
    let mut fields: Vec<&str> = Vec::new();
    for mut piece in pieces {
        // A row's line: the lines before its piece, those before it in the
        // piece, and its own.
        let add = line_before + 1;
        let mut dead = Vec::new();
        for d in &piece.deferred {
            let line = piece.cols.line[d.index] + add;
            let row = std::str::from_utf8(&buf[d.from..d.to]).unwrap_or("");
            fields.clear();
            fields.extend(row.split(char::from(delimiter)));
            if let Some(last) = fields.last_mut() {
                *last = last.strip_suffix('\r').unwrap_or(last);
            }
            match schema.read_row(&fields, line) {
                Ok(r) => piece.cols.set(d.index, RowCols::of(&r)),
                Err(p) => {
                    problems.extend(p);
                    dead.push(d.index);
                }
            }
        }
        if !dead.is_empty() {
            piece.cols.remove(&dead);
        }
        line_before += piece.newlines;
        if !piece.deferred.is_empty() {
            piece.ids.clear();
            piece.days = None;
        }
        out.push(Rows {
            cols: piece.cols,
            line_add: add,
            ids: piece.ids,
            days: piece.days,
        });
    }
    Ok(Ok(Plain {
        schema,
        pieces: out,
        problems,
    }))
}

/// Reads the rest of the file when it turns out not to be plain.
fn finish_reading(
    buf: &mut [u8],
    fill: &Fill<'_>,
    filled: usize,
    read_err: impl Fn(std::io::Error) -> Problem,
) -> Result<Result<Plain, NotPlain>, Problem> {
    let len = buf.len();
    fill_range(fill, buf, filled, len).map_err(read_err)?;
    Ok(Err(NotPlain))
}

/// Fills `buf[from..to]` from the file (nothing to do for bytes in memory).
fn fill_range(fill: &Fill<'_>, buf: &mut [u8], from: usize, to: usize) -> std::io::Result<()> {
    read_at(fill, &mut buf[from..to], from)
}

/// Reads `out.len()` bytes at byte `at` of the file.
fn read_at(fill: &Fill<'_>, out: &mut [u8], at: usize) -> std::io::Result<()> {
    let Fill::File(f) = fill else {
        return Ok(());
    };
    #[cfg(unix)]
    {
        std::os::unix::fs::FileExt::read_exact_at(*f, out, at as u64)
    }
    #[cfg(windows)]
    {
        let mut done = 0;
        while done < out.len() {
            match std::os::windows::fs::FileExt::seek_read(*f, &mut out[done..], (at + done) as u64) {
                Ok(0) => return Err(std::io::ErrorKind::UnexpectedEof.into()),
                Ok(n) => done += n,
                Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                Err(e) => return Err(e),
            }
        }
        Ok(())
    }
}

/// One part: read block by block, parsing each block's whole lines.
#[allow(clippy::too_many_arguments)]
fn read_part(
    schema: &Schema,
    classes: &[u8; 256],
    fill: &Fill<'_>,
    start: usize,
    region: &mut [u8],
    prefilled: usize,
    first: bool,
    last: bool,
    progress: &std::sync::atomic::AtomicU64,
) -> Part {
    let len = region.len();
    let mut part = Part {
        piece: Piece::default(),
        head_end: first.then_some(0),
        tail_start: len,
        not_plain: false,
        error: None,
    };
    // A rough capacity: rows are rarely shorter than 24 bytes.
    part.piece.cols.reserve(len / 48);
    let mut filled = prefilled;
    let mut scanned = 0; // how far the head's line end was looked for
    // How far a line end after `parse_at` was looked for: each block is
    // searched once, so a file without line ends reads in linear time.
    let mut searched = 0;
    let mut parse_at = part.head_end;
    loop {
        if filled < len {
            let to = (filled + BLOCK).min(len);
            if let Err(e) = read_at(fill, &mut region[filled..to], start + filled) {
                part.error = Some(e);
                return part;
            }
            progress.fetch_add((to - filled) as u64, std::sync::atomic::Ordering::Relaxed);
            filled = to;
        }
        if !part.not_plain {
            if parse_at.is_none() {
                if let Some(i) = region[scanned..filled].iter().position(|&b| b == b'\n') {
                    part.head_end = Some(scanned + i + 1);
                    parse_at = part.head_end;
                } else {
                    scanned = filled;
                }
            }
            if let Some(at) = parse_at {
                let end = if filled == len && last {
                    len
                } else {
                    // No line end lies in at..searched (the last search found
                    // none after `at`): look only at what came since.
                    let from = searched.max(at);
                    searched = filled;
                    region[from..filled]
                        .iter()
                        .rposition(|&b| b == b'\n')
                        .map_or(at, |i| from + i + 1)
                };
                if end > at {
                    let (region, _) = region.split_at(end);
                    if parse_span_at(schema, classes, region, start, at, end, &mut part.piece).is_err() {
                        part.not_plain = true;
                    }
                    parse_at = Some(end);
                }
            }
        }
        if filled == len {
            break;
        }
    }
    part.tail_start = parse_at.unwrap_or(len);
    if part.piece.deferred.is_empty() {
        part.piece.ids = local_ids(&part.piece.cols.hash);
        part.piece.days = DayCounts::of(&part.piece.cols.span);
    }
    part
}

/// How many rows start on each day from `first` (by [`start_key`]), when
/// the days span a short range (as history's do).
pub(super) struct DayCounts {
    first: crate::model::date::Day,
    counts: Vec<u32>,
}

impl DayCounts {
    /// `None` when the range is too long to count day by day.
    fn of(spans: &[TimeSpan]) -> Option<DayCounts> {
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
fn local_ids(hashes: &[u32]) -> Vec<u64> {
    crate::model::points::sorted_ids_of(
        (hashes.iter().zip(0u64..))
            .map(|(&h, i)| (u64::from(h) << 32) | i)
            .collect(),
    )
}

/// How the byte loop sees each byte: 0 a cell's byte, 1 the delimiter,
/// 2 a line end, 3 what a plain file cannot hold (a quote, NUL), 4 a
/// carriage return (plain only before a line end).
fn classes(delimiter: u8) -> [u8; 256] {
    let mut c = [0u8; 256];
    c[usize::from(delimiter)] = 1;
    c[usize::from(b'\n')] = 2;
    c[usize::from(b'"')] = 3;
    c[0] = 3;
    c[usize::from(b'\r')] = 4;
    c
}

/// Parses the lines of `buf[from..to]` (whole lines; the last may lack its
/// line end only at the end of the file) into `piece`.
fn parse_span(
    schema: &Schema,
    classes: &[u8; 256],
    buf: &[u8],
    from: usize,
    to: usize,
    piece: &mut Piece,
) -> Result<(), NotPlain> {
    parse_span_at(
        schema,
        classes,
        buf.get(..to).ok_or(NotPlain)?,
        0,
        from,
        to,
        piece,
    )
}

/// [`parse_span`] in a region that starts at byte `base` of the file.
fn parse_span_at(
    schema: &Schema,
    classes: &[u8; 256],
    region: &[u8],
    base: usize,
    from: usize,
    to: usize,
    piece: &mut Piece,
) -> Result<(), NotPlain> {
    let text = std::str::from_utf8(region.get(from..to).ok_or(NotPlain)?).map_err(|_| NotPlain)?;
    let bytes = text.as_bytes();
    let fast = FastRow::new(schema);
    let mut fields: Vec<&str> = Vec::with_capacity(schema.headers.len());
    let mut at = 0;
    while at < bytes.len() {
        if let Some((r, next, ended)) = fast.as_ref().and_then(|f| f.read(text, at, classes)) {
            piece.cols.push(r, piece.newlines, base + from + at);
            piece.newlines += u32::from(ended);
            at = next;
            continue;
        }
        at = any_row(schema, classes, text, at, base + from, &mut fields, piece)?;
    }
    Ok(())
}

/// Reads the row at byte `at` of `text` cell by cell, whatever its cells
/// hold; returns where the next row starts. A row the fast path cannot take
/// waits for the full reader ([`Deferred`]); a blank one is skipped.
fn any_row<'t>(
    schema: &Schema,
    classes: &[u8; 256],
    text: &'t str,
    at: usize,
    base: usize,
    fields: &mut Vec<&'t str>,
    piece: &mut Piece,
) -> Result<usize, NotPlain> {
    let bytes = text.as_bytes();
    fields.clear();
    let mut cell_at = at;
    let mut i = at;
    let (end, next) = loop {
        let Some(&b) = bytes.get(i) else {
            // The file's last line, without a line end.
            break (bytes.len(), bytes.len());
        };
        match classes[usize::from(b)] {
            0 => {}
            1 => {
                fields.push(text.get(cell_at..i).unwrap_or(""));
                cell_at = i + 1;
            }
            2 => {
                let end = if i > cell_at && bytes[i - 1] == b'\r' {
                    i - 1
                } else {
                    i
                };
                break (end, i + 1);
            }
            3 => return Err(NotPlain),
            _ => {
                if bytes.get(i + 1) != Some(&b'\n') {
                    return Err(NotPlain);
                }
            }
        }
        i += 1;
    };
    fields.push(text.get(cell_at..end.max(cell_at)).unwrap_or(""));
    let line = &bytes[at..end];
    let blank = line.is_empty()
        || ((line[0].is_ascii_whitespace() || line[0] >= 0x80)
            && text.get(at..end).is_some_and(|s| s.trim().is_empty()));
    if !blank {
        match schema.fast_row(fields) {
            Some(r) => piece.cols.push(r, piece.newlines, base + at),
            None => {
                piece.deferred.push(Deferred {
                    index: piece.cols.len(),
                    from: base + at,
                    to: base + end,
                });
                piece.cols.push(RowCols::PLACEHOLDER, piece.newlines, base + at);
            }
        }
    }
    piece.newlines += u32::from(next > end);
    Ok(next)
}

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
struct FastRow {
    roles: Vec<Role>,
    delimiter: u8,
}

impl FastRow {
    /// `None` without an id column (rows are then named by their line).
    fn new(schema: &Schema) -> Option<FastRow> {
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
    /// whether it ended with a line end.
    fn read(&self, text: &str, at: usize, classes: &[u8; 256]) -> Option<(RowCols, usize, bool)> {
        let b = text.as_bytes();
        let delimiter = self.delimiter;
        // Whether a cell may end at `q`: a delimiter, a line end, the end.
        let ends = |q: usize| match b.get(q) {
            None => true,
            Some(&x) => x == delimiter || x == b'\n' || (x == b'\r' && b.get(q + 1) == Some(&b'\n')),
        };
        // The end of a cell of any bytes (None at what a plain file cannot hold).
        let scan = |mut q: usize| -> Option<usize> {
            while let Some(&x) = b.get(q) {
                match classes[usize::from(x)] {
                    0 => q += 1,
                    1 | 2 => break,
                    4 if b.get(q + 1) == Some(&b'\n') => break,
                    _ => return None,
                }
            }
            Some(q)
        };
        let mut p = at;
        let (mut lon, mut lat, mut start, mut end) = (f64::NAN, f64::NAN, None, None);
        let mut start_cell: &[u8] = &[];
        let (mut people, mut kind, mut hash) = (None, crate::model::event::EventKind::Other, None);
        let last = self.roles.len().checked_sub(1)?;
        for (c, &role) in self.roles.iter().enumerate() {
            // Each cell's value is made as it is read; `q` is where it ends.
            let q = match role {
                Role::Lon => {
                    let (x, q) = plain_decimal(b, p)?;
                    lon = Some(x).filter(|x| (-180.0..=180.0).contains(x))?;
                    q
                }
                Role::Lat => {
                    let (x, q) = plain_decimal(b, p)?;
                    lat = Some(x).filter(|x| (-90.0..=90.0).contains(x))?;
                    q
                }
                Role::Start => {
                    let cell = b.get(p..p + 10)?;
                    start = Some(super::iso_day_bytes(cell)?);
                    start_cell = cell;
                    p + 10
                }
                Role::End if ends(p) => p,
                Role::End => {
                    let cell = b.get(p..p + 10)?;
                    // The same day as the start (when the start came first).
                    end = if cell == start_cell {
                        start
                    } else {
                        Some(super::iso_day_bytes(cell)?)
                    };
                    p + 10
                }
                Role::Id => {
                    // FNV-1a (`id_hash`) while the cell is read.
                    let mut h: u32 = 0x811c_9dc5;
                    let mut q = p;
                    while let Some(&x) = b.get(q).filter(|&&x| classes[usize::from(x)] == 0) {
                        h ^= u32::from(x);
                        h = h.wrapping_mul(0x0100_0193);
                        q += 1;
                    }
                    let bare = |c: Option<&u8>| c.is_some_and(|&c| c < 0x80 && !c.is_ascii_whitespace());
                    if !(bare(b.get(p)) && bare(q.checked_sub(1).and_then(|l| b.get(l)).filter(|_| q > p))) {
                        let id = text.get(p..q)?;
                        if id.is_empty() || id.trim().len() != id.len() {
                            return None;
                        }
                    }
                    hash = Some(h);
                    q
                }
                Role::Size => {
                    let mut q = p;
                    let mut n = 0u32;
                    while let Some(&x) = b.get(q).filter(|x| x.is_ascii_digit()) {
                        n = n.wrapping_mul(10).wrapping_add(u32::from(x - b'0'));
                        q += 1;
                    }
                    match q - p {
                        0 => {}
                        1..=9 => people = Some(n),
                        _ => return None,
                    }
                    q
                }
                Role::Kind => {
                    let q = scan(p)?;
                    if q > p {
                        kind = crate::model::event::EventKind::from_key(text.get(p..q)?)?;
                    }
                    q
                }
                Role::Other => scan(p)?,
            };
            if !ends(q) {
                return None;
            }
            p = q;
            if c < last {
                if b.get(p) != Some(&delimiter) {
                    return None;
                }
                p += 1;
            }
        }
        let (next, ended) = match b.get(p) {
            None => (p, false),
            Some(b'\n') => (p + 1, true),
            Some(b'\r') if b.get(p + 1) == Some(&b'\n') => (p + 2, true),
            _ => return None,
        };
        let start = start?;
        let end = end.unwrap_or(start);
        if end < start {
            return None;
        }
        let (x, y) = crate::model::geo::world_xy(lon, lat);
        Some((
            RowCols {
                world: [x, y],
                span: TimeSpan::exact(start, end),
                kind,
                people,
                hash: hash?,
            },
            next,
            ended,
        ))
    }
}

/// The plain decimal at byte `at` (a leading minus, digits, at most one
/// point), read up to the first byte that is not one of those, with where
/// it stops; `None` without digits or with more than 15. Exactly what
/// `str::parse` gives, faster: 15 digits form an integer that f64 holds
/// exactly, and a power of ten up to 10^22 is exact too, so one correctly
/// rounded division gives the correctly rounded value (Clinger's fast path).
pub(super) fn plain_decimal(b: &[u8], at: usize) -> Option<(f64, usize)> {
    const POW10: [f64; 16] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15,
    ];
    let negative = b.get(at) == Some(&b'-');
    let mut q = at + usize::from(negative);
    let (mut m, mut n, mut frac, mut dot) = (0u64, 0usize, 0usize, false);
    while let Some(&c) = b.get(q) {
        if c.is_ascii_digit() {
            m = m.wrapping_mul(10).wrapping_add(u64::from(c - b'0'));
            n += 1;
            frac += usize::from(dot);
        } else if c == b'.' && !dot {
            dot = true;
        } else {
            break;
        }
        q += 1;
    }
    if n == 0 || n > 15 {
        return None;
    }
    let x = m as f64 / POW10[frac];
    Some((if negative { -x } else { x }, q))
}

/// The key rows are kept in: their earliest day.
fn start_key(s: &TimeSpan) -> crate::model::date::Day {
    s.earliest_start.min(s.latest_end)
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
    let counted: Vec<&DayCounts> = pieces.iter().filter_map(|p| p.days.as_ref()).collect();
    let (lo, hi) = (counted.iter().filter(|d| !d.counts.is_empty()))
        .fold((i32::MAX, i32::MIN), |(lo, hi), d| {
            (lo.min(d.first), hi.max(d.last()))
        });
    let range = (i64::from(hi) - i64::from(lo) + 1).max(0) as usize;
    // Where each piece's rows of each day go: the rows of earlier days, then
    // those of the day in earlier pieces. One table per piece, so that each
    // thread finds the rows' places as it goes.
    let places = if counted.len() == pieces.len() && range * pieces.len() <= 1 << 24 {
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
        let mut tables = Vec::with_capacity(pieces.len());
        for d in &counted {
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
    } else {
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
    };
    // Each half moves its columns in one pass over the rows.
    let first_half = || {
        let mut world = vec![[0.0f64; 2]; n];
        let mut span = vec![TimeSpan::exact(0, 0); n];
        let mut kind = vec![crate::model::event::EventKind::Other; n];
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
    };
    let second_half = || {
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
    };
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

/// Lists of `hash << 32 | row` of the pieces, each in order of hash, with
/// each piece's rows' places: one list of `hash << 32 | place`, in order of
/// hash then place. Each list is renumbered, then the two shortest are
/// merged until one is left (the lines between parts are lists of one);
/// each run of one hash (rare: 32-bit hashes of distinct ids) is then put
/// in order of place.
fn merge_ids(lists: Vec<(&[u64], &[u32])>) -> Vec<u64> {
    let hash = |x: u64| x >> 32;
    fn renumbered<'a>((l, d): (&'a [u64], &'a [u32])) -> impl Iterator<Item = u64> + 'a {
        (l.iter()).map(move |&x| (x & !0xFFFF_FFFF) | u64::from(d[(x & 0xFFFF_FFFF) as usize]))
    }
    let total = lists.iter().map(|(l, _)| l.len()).sum();
    // The lines between parts (lists of one) go in at the end.
    let (small, big): (Vec<_>, Vec<_>) = lists.into_iter().partition(|(l, _)| l.len() < 64);
    let mut lines: Vec<u64> = small.into_iter().flat_map(renumbered).collect();
    lines.sort_unstable_by_key(|&x| hash(x));
    let mut ids = match big.len() {
        0 => Vec::with_capacity(total),
        // Two parts (two cores): merged while renumbered.
        2 => {
            let mut out = Vec::with_capacity(total);
            let (mut a, mut b) = (renumbered(big[0]).peekable(), renumbered(big[1]).peekable());
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
        // Otherwise the two shortest, until one is left.
        _ => {
            let mut lists: Vec<Vec<u64>> = big.into_iter().map(|l| renumbered(l).collect()).collect();
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
    };
    // The lines merged in from the back, in place.
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
    // Runs of one hash in order of place.
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
    ids
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

#[cfg(test)]
mod tests {
    use super::super::tests::{mixed_csv, rows_by_line};
    use super::super::{load_csv, load_csv_path};
    use super::*;

    fn schema_of(text: &str) -> Schema {
        let header = text.lines().next().unwrap_or("");
        Schema::new("t.csv", b',', headers_of(header.split(','))).unwrap()
    }

    #[test]
    fn a_row_read_from_its_bytes_has_the_columns_the_cells_give() {
        let text = mixed_csv(4000, 5);
        let schema = schema_of(&text);
        let fast = FastRow::new(&schema).unwrap();
        let classes = classes(b',');
        let (mut taken, mut left) = (0, 0);
        for line in text.lines().skip(1) {
            for ending in ["\n", "\r\n", ""] {
                let row = format!("{line}{ending}");
                let fields: Vec<&str> = line.split(',').collect();
                let want = schema.fast_row(&fields);
                match fast.read(&row, 0, &classes) {
                    Some((got, next, ended)) => {
                        taken += 1;
                        assert_eq!((next, ended), (row.len(), !ending.is_empty()));
                        let want = want.unwrap_or_else(|| panic!("only the fast path took «{line}»"));
                        assert_eq!(
                            (got.world, got.span, got.kind, got.people, got.hash),
                            (want.world, want.span, want.kind, want.people, want.hash),
                            "{line}"
                        );
                    }
                    None => left += 1,
                }
            }
        }
        // Both ways were taken: the rows left go to the cell-by-cell reader.
        assert!(taken > 200 && left > 200, "taken {taken}, left {left}");
        // What the cell-by-cell reader takes and this does not.
        for row in [
            "e1, 110,30,1938-01-01,,,,t",
            "e1,110,30,1938-01-01,,,",
            "e1,110,30,1938-01-01,,,,t,extra",
        ] {
            assert!(fast.read(row, 0, &classes).is_none(), "{row}");
        }
    }

    #[test]
    fn id_lists_merge_in_order_of_hash_then_place() {
        let mut x = 7u64;
        let mut next = || {
            x = x
                .wrapping_mul(6_364_136_223_846_793_005)
                .wrapping_add(1_442_695_040_888_963_407);
            x >> 40
        };
        // Places: a shuffle of 0..3000, cut into pieces of rows.
        let mut keyed: Vec<(u64, u32)> = (0..3000).map(|r| (next(), r)).collect();
        keyed.sort_unstable();
        let places: Vec<u32> = keyed.into_iter().map(|(_, r)| r).collect();
        // Two parts and the lines between them (two cores), one part, five
        // parts, lines only.
        let layouts: [&[usize]; 4] = [
            &[1200, 1, 1798, 1],
            &[3000],
            &[700, 1, 700, 1, 700, 1, 700, 197],
            &[1, 1, 1],
        ];
        for sizes in layouts {
            let mut pieces: Vec<&[u32]> = Vec::new();
            let mut at = 0;
            for &n in sizes {
                pieces.push(&places[at..at + n]);
                at += n;
            }
            // Few hashes, so that runs of one hash cross the pieces.
            let lists: Vec<Vec<u64>> = (pieces.iter())
                .map(|d| {
                    let mut l: Vec<u64> = (0..d.len() as u64).map(|i| ((next() % 97) << 32) | i).collect();
                    l.sort_by_key(|&v| v >> 32); // in order of hash only
                    l
                })
                .collect();
            let mut want: Vec<u64> = (lists.iter().zip(&pieces))
                .flat_map(|(l, d)| {
                    l.iter()
                        .map(|&v| (v & !0xFFFF_FFFF) | u64::from(d[(v & 0xFFFF_FFFF) as usize]))
                })
                .collect();
            want.sort_unstable();
            let got = merge_ids(
                lists
                    .iter()
                    .zip(&pieces)
                    .map(|(l, d)| (l.as_slice(), *d))
                    .collect(),
            );
            assert_eq!(got, want, "{sizes:?}");
        }
        assert!(merge_ids(Vec::new()).is_empty());
    }

    #[test]
    fn rows_over_millennia_are_put_in_order_too() {
        // Days too far apart to count one by one: sorted by key instead.
        let mut text = String::from("id,lon,lat,start\n");
        for i in 0..5000u32 {
            let year = 1000 + (i * 7919) % 9000;
            text.push_str(&format!("r{i},110.5,30.25,{year}-0{}-1{}\n", 1 + i % 9, i % 10));
        }
        let l = load_csv("far.csv", text.as_bytes());
        assert!(
            l.problems.is_empty(),
            "{:?}",
            &l.problems[..3.min(l.problems.len())]
        );
        let ds = &l.dataset;
        assert_eq!(ds.points.len(), 5000);
        assert!(
            ds.points
                .span
                .windows(2)
                .all(|w| w[0].earliest_start <= w[1].earliest_start)
        );
        for n in (0..5000).step_by(97) {
            let e = ds.event_at(n).unwrap();
            let line = text.lines().nth(e.origin.line as usize - 1).unwrap();
            assert!(line.starts_with(&format!("{},", e.id)), "{line} {}", e.id);
            assert_eq!(ds.points.find(&e.id), Some(n));
            assert_eq!(ds.points.span[n], crate::time::span_of(&e.when));
        }
    }

    /// The rows, lines and problems of a load, for comparing two loads.
    fn summary(l: &crate::io::load::Loaded) -> (Vec<super::super::tests::Row>, Vec<String>) {
        (
            rows_by_line(l),
            l.problems.iter().map(|p| format!("{p}")).collect(),
        )
    }

    #[test]
    fn parts_cut_anywhere_give_the_rows_and_lines_of_one_part() {
        let mut text = mixed_csv(300, 9);
        text.push_str("\n   \n"); // blank lines, and a last line without its end
        text.push_str("last,111.5,35.5,1939-01-01,,battle,3,the end");
        let whole = {
            let mut bytes = text.clone().into_bytes();
            let progress = std::sync::atomic::AtomicU64::new(0);
            let read = read_in_parts("t.csv", &mut bytes, Fill::Memory, &progress, Some(&[]));
            assert!(matches!(read, Ok(Ok(_))));
            super::super::from_plain_read("t.csv", bytes, read, &progress)
        };
        let want = summary(&whole);
        assert!(
            want.0.len() > 30 && want.1.len() > 50,
            "{} rows, {} problems",
            want.0.len(),
            want.1.len()
        );
        let len = text.len();
        let line_start = text[len / 2..].find('\n').map(|i| len / 2 + i + 1).unwrap();
        let cut_sets: Vec<Vec<usize>> = vec![
            vec![len / 2],
            vec![line_start],     // a part that starts on a line
            vec![line_start - 1], // one that starts on a line end
            vec![line_start + 1, line_start + 3, line_start + 5], // parts inside one line
            (1..40).map(|k| k * len / 40).collect(),
            vec![len - 3],
            vec![len - 1],
        ];
        for cuts in cut_sets {
            let mut bytes = text.clone().into_bytes();
            let progress = std::sync::atomic::AtomicU64::new(0);
            let read = read_in_parts("t.csv", &mut bytes, Fill::Memory, &progress, Some(&cuts));
            assert!(matches!(read, Ok(Ok(_))), "{cuts:?}");
            let got = super::super::from_plain_read("t.csv", bytes, read, &progress);
            assert_eq!(summary(&got), want, "cuts {cuts:?}");
            // Every row is found by its id (the first row with it).
            let ds = &got.dataset;
            for n in 0..ds.points.len() {
                let e = ds.event_at(n).unwrap();
                let m = ds
                    .points
                    .find(&e.id)
                    .unwrap_or_else(|| panic!("{} not found", e.id));
                let first = ds.event_at(m).unwrap();
                assert!(
                    first.id == e.id && first.origin.line <= e.origin.line,
                    "{} {cuts:?}",
                    e.id
                );
            }
            assert_eq!(
                got.dataset.event_at(0).map(|e| e.id.clone()),
                whole.dataset.event_at(0).map(|e| e.id.clone())
            );
        }
    }

    #[test]
    fn a_file_read_from_disk_in_parts_loads_as_its_bytes_do() {
        let dir = std::env::temp_dir().join(format!("chronoatlas-plain-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        // Over 1 MB: read by parts on two threads at least.
        let mut text = mixed_csv(40_000, 3);
        assert!(text.len() > PARALLEL_ABOVE);
        let path = dir.join("big.csv");
        std::fs::write(&path, &text).unwrap();
        let progress = std::sync::atomic::AtomicU64::new(0);
        let from_disk = load_csv_path(&path, "big.csv", &progress);
        assert_eq!(
            progress.load(std::sync::atomic::Ordering::Relaxed),
            text.len() as u64
        );
        assert_eq!(
            summary(&from_disk),
            summary(&load_csv("big.csv", text.as_bytes()))
        );
        assert!(from_disk.dataset.points.len() > 10_000);
        // A quote near the end sends the whole file to the ordered reader.
        text.push_str("q1,110,30,1938-01-01,,,,\"a, quoted title\"\n");
        std::fs::write(&path, &text).unwrap();
        let quoted = load_csv_path(&path, "big.csv", &progress);
        assert_eq!(quoted.dataset.points.len(), from_disk.dataset.points.len() + 1);
        assert_eq!(
            quoted.dataset.event("q1").map(|e| e.title_en.clone()),
            Some("a, quoted title".to_string())
        );
        // Bad bytes far into the file are named with their line.
        let mut bytes = mixed_csv(40_000, 3).into_bytes();
        let at = bytes.len() - 100;
        bytes[at] = 0xFF;
        std::fs::write(&path, &bytes).unwrap();
        let bad = load_csv_path(&path, "big.csv", &progress);
        assert!(bad.dataset.points.is_empty());
        let line = bytes[..at].iter().filter(|&&b| b == b'\n').count() + 1;
        assert!(
            bad.problems.iter().any(|p| p.line as usize == line),
            "{:?}",
            bad.problems
        );
        // A file that is gone says so.
        let gone = load_csv_path(&dir.join("gone.csv"), "gone.csv", &progress);
        assert_eq!(
            gone.problems[0].to_string(),
            "gone.csv: no such file or folder",
            "{:?}",
            gone.problems
        );
        std::fs::remove_dir_all(&dir).ok();
    }
}
