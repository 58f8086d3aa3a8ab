//! Uncertain historical dates: see docs/DATA_FORMAT.md.
