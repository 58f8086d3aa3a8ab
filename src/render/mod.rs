//! Headless frames and time-lapses drawn by the window's own code: the
//! export cannot drift from the screen.
pub mod frame;
pub mod gpu;
pub mod interrupt;
pub mod job;
pub mod output;
pub mod partials;
pub mod raster;
pub mod schedule;
pub mod timelapse;
