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
//! (`super::quoted`) with nothing lost: the reading goes on to the end.

use std::fs::File;

use super::ordering::Rows;
use super::point_row::RowCols;
use super::roles::ColumnChoice;
use super::schema::{Schema, delimiter_of, headers_of};
use crate::io::problem::Problem;
use crate::io::text::to_u32;
use lines::Piece;
use lines::{classes, parse_span};
use part::{Part, fill_range, read_part};

mod fast_row;
mod lines;
mod part;

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

/// The rows of a plain file, in file order, with their lines, and the
/// problems of the rows that could not be read.
pub(super) struct Plain {
    pub schema: Schema,
    /// Pieces in file order.
    pub pieces: Vec<Rows>,
    pub problems: Vec<Problem>,
}

/// Reads `buf` (filled from `fill` when it is a file) as a plain CSV.
/// `Ok(Err(NotPlain))`: the file is not plain (it is read to the end all
/// the same, for the full reader); `Err`: the file could not be read or its
/// header names no usable columns.
pub(super) fn read(
    file: &str,
    buf: &mut [u8],
    fill: Fill<'_>,
    choice: &ColumnChoice,
    progress: &std::sync::atomic::AtomicU64,
) -> Result<Result<Plain, NotPlain>, Problem> {
    read_in_parts(file, buf, fill, choice, progress, None)
}

/// [`read`] with the parts' starts given (tests put them where they like).
fn read_in_parts(
    file: &str,
    buf: &mut [u8],
    fill: Fill<'_>,
    choice: &ColumnChoice,
    progress: &std::sync::atomic::AtomicU64,
    cuts: Option<&[usize]>,
) -> Result<Result<Plain, NotPlain>, Problem> {
    let len = buf.len();
    let Some(Header {
        end: body,
        filled,
        schema,
    }) = read_header(file, buf, &fill, choice)?
    else {
        return Ok(Err(NotPlain));
    };
    let classes = classes(schema.delimiter);
    let starts = part_starts(body, len, cuts);
    let parts = read_parts(&schema, &classes, &fill, buf, &starts, filled, progress);
    progress.store(len as u64, std::sync::atomic::Ordering::Relaxed);
    if let Some(e) = parts.iter().find_map(|p| p.error.as_ref()) {
        return Err(read_error(file, std::io::Error::new(e.kind(), e.to_string())));
    }
    if parts.iter().any(|p| p.not_plain) {
        return Ok(Err(NotPlain));
    }
    let buf: &[u8] = buf;
    let Ok(pieces) = stitch(&schema, &classes, buf, &starts, parts) else {
        return Ok(Err(NotPlain));
    };
    let (pieces, problems) = with_lines(&schema, buf, body, pieces);
    Ok(Ok(Plain {
        schema,
        pieces,
        problems,
    }))
}

/// "cannot read", and why.
fn read_error(file: &str, e: std::io::Error) -> Problem {
    Problem::error(file, format!("cannot read: {e}"))
}

/// The header row: where it ends (the body starts), how far its read filled
/// the buffer, and the columns it names.
struct Header {
    end: usize,
    filled: usize,
    schema: Schema,
}

/// Reads the first block (and more while it has no line end) and finds the
/// columns in its first line. `Ok(None)`: the header is not plain (the
/// rest of the file is read all the same, for the full reader); `Err`: the
/// file could not be read or its header names no usable columns.
fn read_header(
    file: &str,
    buf: &mut [u8],
    fill: &Fill<'_>,
    choice: &ColumnChoice,
) -> Result<Option<Header>, Problem> {
    let len = buf.len();
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
        fill_range(fill, buf, filled, to).map_err(|e| read_error(file, e))?;
        filled = to;
    };
    let skip = if buf.starts_with("\u{feff}".as_bytes()) {
        3
    } else {
        0
    };
    let Ok(header) = std::str::from_utf8(&buf[..header_end]) else {
        return finish_reading(file, buf, fill, filled);
    };
    let header = header[skip..].trim_end_matches('\n');
    let header = header.strip_suffix('\r').unwrap_or(header);
    if header.trim().is_empty() || header.contains('"') || header.contains('\r') || header.contains('\0') {
        return finish_reading(file, buf, fill, filled);
    }
    let delimiter = delimiter_of(header);
    let sample = sample(&buf[header_end..filled], delimiter, filled == len);
    let headers = headers_of(header.split(char::from(delimiter)));
    let schema = Schema::choose(file, delimiter, headers, choice, &sample)?;
    Ok(Some(Header {
        end: header_end,
        filled,
        schema,
    }))
}

