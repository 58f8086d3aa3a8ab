//! The column store: what the table keeps of each row (position, time span,
//! kind, people, id hash), by column, with each row's line and byte offset.
use super::point_row::RowCols;
use super::schema::Schema;
use crate::io::problem::Problem;
use crate::model::event::EventKind;
use crate::time::index::TimeSpan;

/// The rows read so far, by column, with where each row is in the text.
#[derive(Default)]
pub(super) struct Columns {
    pub(super) world: Vec<[f64; 2]>,
    pub(super) span: Vec<TimeSpan>,
    pub(super) kind: Vec<EventKind>,
    pub(super) people: Vec<Option<u32>>,
    pub(super) hash: Vec<u32>,
    pub(super) line: Vec<u32>,
    /// Byte of the row's start (files are at most `MAX_FILE_BYTES`).
    pub(super) offset: Vec<u32>,
}

impl Columns {
    pub(super) fn reserve(&mut self, n: usize) {
        self.world.reserve(n);
        self.span.reserve(n);
        self.kind.reserve(n);
        self.people.reserve(n);
        self.hash.reserve(n);
        self.line.reserve(n);
        self.offset.reserve(n);
    }

    pub(super) fn len(&self) -> usize {
        self.world.len()
    }

    #[inline]
    pub(super) fn push(&mut self, r: RowCols, line: u32, offset: usize) {
        self.world.push(r.world);
        self.span.push(r.span);
        self.kind.push(r.kind);
        self.people.push(r.people);
        self.hash.push(r.hash);
        self.line.push(line);
        self.offset.push(offset as u32);
    }

    /// Puts `r` in row `i` (its line and offset stay).
    pub(super) fn set(&mut self, i: usize, r: RowCols) {
        self.world[i] = r.world;
        self.span[i] = r.span;
        self.kind[i] = r.kind;
        self.people[i] = r.people;
        self.hash[i] = r.hash;
    }

    /// Removes the rows at `rows` (ascending).
    pub(super) fn remove(&mut self, rows: &[usize]) {
        fn drop_rows<T>(v: &mut Vec<T>, rows: &[usize]) {
            let mut i = 0;
            let mut next = rows.iter().peekable();
            v.retain(|_| {
                let gone = next.peek() == Some(&&i);
                if gone {
                    next.next();
                }
                i += 1;
                !gone
            });
        }
        drop_rows(&mut self.world, rows);
        drop_rows(&mut self.span, rows);
        drop_rows(&mut self.kind, rows);
        drop_rows(&mut self.people, rows);
        drop_rows(&mut self.hash, rows);
        drop_rows(&mut self.line, rows);
        drop_rows(&mut self.offset, rows);
    }

    /// One row: its plain columns, or read in full, or its problems.
    #[inline]
    pub(super) fn take(
        &mut self,
        schema: &Schema,
        fields: &[&str],
        line: u32,
        offset: usize,
        problems: &mut Vec<Problem>,
    ) {
        if let Some(r) = schema.fast_row(fields) {
            self.push(r, line, offset);
            return;
        }
        match schema.read_row(fields, line) {
            Ok(row) => self.push(RowCols::of(&row), line, offset),
            Err(p) => problems.extend(p),
        }
    }
}
