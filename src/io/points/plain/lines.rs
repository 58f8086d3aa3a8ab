//! Whole lines of a stretch of a plain CSV parsed into a piece's rows: by
//! the fast path where it takes them, else cell by cell.
use super::NotPlain;
use super::fast_row::FastRow;
use crate::io::points::columns::Columns;
use crate::io::points::ordering::DayCounts;
use crate::io::points::point_row::RowCols;
use crate::io::points::schema::Schema;

/// A row the fast path did not take, read by the full reader once its
/// line is known: its place in its piece's columns, and its bytes.
pub(super) struct Deferred {
    pub(super) index: usize,
    pub(super) from: usize,
    pub(super) to: usize,
}

/// Rows read from one stretch of the file, in file order.
#[derive(Default)]
pub(super) struct Piece {
    pub(super) cols: Columns,
    pub(super) deferred: Vec<Deferred>,
    /// Line ends in the stretch. Rows' `line` counts the line ends before
    /// them within the stretch until the lines before the stretch are known.
    pub(super) newlines: u32,
    /// `hash << 32 | row` of the rows, sorted, made on the part's thread
    /// (empty when rows wait for the full reader: their ids are not known).
    pub(super) ids: Vec<u64>,
    /// How many rows start on each day, made with `ids`.
    pub(super) days: Option<DayCounts>,
}

/// How the byte loop sees each byte: 0 a cell's byte, 1 the delimiter,
/// 2 a line end, 3 what a plain file cannot hold (a quote, NUL), 4 a
/// carriage return (plain only before a line end).
pub(super) fn classes(delimiter: u8) -> [u8; 256] {
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
pub(super) fn parse_span(
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
pub(super) fn parse_span_at(
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
