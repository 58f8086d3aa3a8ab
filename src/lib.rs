//! chronoatlas: dated, cited, geocoded historical events on an offline map.
//!
//! `model`, `io` and `time` hold the data and its logic, free of any UI, so
//! they test fast without a window. See ARCHITECTURE.md.
pub mod io;
pub mod model;
pub mod time;
