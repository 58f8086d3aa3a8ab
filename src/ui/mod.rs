//! egui panels and the look of the app. Panels read state and push
//! commands; `app.rs` applies them.
pub mod about;
pub mod details;
pub mod export;
pub mod fonts;
pub mod kiosk;
pub mod legend;
pub mod open_dialog;
pub mod presentation;
pub mod problems;
pub mod reading;
pub mod reading_select;
pub mod theme;
pub mod timebar;
