//! The integration tests, in one binary: each test binary links the whole
//! window stack (wgpu, winit, egui), so one binary instead of ten keeps the
//! build's disk and link time small. The kiosk soak test stays on its own
//! (`tests/kiosk_soak.rs`) because it measures the resident memory of its
//! process, which other tests running beside it would disturb.

#[path = "../common/mod.rs"]
mod common;

mod app_ui;
mod basemap;
mod big_data;
mod claims;
mod cli;
mod crowding;
mod dataset;
mod editing;
mod editing_map;
mod export;
mod fonts;
mod formats;
mod interrupted;
mod kiosk;
mod knock_on;
mod layout;
mod mutation;
mod no_panic;
mod opening;
mod panels;
mod permissions;
mod presentation;
mod properties;
mod reading;
mod real_window;
mod snapshots;
mod suggest;
mod walkthrough;
