//! One part of a plain CSV on its own thread: its bytes read block by block
//! from the disk, each block's whole lines parsed while it is in the cache.
use super::lines::{Piece, parse_span_at};
use super::{BLOCK, Fill};
use crate::io::points::ordering::{DayCounts, local_ids};
use crate::io::points::schema::Schema;

/// One part's thread's result.
pub(super) struct Part {
    pub(super) piece: Piece,
    /// The end of the part's first line (after its '\n'), which belongs to
    /// the line straddling from the part before; `None` when the part has
    /// no line end at all.
    pub(super) head_end: Option<usize>,
    /// Where the part's unparsed last line starts (it straddles into the
    /// next part).
    pub(super) tail_start: usize,
    pub(super) not_plain: bool,
    pub(super) error: Option<std::io::Error>,
}

/// One part: read block by block, parsing each block's whole lines.
#[allow(clippy::too_many_arguments)]
pub(super) fn read_part(
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
    let mut lines = WholeLines::new(part.head_end);
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
        if !part.not_plain
            && let Some((at, end)) = lines.came(region, filled, filled == len && last)
        {
            let (region, _) = region.split_at(end);
            if parse_span_at(schema, classes, region, start, at, end, &mut part.piece).is_err() {
                part.not_plain = true;
            }
        }
        if filled == len {
            break;
        }
    }
    part.head_end = lines.head_end;
    part.tail_start = lines.parse_at.unwrap_or(len);
    if part.piece.deferred.is_empty() {
        part.piece.ids = local_ids(&part.piece.cols.hash);
        part.piece.days = DayCounts::of(&part.piece.cols.span);
    }
    part
}

/// Where a part's whole lines are, as its blocks come in.
struct WholeLines {
    /// The end of the part's first line (after its '\n'), once found.
    head_end: Option<usize>,
    /// Where the next line to parse starts (after the first line).
    parse_at: Option<usize>,
    /// How far the head's line end was looked for.
    scanned: usize,
    /// How far a line end after `parse_at` was looked for: each block is
    /// searched once, so a file without line ends reads in linear time.
    searched: usize,
}

impl WholeLines {
    /// `head_end` given for the first part (its first line is its own).
    fn new(head_end: Option<usize>) -> WholeLines {
        WholeLines {
            head_end,
            parse_at: head_end,
            scanned: 0,
            searched: 0,
        }
    }

    /// The whole lines `at..end` that came since the last call, now that
    /// `region[..filled]` is read (all that is left when `to_end`); `None`
    /// when no line is whole yet.
    fn came(&mut self, region: &[u8], filled: usize, to_end: bool) -> Option<(usize, usize)> {
        if self.parse_at.is_none() {
            if let Some(i) = region[self.scanned..filled].iter().position(|&b| b == b'\n') {
                self.head_end = Some(self.scanned + i + 1);
                self.parse_at = self.head_end;
            } else {
                self.scanned = filled;
            }
        }
        let at = self.parse_at?;
        let end = if to_end {
            region.len()
        } else {
            // No line end lies in at..searched (the last search found
            // none after `at`): look only at what came since.
            let from = self.searched.max(at);
            self.searched = filled;
            region[from..filled]
                .iter()
                .rposition(|&b| b == b'\n')
                .map_or(at, |i| from + i + 1)
        };
        if end > at {
            self.parse_at = Some(end);
            Some((at, end))
        } else {
            None
        }
    }
}

/// Fills `buf[from..to]` from the file (nothing to do for bytes in memory).
pub(super) fn fill_range(fill: &Fill<'_>, buf: &mut [u8], from: usize, to: usize) -> std::io::Result<()> {
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
