//! A point CSV's rows read again from its text when shown or searched
//! ([`RowSource`]): the table keeps only their columns.
use std::sync::Arc;

use super::point_row::{PointRow, point_records};
use super::schema::Schema;
use crate::model::event::Event;
use crate::model::place::Place;
use crate::model::points::{RowSource, place_id};

/// A point CSV's rows read again from its text, for [`PointTable`].
///
/// [`PointTable`]: crate::model::points::PointTable
pub(super) struct CsvRows {
    pub(super) schema: Schema,
    /// The file's bytes (checked to be UTF-8 while it was read).
    pub(super) text: Arc<Vec<u8>>,
    /// Where each row starts in `text`, and its line.
    pub(super) offset: Vec<u32>,
    pub(super) line: Vec<u32>,
}

impl CsvRows {
    /// The bytes of row `n` (a quoted cell may run over line ends, so
    /// this is only where the row starts).
    fn from(&self, n: usize) -> Option<&[u8]> {
        self.text.get(usize::try_from(*self.offset.get(n)?).ok()?..)
    }
}

impl CsvRows {
    /// Row `n` read again in full.
    pub(super) fn point_row(&self, n: usize) -> Option<PointRow> {
        let line = *self.line.get(n)?;
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(self.schema.delimiter)
            .flexible(true)
            .has_headers(false)
            .from_reader(self.from(n)?);
        let mut record = csv::StringRecord::new();
        reader.read_record(&mut record).ok().filter(|&more| more)?;
        let fields: Vec<&str> = record.iter().collect();
        self.schema.read_row(&fields, line).ok()
    }
}

impl RowSource for CsvRows {
    fn row(&self, n: usize) -> Option<(Event, Place)> {
        let row = self.point_row(n)?;
        Some(point_records(row, &place_id(n), &self.schema.file))
    }

    fn candidates(&self, needle: &str, limit: usize) -> Vec<usize> {
        let needle = needle.as_bytes();
        // Rows in file order (the table keeps them in order of start).
        let mut order: Vec<(u32, usize)> = self.offset.iter().copied().zip(0..).collect();
        order.sort_unstable();
        let mut out = Vec::new();
        for (k, &(_, n)) in order.iter().enumerate() {
            let Some(from) = self.from(n) else {
                continue;
            };
            let end = (order.get(k + 1))
                .and_then(|&(next, _)| usize::try_from(next).ok())
                .and_then(|next| next.checked_sub(usize::try_from(order[k].0).ok()?))
                .unwrap_or(from.len());
            let row = &from[..end.min(from.len())];
            if row.len() >= needle.len() && row.windows(needle.len()).any(|w| w.eq_ignore_ascii_case(needle))
            {
                out.push(n);
                if out.len() >= limit {
                    break;
                }
            }
        }
        out.sort_unstable_by_key(|&n| self.offset[n]);
        out
    }
}
