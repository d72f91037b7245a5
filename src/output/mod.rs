//! Output formats.

pub mod timeml;