/// Reads the rest of the file when it turns out not to be plain.
fn finish_reading(
    file: &str,
    buf: &mut [u8],
    fill: &Fill<'_>,
    filled: usize,
) -> Result<Option<Header>, Problem> {
    let len = buf.len();
    fill_range(fill, buf, filled, len).map_err(|e| read_error(file, e))?;
    Ok(None)
}

/// The parts: byte ranges of the body (from `body`), not cut at line ends.
fn part_starts(body: usize, len: usize, cuts: Option<&[usize]>) -> Vec<usize> {
    match cuts {
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
    }
}

/// Reads the parts that start at `starts` (the first at the body), each on
/// its own thread when there are several. `filled`: how far the header's
/// read filled `buf`.
fn read_parts(
    schema: &Schema,
    classes: &[u8; 256],
    fill: &Fill<'_>,
    buf: &mut [u8],
    starts: &[usize],
    filled: usize,
    progress: &std::sync::atomic::AtomicU64,
) -> Vec<Part> {
    let len = buf.len();
    let body = starts[0];
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
            schema,
            classes,
            fill,
            start,
            region,
            prefilled,
            k == 0,
            k == last,
            progress,
        )
    };
    if regions.len() == 1 {
        return regions
            .into_iter()
            .map(|(start, region)| run(0, start, region))
            .collect();
    }
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
}

/// Pieces in file order: each part's, and the line straddling from it into
/// the next, read now that both parts are in.
fn stitch(
    schema: &Schema,
    classes: &[u8; 256],
    buf: &[u8],
    starts: &[usize],
    parts: Vec<Part>,
) -> Result<Vec<Piece>, NotPlain> {
    let len = buf.len();
    let mut pieces: Vec<Piece> = Vec::with_capacity(parts.len() * 2);
    let mut gap_from: Option<usize> = None;
    for (k, part) in parts.into_iter().enumerate() {
        let start = starts[k];
        let Some(head_end) = part.head_end else {
            continue; // no line end: the straddling line goes on.
        };
        if let Some(from) = gap_from {
            let mut gap = Piece::default();
            parse_span(schema, classes, buf, from, start + head_end, &mut gap)?;
            pieces.push(gap);
        }
        pieces.push(part.piece);
        gap_from = Some(start + part.tail_start);
    }
    if let Some(from) = gap_from.filter(|&g| g < len) {
        let mut gap = Piece::default();
        parse_span(schema, classes, buf, from, len, &mut gap)?;
        pieces.push(gap);
    }
    Ok(pieces)
}

/// Lines, now that each piece's first line is known; then the rows the
/// fast path left, read in full in file order (their errors name lines).
fn with_lines(schema: &Schema, buf: &[u8], body: usize, pieces: Vec<Piece>) -> (Vec<Rows>, Vec<Problem>) {
    let delimiter = char::from(schema.delimiter);
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
            fields.extend(row.split(delimiter));
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
    (out, problems)
}

#[cfg(test)]
mod tests;

/// The whole lines of the first block's body, split into cells, for
/// finding columns by their content (the last line may be cut short
/// unless the block is the whole file).
fn sample(body: &[u8], delimiter: u8, whole: bool) -> Vec<Vec<String>> {
    let text = String::from_utf8_lossy(body);
    let mut lines: Vec<&str> = text.lines().collect();
    if !whole && !text.ends_with('\n') {
        lines.pop();
    }
    lines
        .into_iter()
        .filter(|l| !l.trim().is_empty())
        .take(super::SAMPLE_ROWS)
        .map(|l| l.split(char::from(delimiter)).map(str::to_string).collect())
        .collect()
}
