//! Plain historical data: no egui, no walkers, no files.
pub mod date;
pub mod size;
