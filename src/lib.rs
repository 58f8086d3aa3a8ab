//! chronoatlas: dated, cited, geocoded historical events on an offline map.
//!
//! `model`, `io` and `time` hold the data and its logic, free of any UI, so
//! they test fast without a window; `map` and `ui` draw with egui/walkers;
//! `app` owns the window. See ARCHITECTURE.md.
pub mod app;
pub mod edit;
pub mod gazetteer;
/// Every change of the explorer, as data (`state/command.rs`).
pub use state::command;
pub mod io;
pub mod map;
pub mod mode;
pub mod model;
pub mod os;
pub mod render;
pub mod search;
pub mod state;
pub mod suggest;
pub mod testing;
pub mod time;
pub mod ui;
